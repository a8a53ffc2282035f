import fs from 'node:fs';
import path from 'node:path';

/**
 * The client's strings: every namespace has the same keys in Spanish (the
 * reference) and English, and no value is empty. A missing English key would
 * show Spanish to an English reader; a missing Spanish key, a raw key.
 */
const clientSrc = path.resolve(__dirname, '../../client/src');

function localeFolders(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory()) return [];
    return entry.name === 'locales' ? [full] : localeFolders(full);
  });
}

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;

describe('client translations', () => {
  const folders = localeFolders(clientSrc);

  it('finds the namespaces', () => {
    expect(folders.length).toBeGreaterThanOrEqual(8);
  });

  it.each(folders.map((f) => [path.relative(clientSrc, f)]))(
    '%s: English has exactly the Spanish keys, none empty',
    (relative) => {
      const es = leaves(read(path.join(clientSrc, relative, 'es.json')));
      const en = leaves(read(path.join(clientSrc, relative, 'en.json')));
      expect([...en.keys()].sort()).toEqual([...es.keys()].sort());
      for (const [key, value] of [...es, ...en])
        expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    },
  );

  it('every namespace folder is registered in the i18n resources', () => {
    const resources = fs.readFileSync(path.join(clientSrc, 'app/i18n/resources.ts'), 'utf8');
    for (const folder of folders) {
      const relative = path.relative(path.join(clientSrc, 'app/i18n'), folder);
      expect(resources).toContain(`'${relative}/es.json'`);
    }
  });
});
