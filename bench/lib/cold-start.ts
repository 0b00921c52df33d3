/**
 * Browser-mode cold start: from spawning the browser-mode server (the compiled out/node/serve.js
 * when it is current, as `npm run serve` runs it; else src-main/node/serve.ts through tsx) on an existing library until the
 * first library row (with its title) is painted in Debian's Chromium, driven by playwright-core.
 * The browser is started before the clock runs (a person's browser is already open); each run uses
 * a fresh server process and a fresh Chromium profile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
// @ts-expect-error plain ES module without type declarations (JSDoc only)
import { nodeEntry } from '../../bin/node-entry.mjs';
import { median } from './latency.ts';
import { REPO_ROOT } from './paths.ts';
import type { ColdStartPerf } from './perf-types.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** How browser mode is started: the same choice bin/facet-serve.mjs makes. */
export function serveCommand(): { kind: 'compiled' | 'source'; args: string[] } {
  const entry = (nodeEntry as (root: string, name: string) => { kind: 'compiled' | 'source'; file: string })(REPO_ROOT, 'serve');
  return { kind: entry.kind, args: entry.kind === 'compiled' ? [entry.file] : ['--import', 'tsx', entry.file] };
}
const SERVE_ENTRY = join(REPO_ROOT, 'src-main/node/serve.ts');
const RENDERER_INDEX = join(REPO_ROOT, 'out/renderer/index.html');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The first library row's title, painted. */
export const FIRST_ROW = '[data-testid="paper-row"] .title';
/** An empty library's first screen. */
export const EMPTY_STATE = '[data-testid="empty-state"]';
const URL_PATTERN = /https?:\/\/127\.0\.0\.1:\d+\/\S*/;
const TIMEOUT_MS = 120_000;

/** Null when the measurement can run, else why not. */
export function coldStartAvailable(): string | null {
  if (!existsSync(SERVE_ENTRY)) return `${SERVE_ENTRY} does not exist`;
  if (!existsSync(RENDERER_INDEX)) return `the renderer is not built (${RENDERER_INDEX}); run npm run build:renderer`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  return null;
}

/** Peak resident set (VmHWM) of a live process, in MiB, or null when /proc does not say. */
function peakRssMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export function startServer(dataDir: string, modelDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [...serveCommand().args, '--data-dir', dataDir, '--model-dir', modelDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.ts printed no URL within ${TIMEOUT_MS} ms:\n${output.slice(-2000)}`)), TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.ts exited with code ${code} before printing its URL:\n${output.slice(-2000)}`));
    });
  });
  return { child, url };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export interface ColdStartOptions {
  dataDir: string;
  modelDir: string;
  papers: number;
  runs: number;
  log: (line: string) => void;
  /** What counts as painted (default: the first library row's title; an empty library shows its empty state). */
  selector?: string;
}

export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartPerf> {
  const serverReady: number[] = [];
  const firstRow: number[] = [];
  const total: number[] = [];
  let serverPeak: number | null = null;
  for (let run = 0; run < options.runs; run++) {
    const profile = mkdtempSync(join(os.tmpdir(), 'facet-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    let server: ChildProcess | null = null;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const spawned = performance.now();
      const started = startServer(options.dataDir, options.modelDir);
      server = started.child;
      const url = await started.url;
      const ready = performance.now();
      await page.goto(url, { timeout: TIMEOUT_MS });
      await page.locator(options.selector ?? FIRST_ROW).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      // Two animation frames: the row is not only in the DOM but painted.
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
      const painted = performance.now();
      serverReady.push(ready - spawned);
      firstRow.push(painted - ready);
      total.push(painted - spawned);
      if (server.pid !== undefined) serverPeak = Math.max(serverPeak ?? 0, peakRssMiB(server.pid) ?? 0);
      options.log(`  cold start run ${run + 1}: server ready ${(ready - spawned).toFixed(0)} ms, first row painted after ${(painted - ready).toFixed(0)} ms more`);
    } finally {
      if (server) await stopServer(server);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return {
    papers: options.papers,
    serverReadyMs: median(serverReady),
    firstRowMs: median(firstRow),
    totalMs: median(total),
    runs: options.runs,
    serverPeakRssMiB: serverPeak,
  };
}
