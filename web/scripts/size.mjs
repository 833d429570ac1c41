// Reports compressed sizes of the build and enforces the budget:
// first load (index.html and what it references) <= 150 KB gzip, its JS <= 100 KB gzip.
// Also reports the total the service worker precaches (every shell file).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const KB = 1024;
const BUDGET_TOTAL = 150 * KB;
const BUDGET_JS = 100 * KB;

function sizes(rel) {
  const p = join(dist, rel);
  const raw = readFileSync(p);
  const gz = existsSync(`${p}.gz`) ? readFileSync(`${p}.gz`).length : gzipSync(raw).length;
  const br = existsSync(`${p}.br`) ? readFileSync(`${p}.br`).length : brotliCompressSync(raw).length;
  return { rel, raw: raw.length, gz, br };
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = new Set(['index.html', 'sw.js']);
for (const m of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) refs.add(m[1]);

const first = [...refs].map(sizes);
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;
console.log('first load (raw / gzip / brotli):');
for (const s of first) console.log(`  ${s.rel.padEnd(40)} ${fmt(s.raw).padStart(9)} ${fmt(s.gz).padStart(9)} ${fmt(s.br).padStart(9)}`);
const total = first.reduce((a, s) => a + s.gz, 0);
const js = first.filter((s) => s.rel.endsWith('.js')).reduce((a, s) => a + s.gz, 0);
console.log(`  total ${fmt(total)} gzip (budget ${fmt(BUDGET_TOTAL)}), JS ${fmt(js)} gzip (budget ${fmt(BUDGET_JS)})`);

const lazy = readdirSync(join(dist, 'assets'))
  .filter((f) => !/\.(gz|br)$/.test(f) && !refs.has(`assets/${f}`))
  .map((f) => sizes(`assets/${f}`));
console.log('lazy chunks (loaded on demand, precached by the service worker):');
for (const s of lazy) console.log(`  ${s.rel.padEnd(40)} ${fmt(s.raw).padStart(9)} ${fmt(s.gz).padStart(9)} ${fmt(s.br).padStart(9)}`);
const all = total + lazy.reduce((a, s) => a + s.gz, 0);
console.log(`  everything incl. lazy: ${fmt(all)} gzip`);

if (total > BUDGET_TOTAL || js > BUDGET_JS) {
  console.error('over budget');
  process.exit(1);
}
