import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config';
import { addDevelopmentKekVersion, loadKeyring } from './keyring';

const kek = randomBytes(32);
let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-keyring-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('loadKeyring', () => {
  it('is DATA_KEK as version 1, plus DATA_KEK_V<N> from the environment', () => {
    const v3 = randomBytes(32).toString('base64');
    const keyring = loadKeyring(
      { isProduction: true, dataDir },
      { DATA_KEK: kek },
      {
        DATA_KEK_V3: v3,
      },
    );
    expect(keyring.versions()).toEqual([1, 3]);
    expect(keyring.currentVersion()).toBe(3);
  });

  it('names a malformed version variable without its value', () => {
    const run = () =>
      loadKeyring({ isProduction: true, dataDir }, { DATA_KEK: kek }, { DATA_KEK_V2: 'corto' });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/DATA_KEK_V2: must be base64/);
    expect(run).not.toThrow(/corto/);
  });

  it('adds development versions as 0600 files and a running keyring finds them', () => {
    const keyring = loadKeyring({ isProduction: false, dataDir }, { DATA_KEK: kek }, {});
    const other = loadKeyring({ isProduction: false, dataDir }, { DATA_KEK: kek }, {});
    expect(addDevelopmentKekVersion({ isProduction: false, dataDir }, keyring)).toBe(2);
    const file = path.join(dataDir, 'secrets', 'data_kek_v2.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const fresh = loadKeyring({ isProduction: false, dataDir }, { DATA_KEK: kek }, {});
    const wrapped = fresh.wrap(randomBytes(32), 'case:1');
    expect(wrapped.kekVersion).toBe(2);
    expect(other.unwrap(wrapped, 'case:1')).toHaveLength(32); // reloaded on the unknown version
  });

  it('works without version 1 once it is retired, and refuses no version at all', () => {
    const v2 = randomBytes(32).toString('base64');
    const keyring = loadKeyring({ isProduction: true, dataDir }, {}, { DATA_KEK_V2: v2 });
    expect(keyring.versions()).toEqual([2]);
    expect(() => loadKeyring({ isProduction: true, dataDir }, {}, {})).toThrow(
      /DATA_KEK: no key-encryption key/,
    );
  });

  it('never creates key files in production', () => {
    const keyring = loadKeyring({ isProduction: true, dataDir }, { DATA_KEK: kek }, {});
    expect(() => addDevelopmentKekVersion({ isProduction: true, dataDir }, keyring)).toThrow(
      ConfigError,
    );
  });
});
