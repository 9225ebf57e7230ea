// Fails when src/api/generated is not what the current openapi.json produces, so a
// backend change that nobody regenerated the client for breaks `make test` loudly.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createClient } from '@hey-api/openapi-ts';

import config from '../openapi-ts.config.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const committed = path.join(root, config.output.path);
const schema = path.join(root, config.input);

async function listFiles(dir, prefix = '') {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const relative = path.join(prefix, entry.name);
      return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
    }),
  );
  return files.flat().sort();
}

function fail(lines) {
  console.error(['check:api failed:', ...lines.map((line) => `  ${line}`)].join('\n'));
  console.error('Run `npm run gen:api` in frontend/ and commit src/api/generated.');
  process.exit(1);
}

if (!existsSync(schema)) fail([`${path.relative(root, schema)} is missing (the backend writes it).`]);
if (!existsSync(committed)) fail([`${config.output.path} is missing.`]);

const scratch = await mkdtemp(path.join(tmpdir(), 'parley-api-'));
try {
  await createClient({
    ...config,
    input: schema,
    output: { ...config.output, path: scratch },
    logs: { level: 'silent', file: false },
  });

  const [expected, actual] = await Promise.all([listFiles(scratch), listFiles(committed)]);
  const problems = [];
  for (const file of expected) {
    if (!actual.includes(file)) problems.push(`missing: ${file}`);
    else {
      const [want, have] = await Promise.all([
        readFile(path.join(scratch, file), 'utf8'),
        readFile(path.join(committed, file), 'utf8'),
      ]);
      if (want !== have) problems.push(`stale:   ${file}`);
    }
  }
  for (const file of actual) if (!expected.includes(file)) problems.push(`extra:   ${file}`);

  if (problems.length > 0) {
    fail([`${config.output.path} does not match ${config.input}:`, ...problems]);
  }
  console.log(`check:api ok: ${config.output.path} matches ${config.input} (${expected.length} files).`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
