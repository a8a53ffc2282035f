import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generate } from '@otplib/totp';
import { base32Decode } from '../../../security/totp/base32';

const crypto = new NodeCryptoPlugin();
const PERIOD_S = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD_S);

/**
 * A person's authenticator app. The server accepts a code of the previous,
 * current or next 30-second step, each step once and only after the last one
 * it accepted: codes are taken in increasing steps, waiting when all three
 * are used.
 */
export class Authenticator {
  constructor(
    readonly secret: string,
    public lastStep = 0,
  ) {}

  async code(): Promise<string> {
    let step = Math.max(this.lastStep + 1, currentStep() - 1);
    while (step > currentStep() + 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      step = Math.max(this.lastStep + 1, currentStep() - 1);
    }
    // Keep clear of the edge of the tolerance window (the request takes time).
    if (step === currentStep() - 1 && (Date.now() / 1000) % PERIOD_S > 25) step += 1;
    this.lastStep = step;
    return generate({ secret: base32Decode(this.secret), epoch: step * PERIOD_S, crypto });
  }
}
