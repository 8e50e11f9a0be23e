import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, injectCspMeta } from './src-main/electron/policy/csp';
import { workerEntryPoints } from './src-main/workers/worker-entry';

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

/**
 * The app's icon (resources/icon.svg, the one source of icon.png) as the page's icon, in every mode:
 * written beside index.html by the build (the desktop window loads it from disk, browser mode
 * serves it as it serves the page's other files) and served by the dev server. Without it the
 * browser asks for /favicon.ico on every load, and logs the 404.
 */
function pageIcon(): Plugin {
  const icon = () => readFileSync(resolve('resources/icon.svg'));
  return {
    name: 'signal-explorer-page-icon',
    transformIndexHtml: () => [{ tag: 'link', attrs: { rel: 'icon', type: 'image/svg+xml', href: './icon.svg' }, injectTo: 'head' }],
    configureServer(server) {
      server.middlewares.use('/icon.svg', (_req, res) => {
        res.setHeader('content-type', 'image/svg+xml');
        res.end(icon());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'icon.svg', source: icon() });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/electron/index.ts'),
          // The worker threads' entries, next to index.js.
          ...workerEntryPoints(resolve),
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
    plugins: [react(), cspMeta(), pageIcon()],
  },
});
