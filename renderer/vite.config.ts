import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The window built on its own, for the browser tests (served by the test bridge). The desktop app
 * builds the same sources through electron.vite.config.ts.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '..', '.tmp', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
