/**
 * End to end in browser mode: while another process holds the library's writer lock, an import
 * from the window waits and the window says so, in plain words; once the lock is released the
 * import goes ahead by itself and the notice goes. Real core, model, bridge and Chromium; the
 * "other process" is a writer lock taken by the test, as the CLI would take it.
 * Needs /usr/bin/chromium and the committed model; skips otherwise.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_DIR } from '../../src-main/core/service.ts';
import { LibraryLock } from '../../src-main/core/store/library-lock.ts';
import { browserModeMissingReason, startAppSession, type AppSession } from './support/app-session.ts';

const skipReason = browserModeMissingReason();
if (skipReason) console.warn(`skipping the writer-wait e2e suite: ${skipReason}`);

const FIRST = 'Heartbeat Lock Files for Embedded Databases\n\nWe show how a lock file with an owner and a heartbeat lets two processes share one embedded table without storing a row twice.\n';
const SECOND = 'Waiting Politely for a Busy Library\n\nWhen a second writer finds the library locked it waits, tells the person why, and continues as soon as the first writer is done.\n';

describe.skipIf(skipReason !== null)('a write that waits for another process', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await startAppSession('facet-e2e-writer-wait');
    const summary = await app.core.handlers['import.run']({ sources: [{ kind: 'text', name: 'first.txt', text: FIRST }] });
    expect(summary.added).toBe(1);
    await app.browser.page.reload();
    await app.browser.page.getByTestId('paper-row').first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('says who is writing while the import waits, then imports and clears the notice', async () => {
    const { page } = app.browser;
    const held = new LibraryLock(path.join(app.dataDir, LIBRARY_DIR)).tryAcquire('import (held by the test)');
    expect(held, 'the test took the writer lock').not.toBeNull();
    let released = false;
    try {
      await page.getByRole('button', { name: 'Import…' }).click();
      await page.getByLabel('Paste text').fill(SECOND);
      await page.getByRole('button', { name: 'Import pasted text' }).click();
      const banner = page.getByTestId('writer-wait');
      await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toMatch(/being updated by process \d+ \(import \(held by the test\)/);
      expect(await banner.textContent()).toContain('Facet goes on by itself once it is free.');
      expect(await banner.getAttribute('role')).toBe('status');
      // Nothing was stored meanwhile: the import waits for the lock.
      expect((await app.core.handlers['library.stats']({})).papers).toBe(1);
      held!.release();
      released = true;
      await expect.poll(() => page.getByTestId('import-added').textContent(), { timeout: 60_000 }).toBe('1 added');
      await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
      expect((await app.core.handlers['library.stats']({})).papers).toBe(2);
    } finally {
      if (!released) held?.release();
    }
  }, 120_000);
});
