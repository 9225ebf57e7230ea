/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The backend (uvicorn) listens here in development; in production it serves dist/ itself.
const backend = process.env.PARLEY_DEV_BACKEND ?? 'http://127.0.0.1:8000';

type ModuleInfoOf = (id: string) => { isEntry: boolean; importers: readonly string[] } | null;
const upFront = new Map<string, boolean>();

/** Whether a static import chain leads from the entry to `id` (so the first page loads it). */
function loadedUpFront(id: string, getModuleInfo: ModuleInfoOf): boolean {
  const known = upFront.get(id);
  if (known !== undefined) return known;
  const seen = new Set([id]);
  const queue = [id];
  let found = false;
  while (!found && queue.length > 0) {
    const info = getModuleInfo(queue.pop() ?? '');
    if (!info) continue;
    if (info.isEntry) found = true;
    for (const importer of info.importers) {
      if (upFront.get(importer) === true) found = true;
      if (!seen.has(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  upFront.set(id, found);
  return found;
}

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // changeOrigin stays off: the backend checks the WebSocket Origin against the page's host.
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change far less often than the app: separate files stay cached across releases.
        // Only those the first page needs, though: a library reached only through import()
        // (the Markdown renderer, the code highlighter) stays in its lazy chunk.
        manualChunks(id, { getModuleInfo }) {
          if (!id.includes('/node_modules/') || !loadedUpFront(id, getModuleInfo)) return undefined;
          return /\/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id) ? 'react' : 'vendor';
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
