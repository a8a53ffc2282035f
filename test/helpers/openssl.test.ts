import fs from 'node:fs';
import path from 'node:path';
import { findOpenssl, TempDir } from './openssl';

const MISSING =
  'openssl was not found on the PATH; the tests need it (Debian: apt-get install openssl)';

describe('findOpenssl', () => {
  const dir = new TempDir();
  afterAll(() => dir.remove());

  it('says how to install openssl when no PATH entry has it', () => {
    expect(() => findOpenssl(dir.path)).toThrow(MISSING);
    expect(() => findOpenssl('')).toThrow(MISSING);
  });

  it('skips a file named openssl that is not executable, and finds one that is', () => {
    const notExecutable = path.join(dir.path, 'plain');
    const executable = path.join(dir.path, 'bin');
    fs.mkdirSync(notExecutable);
    fs.mkdirSync(executable);
    fs.writeFileSync(path.join(notExecutable, 'openssl'), '', { mode: 0o600 });
    fs.writeFileSync(path.join(executable, 'openssl'), '#!/bin/sh\n', { mode: 0o700 });
    const searchPath = [notExecutable, executable].join(path.delimiter);
    expect(findOpenssl(searchPath)).toBe(path.join(executable, 'openssl'));
    expect(() => findOpenssl(notExecutable)).toThrow(MISSING);
  });
});
