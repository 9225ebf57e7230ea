/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

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

// The favicon's blue: the browser's bar and the splash screen of the installed app.
const brand = '#4c6ef5';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // Our own worker (src/sw.ts), so later handlers (Web Push) live beside the caching.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // main.tsx registers it (features/pwa): no generated registration script.
      injectRegister: false,
      // The worker waits for the user's "Reload" instead of swapping code under them.
      registerType: 'prompt',
      injectManifest: {
        // The app shell and every chunk (lazy ones too, so an offline reload can open any
        // screen already seen); never the source maps. The manifest's icons come on top.
        globPatterns: ['**/*.{js,css,html}'],
      },
      includeAssets: ['favicon.svg', 'favicon.ico', 'apple-touch-icon-180x180.png'],
      manifest: {
        id: '/',
        name: 'Parley',
        short_name: 'Parley',
        description: 'Real-time chat rooms',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: brand,
        background_color: '#ffffff',
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
    // Hashed assets as .br and .gz beside the originals; backend/parley/spa.py picks one by
    // the request's Accept-Encoding, so the server never compresses on the fly.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: [/\.(js|css)$/],
      exclude: [/(^|\/)sw\.js$/],
      threshold: 1024,
    }),
  ],
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
