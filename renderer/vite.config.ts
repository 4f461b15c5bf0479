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
    // the window, and the report page its reports are printed from
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        report: resolve(import.meta.dirname, 'report.html'),
      },
    },
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
