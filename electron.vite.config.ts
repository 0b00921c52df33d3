/**
 * electron-vite build of the desktop app (`npm run build:electron`, `npm run dev:electron`):
 *
 *   out/main/index.js          main process (src-main/shell/main.ts), ES module
 *   out/main/embed-worker.js   the embedder's worker thread, beside the main bundle, which is where
 *                              core/embed/worker-embedder.ts looks for it once bundled
 *   out/main/pdf-worker.js     the PDF reader's worker thread (core/library/pdf-worker-reader.ts)
 *   out/main/layout-worker.js  the map layout's worker thread (core/map/layout-runner.ts)
 *   out/preload/index.cjs      the sandboxed preload (CommonJS: sandboxed preloads cannot be ESM)
 *   out/renderer/              the Svelte renderer, built with the same options as browser mode
 *
 * Runtime dependencies stay external (loaded from node_modules, which electron-builder packs);
 * the native ones must, so they can be unpacked from the asar (see electron-builder.yml).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererOptions, rendererRoot } from './vite.renderer.config.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Native addons: always external, and asarUnpack'ed by electron-builder. */
export const NATIVE_MODULES = ['@lancedb/lancedb', 'onnxruntime-node'] as const;

/**
 * electron-vite picks the Node/Chrome build targets (and whether main may be an ES module) from
 * node_modules/electron/package.json. Where the optional `electron` package is absent (its binary
 * download failed), it would stop with "Cannot find module 'electron/package.json'"; use the major
 * version that package.json asks for instead, so the bundles are the same ones it would build.
 */
function declaredElectronMajor(): string | null {
  if (process.env.ELECTRON_MAJOR_VER) return process.env.ELECTRON_MAJOR_VER;
  if (fs.existsSync(path.join(root, 'node_modules', 'electron', 'package.json'))) return null;
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    optionalDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const range = manifest.optionalDependencies?.electron ?? manifest.devDependencies?.electron ?? '';
  return /(\d+)/.exec(range)?.[1] ?? null;
}
const electronMajor = declaredElectronMajor();
if (electronMajor !== null) process.env.ELECTRON_MAJOR_VER = electronMajor;

const renderer = rendererOptions();

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out', 'main'),
      externalizeDeps: { include: [...NATIVE_MODULES] },
      rolldownOptions: {
        input: {
          index: path.join(root, 'src-main', 'shell', 'main.ts'),
          'embed-worker': path.join(root, 'src-main', 'core', 'embed', 'embed-worker.ts'),
          // The PDF reader's worker (library import), looked up the same way as embed-worker.js.
          'pdf-worker': path.join(root, 'src-main', 'core', 'library', 'pdf-worker.ts'),
          // The map's layout worker (core/map/layout-runner.ts), looked up the same way.
          'layout-worker': path.join(root, 'src-main', 'core', 'map', 'layout-worker.ts'),
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // Shared chunks sit beside the entries, so `new URL('./embed-worker.js', import.meta.url)`
          // resolves to the worker from whichever chunk the embedder code lands in.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out', 'preload'),
      // The preload imports only 'electron' and the shell's own zod-free modules; bundle everything.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'src-main', 'shell', 'preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    build: {
      ...renderer.build,
      rolldownOptions: { input: path.join(rendererRoot, 'index.html') },
    },
  },
});
