import fs from 'node:fs';
import path from 'node:path';
import { engine } from '../helpers/engine';
import { runScript, scriptSubject } from '../helpers/script-subject';

jest.setTimeout(120_000);

it(`npm run rotate-keys -- --new-version creates a 0600 key version and rewraps (${engine})`, async () => {
  const s = await scriptSubject();
  try {
    const first = await runScript('scripts/rotate-keys.ts', ['--new-version'], s.env);
    expect(first.output).toContain('Created key-encryption key version 2.');
    expect(first.output).toContain(
      'Rewrapped 0 case keys, 0 referral keys, 0 CA key and 0 second-factor secrets under version 2.',
    );
    expect(first.code).toBe(0);
    const file = path.join(s.env.DATA_DIR!, 'secrets', 'data_kek_v2.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const second = await runScript('scripts/rotate-keys.ts', [], s.env);
    expect(second.code).toBe(0);
    expect(second.output).toContain('under version 2');
  } finally {
    await s.cleanup();
  }
});
