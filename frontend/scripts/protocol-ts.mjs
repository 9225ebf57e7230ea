// The TypeScript frame types of src/realtime/generated, made from protocol.json (the
// backend's frame catalogue, written by `python -m parley protocol`). Shared by
// `npm run gen:protocol` and the freshness check, so both render exactly alike.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { compile } from 'json-schema-to-typescript';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const schemaPath = path.join(root, 'protocol.json');
export const outputPath = path.join(root, 'src/realtime/generated/protocol.ts');

const banner = `/* Generated from frontend/protocol.json by \`npm run gen:protocol\`: do not edit.
 * The backend's catalogue (backend/parley/realtime/protocol.py) is the source; run
 * \`make openapi\` after changing it. */`;

/** Named constants for an integer enum that lists its names in x-enum-varnames. */
function enumConstants(name, schema) {
  const names = schema['x-enum-varnames'];
  if (!Array.isArray(names) || names.length !== schema.enum.length) {
    throw new Error(`protocol.json: $defs.${name} needs x-enum-varnames for its constants`);
  }
  const members = names.map((member, i) => `  ${member}: ${JSON.stringify(schema.enum[i])},`);
  return [
    `/** ${name}'s values by name. */`,
    `export const ${name}s = {`,
    ...members,
    `} as const satisfies Record<string, ${name}>;`,
    '',
  ].join('\n');
}

export async function renderProtocol(file = schemaPath) {
  const schema = JSON.parse(await readFile(file, 'utf8'));
  const types = await compile(schema, 'ParleyProtocol', {
    bannerComment: banner,
    // The server frames forbid extra fields; nested payloads are the REST models, whose
    // extra fields (if a newer server sends one) a client may ignore without an index type.
    additionalProperties: false,
    unreachableDefinitions: false,
    // `attachments` (maxItems 10) as string[], not a union of eleven tuples.
    maxItems: -1,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  return `${types}\n${enumConstants('CloseCode', schema.$defs.CloseCode)}`;
}
