// `npm run gen:protocol`: writes src/realtime/generated/protocol.ts from protocol.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { outputPath, renderProtocol, root } from './protocol-ts.mjs';

await mkdir(path.dirname(outputPath), { recursive: true });
await writeFile(outputPath, await renderProtocol());
console.log(`gen:protocol wrote ${path.relative(root, outputPath)}`);
