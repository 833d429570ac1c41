// Writes dist/sw.js from sw/sw.template.js with the list of app-shell files to precache
// (index.html, manifest, icons, every hashed file under assets/) and a version derived
// from their contents, so a new build replaces the old cache.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}

const files = walk(dist)
  .filter((f) => !/\.(gz|br)$/.test(f) && !f.endsWith(`${sep}sw.js`))
  .sort();
const hash = createHash('sha256');
const shell = [];
for (const f of files) {
  const url = '/' + relative(dist, f).split(sep).join('/');
  hash.update(url).update(readFileSync(f));
  shell.push(url);
}
const version = hash.digest('hex').slice(0, 16);
const template = readFileSync(join(root, 'sw', 'sw.template.js'), 'utf8');
const out = template
  .replace('__VERSION__', version)
  .replace('__SHELL__', JSON.stringify(shell, null, 2));
writeFileSync(join(dist, 'sw.js'), out);
console.log(`sw.js: ${shell.length} shell files, version ${version}`);
