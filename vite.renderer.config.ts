/**
 * Build options for the renderer (src-renderer -> out/renderer). `npm run build:renderer` uses the
 * default export; the Electron build (electron.vite.config.ts) reuses `rendererOptions()` so both
 * front ends ship the same bundle.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
export const rendererRoot = path.join(repoRoot, 'src-renderer');
export const rendererOutDir = path.join(repoRoot, 'out', 'renderer');

/**
 * The built renderer has a strict CSP (index.html). Vite's dev server injects component styles as
 * <style> elements, which that CSP blocks, so during `vite serve` only, inline styles are allowed.
 */
function devServerStyleCsp(): Plugin {
  return {
    name: 'facet-dev-server-style-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    },
  };
}

export function rendererOptions(): UserConfig {
  return {
    root: rendererRoot,
    // Relative asset URLs work both from file:// (packaged Electron) and from the bridge's origin.
    base: './',
    plugins: [svelte({ configFile: false }), devServerStyleCsp()],
    build: {
      outDir: rendererOutDir,
      emptyOutDir: true,
      target: 'chrome120',
      sourcemap: false,
    },
  };
}

export default defineConfig(rendererOptions());
