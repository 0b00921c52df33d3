/**
 * The renderer's desktop-app paths (native dialogs, grants) in Chromium, with the real core.
 * Electron does not run here, so a stand-in for the preload is injected into the page: it sends
 * requests over the bridge's WebSocket (the same renderer contract the shell's IPC validates) and
 * answers each dialog the way the shell does, with a grant the bridge issues for what the
 * "person" picked. Covers: Choose files… (the Import dialog) by grant, Choose folder… for a PDF folder, and Export
 * through the save dialog (the core writes the chosen file; no download, no path from the page).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogName } from '../../src-main/common/contract-renderer.ts';
import { writePaperFolder } from '../fixtures/library/paper-folder.ts';
import { browserModeMissingReason, startAppSession, type AppSession } from './support/app-session.ts';

const skipReason = browserModeMissingReason();
if (skipReason) console.warn(`skipping the desktop grants e2e suite: ${skipReason}`);

/** Runs in the page before its scripts: window.facet as the preload would expose it. */
function installPreloadStandIn(): void {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const ws = new WebSocket(`ws://${location.host}/ws?token=${token}`);
  const opened = new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let next = 1;
  ws.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as { id?: number; result?: unknown; error?: unknown; event?: string; payload?: unknown };
    if (data.event !== undefined) {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      return;
    }
    const entry = pending.get(data.id!);
    pending.delete(data.id!);
    if (data.error !== undefined) entry?.reject(data.error);
    else entry?.resolve(data.result);
  });
  const call = async (method: string, args: unknown) => {
    await opened;
    return new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, args }));
    });
  };
  const on = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  };
  const dialog = (window as unknown as { facetTestDialog: (name: string, args: unknown) => Promise<unknown> }).facetTestDialog;
  (window as unknown as { facet: unknown }).facet = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (name === 'on') return on;
        if (typeof name !== 'string') return undefined;
        if (name.startsWith('dialog.')) return (args: unknown) => dialog(name, args);
        return (args: unknown) => call(name, args);
      },
    },
  );
}

describe.skipIf(skipReason !== null)('desktop-app grants in the renderer (preload stand-in)', () => {
  let session: AppSession;
  /** What the next dialog "picks": a path, or null for Cancel. */
  const picks: Partial<Record<DialogName, string | null>> = {};
  const asked: Array<{ name: string; args: unknown }> = [];

  beforeAll(async () => {
    session = await startAppSession('facet-e2e-grants');
    const { page } = session.browser;
    await page.exposeFunction('facetTestDialog', (name: DialogName, args: unknown) => {
      asked.push({ name, args });
      const picked = picks[name] ?? null;
      const grants = session.bridge.grants;
      if (name === 'dialog.importFiles') return { grants: picked === null ? [] : [grants.issue({ path: picked, kind: 'file', access: 'read' })], rejected: [] };
      if (picked === null) return null;
      return name === 'dialog.folder' ? grants.issue({ path: picked, kind: 'folder', access: 'read' }) : grants.issue({ path: picked, kind: 'file', access: 'write' });
    });
    await page.addInitScript(installPreloadStandIn);
    await page.reload();
    await page.getByTestId('model-badge').waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('imports a file picked in the Import dialog (Choose files…) by its grant', async () => {
    const { page } = session.browser;
    const bib = path.join(session.workDir, 'refs.bib');
    fs.writeFileSync(
      bib,
      '@article{ostendorff2022, title={Specialized Document Embeddings for Aspect-based Similarity of Research Papers}, author={Ostendorff, Malte}, year={2022}, abstract={One embedding per aspect: task, method and dataset.}}\n',
    );
    picks['dialog.importFiles'] = bib;
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByTestId('import-choose-files').click();
    expect(asked.map((entry) => entry.name)).toEqual(['dialog.importFiles']);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 60_000 }).toContain(bib);
    expect(await page.getByTestId('import-added').textContent()).toBe('1 added');
    expect((await session.core.handlers['library.stats']({})).papers).toBe(1);
  }, 120_000);

  it('imports a PDF folder picked with Choose folder…', async () => {
    const { page } = session.browser;
    const folder = path.join(session.workDir, 'Papers');
    writePaperFolder(folder, 3);
    picks['dialog.folder'] = folder;
    if (!(await page.getByTestId('library-import').isVisible())) await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByTestId('library-kind-pdf-folder').check();
    await page.getByTestId('library-choose-folder').click();
    await expect.poll(() => page.getByTestId('library-folder-name').textContent()).toBe(folder);
    expect(asked.at(-1)).toEqual({ name: 'dialog.folder', args: { purpose: 'pdf-folder' } });
    await page.getByTestId('library-start').click();
    await expect.poll(() => page.getByTestId('library-added').textContent(), { timeout: 120_000 }).toBe('3 added');
    expect((await session.core.handlers['library.stats']({})).papers).toBe(4);
  }, 180_000);

  it('exports through the save dialog: the chosen file is written, a cancelled dialog writes nothing', async () => {
    const { page } = session.browser;
    const ids = (await session.core.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' })).items.map((paper) => paper.id);
    for (const id of ids) await session.core.handlers['reading.set']({ id, patch: { status: 'to-read' } });
    await page.getByRole('button', { name: 'Close import panel' }).click().catch(() => {});
    await page.getByTestId('view-reading').click();
    await expect.poll(() => page.getByTestId('reading-row').count(), { timeout: 30_000 }).toBe(ids.length);
    await page.getByTestId('export-format').selectOption('bibtex');

    picks['dialog.saveExport'] = null;
    await page.getByTestId('export-button').click();
    await expect.poll(() => asked.filter((entry) => entry.name === 'dialog.saveExport').length).toBe(1);
    expect(asked.at(-1)!.args).toEqual({ format: 'bibtex', fileName: 'facet-reading-list.bib' });
    expect(await page.getByTestId('export-status').count()).toBe(0);

    const target = path.join(session.workDir, 'exports', 'my-list.bib');
    fs.mkdirSync(path.dirname(target));
    picks['dialog.saveExport'] = target;
    let downloaded = false;
    page.once('download', () => (downloaded = true));
    await page.getByTestId('export-button').click();
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 30_000 }).toContain(`Exported ${ids.length} papers to ${target}`);
    expect(fs.readFileSync(target, 'utf8').match(/^@\w+\{/gm)).toHaveLength(ids.length);
    expect(downloaded).toBe(false);
    // The write grant was spent by that export.
    expect(session.bridge.grants.list().filter((grant) => grant.access === 'write')).toEqual([]);
    expect(session.browser.consoleErrors).toEqual([]);
  }, 120_000);
});
