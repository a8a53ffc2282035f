import {
  groupCode,
  normaliseCode,
} from '../../client/src/features/certificate-verification/verification-code';
import {
  formatVerificationCode,
  newVerificationCode,
  normaliseVerificationCode,
} from '../../server/modules/training-certificates/verification-code';

/** The page catches typos itself: it must read every code exactly as the server does. */
describe('the verification page reads codes as the server does', () => {
  it('agrees on issued codes, their typed forms and their typos', () => {
    for (let i = 0; i < 300; i++) {
      const code = newVerificationCode();
      expect(groupCode(code)).toBe(formatVerificationCode(code));
      const typed = [
        code,
        formatVerificationCode(code).toLowerCase(),
        ` ${code.replace(/0/g, 'o').replace(/1/g, 'L')} `,
        code.slice(0, 7) + (code[7] === 'A' ? 'B' : 'A') + code.slice(8),
        code.slice(1),
        `${code}X`,
        code.replace(/.$/, 'U'),
      ];
      for (const input of typed) {
        expect([input, normaliseCode(input)]).toEqual([input, normaliseVerificationCode(input)]);
      }
    }
  });
});
