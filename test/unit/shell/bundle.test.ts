/**
 * Builds the desktop bundles with electron-vite (into a temp folder; no Electron runtime needed)
 * and checks what Electron will load: the preload is one self-contained CommonJS file that
 * requires only 'electron' and exposes the API when run the way a sandboxed preload runs, and the
 * embed worker sits beside the main bundle where the embedder looks for it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALOG_NAMES, RENDERER_REQUEST_NAMES } from '../../../src-main/common/contract-renderer.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('electron-vite bundles', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-shell-bundle-'));
    const build = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MAJOR_VER: '' },
    });
    if (build.status !== 0) throw new Error(`electron-vite build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  });

  afterAll(() => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('emits main, the embed worker beside it, the preload and the renderer', () => {
    for (const file of ['main/index.js', 'main/embed-worker.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(fs.existsSync(path.join(outDir, file)), file).toBe(true);
    }
    const main = fs.readFileSync(path.join(outDir, 'main', 'index.js'), 'utf8');
    // The embedder resolves its worker relative to the chunk it lives in: keep every chunk beside index.js.
    expect(fs.readdirSync(path.join(outDir, 'main')).every((name) => !fs.statSync(path.join(outDir, 'main', name)).isDirectory())).toBe(true);
    expect(main).toMatch(/from "electron"/);
    for (const native of ['@lancedb/lancedb', 'onnxruntime-node']) {
      // A static import, or a dynamic one (the embedder loads onnxruntime-node on first use).
      const bundled = fs.readdirSync(path.join(outDir, 'main')).some((name) => {
        const code = fs.readFileSync(path.join(outDir, 'main', name), 'utf8');
        return code.includes(`from "${native}"`) || code.includes(`import("${native}")`);
      });
      expect(bundled, `${native} is imported, not bundled`).toBe(true);
    }
    // No chunk imports onnxruntime-node statically: a static import would be hoisted above the
    // statement that turns ONNX Runtime's telemetry off (core/embed/ort-telemetry-off.ts).
    const staticOrt = fs.readdirSync(path.join(outDir, 'main')).filter((name) => fs.readFileSync(path.join(outDir, 'main', name), 'utf8').includes('from "onnxruntime-node"'));
    expect(staticOrt).toEqual([]);
  });

  it('builds a preload that needs nothing but electron and exposes window.facet in a bare context', () => {
    const code = fs.readFileSync(path.join(outDir, 'preload', 'index.cjs'), 'utf8');
    expect(code).not.toMatch(/\bzod\b|from\s+["']|^import\s/m);
    const required: string[] = [];
    const exposed: Array<[string, Record<string, unknown>]> = [];
    const ipcListeners: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: (channel: string) => ipcListeners.push(channel),
        removeListener: () => {},
      },
    };
    // Roughly what a sandboxed preload gets: require limited to 'electron', a window, no Node globals.
    const sandbox = {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return fakeElectron;
      },
      window: { dispatchEvent: () => true },
      Event: globalThis.Event,
      Object,
      JSON,
      TypeError,
      Promise,
    };
    vm.runInNewContext(code, sandbox, { filename: 'index.cjs' });
    expect(required).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('facet');
    expect(Object.keys(exposed[0]![1]).sort()).toEqual([...RENDERER_REQUEST_NAMES, ...DIALOG_NAMES, 'on'].sort());
    expect(ipcListeners).toEqual(['facet:menu']);
  });
});
