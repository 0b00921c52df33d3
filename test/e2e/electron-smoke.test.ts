/**
 * Desktop smoke test: launches the built Electron app with Playwright's `_electron`, imports a seed
 * page given on the command line, opens a paper and walks the aspect tabs. It also checks the
 * hardening a page can observe: no Node in the page, only the named API on window.facet, and
 * navigation away from the app refused.
 *
 * Needs: the Electron runtime (the optional `electron` package with its downloaded binary), a model
 * under resources/models (or FACET_MODEL_DIR), and ../shared/seeds. Each missing piece skips the
 * suite with a message saying which. It builds out/ with electron-vite first.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../src-main/common/contract.ts';
import { resolveModelDir } from '../../src-main/core/data-dir.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The Electron executable that `npm install electron` downloaded, or why there is none. */
function electronExecutable(): { path: string } | { missing: string } {
  const packageDir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return { missing: `no Electron runtime (${pathFile} is missing: the optional "electron" package or its binary download is absent)` };
  }
  const executable = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(executable) ? { path: executable } : { missing: `the Electron executable ${executable} is missing` };
}

function modelMissingReason(): string | null {
  try {
    resolveModelDir();
    return null;
  } catch (error) {
    return `no aspect model: ${(error as Error).message}`;
  }
}

const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const seedFile = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).find((name) => name.startsWith('000_') && name.endsWith('.txt')) : undefined;
const electron = electronExecutable();
const skipReason =
  ('missing' in electron ? electron.missing : null) ??
  modelMissingReason() ??
  (seedFile === undefined ? `no seed page 000_*.txt in ${seedsDir} (../shared is absent)` : null);
if (skipReason !== null) console.warn(`skipping the Electron smoke test: ${skipReason}`);

describe.skipIf(skipReason !== null)('Electron app smoke test', () => {
  let app: ElectronApplication;
  let page: Page;
  let userDataDir: string;
  let dataDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const build = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-electron-userdata-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-electron-library-'));
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      // The repository root is the app (package.json main = out/main/index.js); the seed page is
      // imported from the command line, as "open with" would.
      args: [repoRoot, '--data-dir', dataDir, path.join(seedsDir, seedFile!)],
      cwd: repoRoot,
      env: { ...process.env, FACET_USER_DATA_DIR: userDataDir, ELECTRON_RENDERER_URL: '' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await app?.close();
    for (const dir of [userDataDir, dataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the app from facet://app with only the named API exposed and no Node in the page', async () => {
    expect(page.url()).toBe('facet://app/index.html');
    const exposed = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { facet: object }).facet).sort(),
      hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
    }));
    expect(exposed).toEqual({ keys: [...REQUEST_NAMES, 'on'].sort(), hasRequire: false, hasProcess: false });
  });

  it('imports the seed page given on the command line', async () => {
    await expect.poll(() => page.getByTestId('paper-row').count(), { timeout: 90_000, interval: 500 }).toBeGreaterThan(10);
    const stats = await page.evaluate(() => (window as unknown as { facet: { 'library.stats'(args: object): Promise<{ papers: number; dataDir: string }> } }).facet['library.stats']({}));
    expect(stats.papers).toBeGreaterThan(10);
    expect(stats.dataDir).toBe(dataDir);
  });

  it('opens a paper and switches aspect tabs', async () => {
    await page.getByTestId('paper-row').first().click();
    await expect.poll(() => page.getByTestId('paper-title').textContent(), { timeout: 30_000 }).toBeTruthy();
    for (const label of ['Task', 'Method', 'Dataset', 'Overall']) {
      await page.getByRole('tab', { name: label }).click();
      await expect.poll(() => page.getByRole('tab', { name: label }).getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
      await expect.poll(() => page.getByTestId('neighbour').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    }
  });

  it('refuses to navigate the window away from the app', async () => {
    await page.evaluate(() => {
      window.location.href = 'file:///etc/hostname';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('facet://app/index.html');
    expect(pageErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([]);
  });
});
