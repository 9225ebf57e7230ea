/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The backend (uvicorn) listens here in development; in production it serves dist/ itself.
const backend = process.env.PARLEY_DEV_BACKEND ?? 'http://127.0.0.1:8000';

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
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined;
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
