// Shared by `npm run gen:api` and scripts/check-api.mjs, so the freshness check
// regenerates with exactly the options the committed client was made with.
/** @type {import('@hey-api/openapi-ts').UserConfig} */
export default {
  input: './openapi.json',
  output: { path: 'src/api/generated' },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
};
