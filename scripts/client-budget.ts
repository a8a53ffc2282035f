/**
 * The web client's size budget, measured on the production build
 * (client/dist): the JavaScript a browser must load before the first screen —
 * the entry script and every module it preloads — gzipped, must stay within
 * 250 KB. Prints every chunk so that growth is visible; exit 1 over budget.
 *
 *   npm run build:client && npm run budget:client
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = path.resolve(__dirname, '../client/dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

const initial = new Set(
  [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g),
  ].map((m) => m[1] ?? ''),
);
const gzipKb = (file: string) =>
  gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;

const chunks = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => `assets/${name}`)
  .map((file) => ({ file, kb: gzipKb(file), initial: initial.has(file) }))
  .sort((a, b) => b.kb - a.kb);

const initialKb = chunks.filter((c) => c.initial).reduce((sum, c) => sum + c.kb, 0);
const lazyKb = chunks.filter((c) => !c.initial).reduce((sum, c) => sum + c.kb, 0);
for (const c of chunks) {
  console.log(`${c.initial ? 'initial' : 'lazy   '}  ${c.kb.toFixed(1).padStart(7)} KB  ${c.file}`);
}
console.log(
  `initial JavaScript ${initialKb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB, ${((initialKb / BUDGET_KB) * 100).toFixed(0)} %); loaded on demand ${lazyKb.toFixed(1)} KB in ${chunks.filter((c) => !c.initial).length} chunks`,
);
if (initial.size === 0) throw new Error('no entry script found in client/dist/index.html');
if (initialKb > BUDGET_KB) {
  console.error(`over budget by ${(initialKb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
