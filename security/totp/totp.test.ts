import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generate } from '@otplib/totp';
import { base32Decode, base32Encode } from './base32';
import { checkTotp, createTotpEnrolment } from './totp';

const at = (seconds: number) => new Date(seconds * 1000);
const crypto = new NodeCryptoPlugin();
const codeAt = (secret: string, seconds: number) =>
  generate({ secret: base32Decode(secret), epoch: seconds, crypto });

describe('TOTP', () => {
  const { secret, otpauthUrl } = createTotpEnrolment('ana.perez@municipio.gob.ec');
  const t0 = 1_800_000_000; // a step boundary (divisible by 30)

  it('enrols with a 160-bit base32 secret and an otpauth URI', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Amparo:ana\.perez%40municipio\.gob\.ec\?/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toContain('issuer=Amparo'); // SHA-1, 6 digits, 30 s: the URI defaults
  });

  it('accepts the current step and one step either side, not two', async () => {
    const code = await codeAt(secret, t0 + 5);
    expect(await checkTotp(secret, code, null, at(t0 + 5))).toEqual({
      ok: true,
      timeStep: t0 / 30,
    });
    expect((await checkTotp(secret, code, null, at(t0 + 35))).ok).toBe(true);
    expect((await checkTotp(secret, code, null, at(t0 - 25))).ok).toBe(true);
    expect((await checkTotp(secret, code, null, at(t0 + 65))).ok).toBe(false);
  });

  it('accepts a code once: not again, nor an older one', async () => {
    const code = await codeAt(secret, t0 + 5);
    const first = await checkTotp(secret, code, null, at(t0 + 5));
    expect(first.ok).toBe(true);
    const step = first.ok ? first.timeStep : -1;
    expect((await checkTotp(secret, code, step, at(t0 + 6))).ok).toBe(false);
    const earlier = await codeAt(secret, t0 - 20);
    expect((await checkTotp(secret, earlier, step, at(t0 + 7))).ok).toBe(false);
    const next = await codeAt(secret, t0 + 31);
    expect((await checkTotp(secret, next, step, at(t0 + 31))).ok).toBe(true);
  });

  it('refuses a wrong or malformed code', async () => {
    const code = await codeAt(secret, t0);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await checkTotp(secret, wrong, null, at(t0))).ok).toBe(false);
    expect((await checkTotp(secret, '12345', null, at(t0))).ok).toBe(false);
    expect((await checkTotp(secret, '12345a', null, at(t0))).ok).toBe(false);
  });
});

describe('base32', () => {
  it('matches RFC 4648 test vectors (unpadded) and round-trips', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
  });
});
