import { randomBytes } from 'node:crypto';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { verify } from '@otplib/totp';
import { generateTOTP } from '@otplib/uri';
import { base32Decode, base32Encode } from './base32';

/** RFC 6238 defaults that every authenticator app understands. */
export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'Amparo';
const crypto = new NodeCryptoPlugin();

export interface TotpEnrolment {
  /** Base32, as typed into an app by hand. */
  secret: string;
  otpauthUrl: string;
}

/** A new 160-bit secret and the otpauth:// URI an authenticator app scans. */
export function createTotpEnrolment(accountLabel: string): TotpEnrolment {
  const secret = base32Encode(randomBytes(20));
  return { secret, otpauthUrl: generateTOTP({ issuer: ISSUER, label: accountLabel, secret }) };
}

export type TotpCheck = { ok: true; timeStep: number } | { ok: false };

/**
 * Accepts the code of the current 30 s step or of the one before or after
 * (clock drift), and only for a step later than the last one accepted for
 * this account, so a code works once.
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastAcceptedStep: number | null,
  now: Date = new Date(),
): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const result = await verify({
    secret: base32Decode(secret),
    token: code,
    crypto,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(lastAcceptedStep === null ? {} : { afterTimeStep: lastAcceptedStep }),
  });
  if (!result.valid || !('timeStep' in result)) return { ok: false };
  return { ok: true, timeStep: result.timeStep };
}
