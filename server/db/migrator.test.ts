import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareMigrations, loadMigrationFiles } from './migrator';

const file = (version: string, checksum = `sum${version}`) => ({
  version,
  name: 'x',
  checksum,
  sql: '',
});

describe('compareMigrations', () => {
  const files = [file('0001'), file('0002')];

  it('is current when every file is applied with the same checksum', () => {
    const applied = files.map(({ version, checksum }) => ({ version, checksum }));
    expect(compareMigrations(files, applied)).toEqual({ current: true });
  });

  it('reports the first pending, changed or unknown migration', () => {
    expect(compareMigrations(files, [{ version: '0001', checksum: 'sum0001' }])).toEqual({
      current: false,
      reason: 'pending',
      version: '0002',
    });
    expect(
      compareMigrations(files, [
        { version: '0001', checksum: 'edited' },
        { version: '0002', checksum: 'sum0002' },
      ]),
    ).toEqual({ current: false, reason: 'changed', version: '0001' });
    expect(
      compareMigrations(
        [file('0001')],
        [
          { version: '0001', checksum: 'sum0001' },
          { version: '0002', checksum: 'sum0002' },
        ],
      ),
    ).toEqual({ current: false, reason: 'unknown_applied', version: '0002' });
  });
});

describe('loadMigrationFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-migrations-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped migrations in order with checksums', () => {
    const files = loadMigrationFiles();
    expect(files[0]).toMatchObject({ version: '0001', name: 'institutions' });
    expect(files.every((f) => /^[0-9a-f]{64}$/.test(f.checksum))).toBe(true);
  });

  it('refuses a gap in the sequence and a badly named file', () => {
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'select 1');
    fs.writeFileSync(path.join(dir, '0003_c.sql'), 'select 1');
    expect(() => loadMigrationFiles(dir)).toThrow(/out of sequence/);
    fs.renameSync(path.join(dir, '0003_c.sql'), path.join(dir, '2_c.sql'));
    expect(() => loadMigrationFiles(dir)).toThrow(/must look like/);
  });
});
