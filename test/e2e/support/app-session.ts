/**
 * Browser mode for end-to-end tests: the real core (openFacet with the committed model) on a fresh
 * temp data folder, the bridge serving the built renderer, and Chromium on the bridge's URL.
 * `close()` stops all three and removes the folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveModelDir } from '../../../src-main/core/data-dir.ts';
import { openFacet, type FacetCore, type OpenFacetOptions } from '../../../src-main/core/service.ts';
import { startBridge, type Bridge, type BridgeOptions } from '../../../src-main/node/bridge/index.ts';
import { chromiumMissingReason, openBrowser, type BrowserSession } from './browser.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

export function modelMissingReason(): string | null {
  try {
    resolveModelDir();
    return null;
  } catch (error) {
    return `no aspect model: ${(error as Error).message}`;
  }
}

/** The first reason the browser-mode suites cannot run here, or null. */
export function browserModeMissingReason(): string | null {
  return chromiumMissingReason() ?? modelMissingReason();
}

/** A seed digest page from ../shared/seeds (000_*.txt), or null where ../shared is absent. */
export function seedPage(): { path: string; name: string; dir: string } | null {
  const dir = path.resolve(process.cwd(), '../shared/seeds');
  const name = fs.existsSync(dir) ? fs.readdirSync(dir).find((file) => file.startsWith('000_') && file.endsWith('.txt')) : undefined;
  return name === undefined ? null : { path: path.join(dir, name), name, dir };
}

export interface AppSession {
  dataDir: string;
  /** A temp folder for files a test writes (fixtures, downloads). */
  workDir: string;
  core: FacetCore;
  bridge: Bridge;
  browser: BrowserSession;
  close(): Promise<void>;
}

/**
 * `coreOptions`: more openFacet options, e.g. metadataFetch pointing at a local server;
 * `bridgeOptions`: e.g. an openFile that records what the page asked to open.
 */
export async function startAppSession(prefix: string, coreOptions: Omit<OpenFacetOptions, 'dataDir'> = {}, bridgeOptions: Pick<BridgeOptions, 'openFile'> = {}): Promise<AppSession> {
  const staticDir = ensureRendererBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-data-`));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-work-`));
  const core = await openFacet({ ...coreOptions, dataDir });
  const bridge = await startBridge({ ...bridgeOptions, core, staticDir });
  const browser = await openBrowser();
  await browser.page.goto(bridge.url);
  return {
    dataDir,
    workDir,
    core,
    bridge,
    browser,
    async close() {
      await browser.close();
      await bridge.close();
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
