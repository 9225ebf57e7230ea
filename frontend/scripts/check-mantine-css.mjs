// After `vite build`: every Mantine class the bundled components set (m_xxxxxxxx) must have
// rules in the built CSS. src/mantine.css imports Mantine's styles per component, so a
// component used for the first time without its file there would render unstyled.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const assets = new URL('../dist/assets/', import.meta.url).pathname;
const files = readdirSync(assets);
const read = (suffix) =>
  files
    .filter((name) => name.endsWith(suffix))
    .map((name) => readFileSync(join(assets, name), 'utf8'))
    .join('\n');

const pattern = /\bm_[0-9a-f]{8}\b/g;
const used = new Set(read('.js').match(pattern));
const styled = new Set(read('.css').match(pattern));
const missing = [...used].filter((name) => !styled.has(name)).sort();
if (missing.length > 0) {
  console.error(`Mantine classes without styles (add their component to src/mantine.css): ${missing.join(' ')}`);
  for (const name of missing) {
    const owner = readdirSync(new URL('../node_modules/@mantine/core/styles/', import.meta.url))
      .filter((file) => !file.includes('.layer.'))
      .find((file) => readFileSync(new URL(`../node_modules/@mantine/core/styles/${file}`, import.meta.url), 'utf8').includes(name));
    console.error(`  ${name}: ${owner ?? 'unknown'}`);
  }
  process.exit(1);
}
console.log(`Mantine styles: all ${used.size} classes the bundle sets are styled.`);
