/**
 * Compiled JavaScript for the Node entry points (`npm run build:node`, run by `prepare` on every
 * `npm install` / `npm ci`):
 *
 *   out/node/cli.js            the `facet` command (bin/facet.mjs runs it when present)
 *   out/node/serve.js          browser mode (`node out/node/serve.js`)
 *   out/node/embed-worker.js   the embedder's worker thread, beside the chunks that start it
 *                              (core/embed/worker-embedder.ts looks for it there)
 *   out/node/pdf-worker.js     the PDF reader's worker thread (core/library/pdf-worker-reader.ts)
 *
 * Running these instead of the TypeScript sources through tsx saves compiling the module graph
 * on every start. Dependencies stay external (loaded from node_modules), as in the Electron build.
 * out/node sits two folders below the repository root, as the sources do, so paths found from a
 * module's own location (repoRoot(), the renderer folder) are the same in both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export const NODE_ENTRIES = {
  cli: 'src-main/node/cli.ts',
  serve: 'src-main/node/serve.ts',
  'embed-worker': 'src-main/core/embed/embed-worker.ts',
  'pdf-worker': 'src-main/core/library/pdf-worker.ts',
} as const;

export default defineConfig({
  root,
  // Nothing from public/ or index.html: this is a server-side build.
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: path.join(root, 'out', 'node'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: Object.fromEntries(Object.entries(NODE_ENTRIES).map(([name, file]) => [name, path.join(root, file)])),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        // Beside the entries, so `new URL('./embed-worker.js', import.meta.url)` finds the worker from any chunk.
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
  ssr: {
    // Every dependency is loaded from node_modules at run time (native addons must be).
    noExternal: [],
  },
});
