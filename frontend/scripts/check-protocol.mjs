// Fails when src/realtime/generated/protocol.ts is not what the committed protocol.json
// produces. (backend/tests/unit/test_protocol.py fails when protocol.json is not what the
// server's catalogue produces: together, catalogue, schema and types cannot drift apart.)
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { outputPath, renderProtocol, root, schemaPath } from './protocol-ts.mjs';

const output = path.relative(root, outputPath);
const schema = path.relative(root, schemaPath);

function fail(problem) {
  console.error(`check:protocol failed: ${problem}`);
  console.error('Run `make openapi` (or `npm run gen:protocol` in frontend/) and commit the result.');
  process.exit(1);
}

if (!existsSync(schemaPath)) fail(`${schema} is missing (the backend writes it).`);
if (!existsSync(outputPath)) fail(`${output} is missing.`);
const [want, have] = await Promise.all([renderProtocol(), readFile(outputPath, 'utf8')]);
if (want !== have) fail(`${output} is stale: it does not match ${schema}.`);
console.log(`check:protocol ok: ${output} matches ${schema}.`);
