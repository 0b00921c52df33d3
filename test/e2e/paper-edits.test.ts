/**
 * End to end in browser mode: delete a paper from the paper view and undo it; edit a paper's
 * details in the dialog and see the edit in the view and in the core. Real core, model, bridge and
 * Chromium. Needs /usr/bin/chromium, the committed model and ../shared/seeds; skips otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserModeMissingReason, seedPage, startAppSession, type AppSession } from './support/app-session.ts';

const seed = seedPage();
const skipReason = browserModeMissingReason() ?? (seed === null ? 'no seed page 000_*.txt in ../shared/seeds (../shared is absent)' : null);
if (skipReason) console.warn(`skipping the paper-edits e2e suite: ${skipReason}`);

describe.skipIf(skipReason !== null)('deleting and editing papers in the browser', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await startAppSession('facet-e2e-edits');
    const summary = await app.core.handlers['import.run']({ sources: [{ kind: 'file', path: seed!.path }] });
    expect(summary.added).toBeGreaterThan(20);
    await app.browser.page.reload();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('deletes the open paper and brings it back with Undo delete', async () => {
    const { page } = app.browser;
    const before = (await app.core.handlers['library.stats']({})).papers;
    const first = (await app.core.handlers['papers.list']({ offset: 0, limit: 1, sort: 'imported' })).items[0]!;
    await expect.poll(() => page.getByTestId('paper-row').count()).toBeGreaterThan(3);
    await page.getByTestId('paper-row').nth(0).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(first.title);
    await page.getByRole('button', { name: 'Delete paper' }).click();
    await expect.poll(() => page.getByTestId('deleted-notice').textContent()).toContain(first.title);
    await expect.poll(async () => (await app.core.handlers['library.stats']({})).papers).toBe(before - 1);
    await expect.poll(() => page.getByTestId('paper-title').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await expect.poll(() => page.getByTestId('deleted-notice').count()).toBe(0);
    await expect.poll(async () => (await app.core.handlers['library.stats']({})).papers).toBe(before);
    expect((await app.core.handlers['papers.get']({ id: first.id })).title).toBe(first.title);
  });

  it('edits a paper in the dialog', async () => {
    const { page } = app.browser;
    const paper = (await app.core.handlers['papers.list']({ offset: 0, limit: 2, sort: 'imported' })).items[1]!;
    await page.getByTestId('paper-row').nth(1).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(paper.title);
    await page.getByRole('button', { name: 'Edit details' }).click();
    const dialog = page.getByTestId('edit-paper-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Authors, one per line').fill('Ada Lovelace\nAlan Turing');
    await dialog.getByLabel('Year').fill('2019');
    await dialog.getByLabel('Venue').fill('Invented Workshop');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(async () => (await app.core.handlers['papers.get']({ id: paper.id })).venue).toBe('Invented Workshop');
    expect(await app.core.handlers['papers.get']({ id: paper.id })).toMatchObject({ authors: ['Ada Lovelace', 'Alan Turing'], year: 2019 });
    await expect.poll(() => page.locator('.authors').textContent()).toBe('Ada Lovelace, Alan Turing');
  });
});
