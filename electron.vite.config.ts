import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/** The desktop app: main process, preload and window, built into out/ (npm start, electron-builder). */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // the background thread of a workspace (electron/main/app/background.ts) lands beside index.js
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          'background-worker': resolve(import.meta.dirname, 'electron/main/app/background-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // a sandboxed preload must be CommonJS
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // the window, and the report page its reports are printed from (a hidden window)
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          report: resolve(import.meta.dirname, 'renderer/report.html'),
        },
      },
      chunkSizeWarningLimit: 4000,
    },
  },
});
