import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, injectCspMeta } from './src-main/electron/policy/csp';

/**
 * The Content-Security-Policy as a <meta> in the built index.html (the desktop app loads it from
 * disk: no headers there). Build only: Vite's dev server injects inline scripts (React refresh).
 */
function cspMeta(): Plugin {
  return {
    name: 'signal-explorer-csp',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => injectCspMeta(html, contentSecurityPolicy('meta')) },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/electron/index.ts'),
          // Reading chunks and writing files run in long-lived worker threads: their entry, next to index.js.
          'export-worker': resolve('src-main/exports/worker/export-worker.ts'),
          // The embedded demo API runs on its own thread too (see src-main/emulator/start-in-worker.ts).
          'emulator-worker': resolve('src-main/emulator/emulator-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything else (zod, the contract).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        external: ['electron'],
        // package.json says "type": "module"; a sandboxed preload must still be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [react(), cspMeta()],
  },
});
