/**
 * End to end in browser mode: the reading list, For you and export, with the real core and model,
 * the bridge and Chromium. 1. mark papers (buttons, stars, `r`, `t`); 2. open For you and read why;
 * 3. mark one "not relevant", see it gone, undo; 4. export BibTeX (a real download), import it
 * back and see only duplicates; the digest of that import ranks its papers. An edit written to the
 * journal by another writer (as the CLI would) reaches the open page through reading.onDidChange.
 *
 * Needs /usr/bin/chromium, the committed model and ../shared/seeds; skips with a message otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadingStore } from '../../src-main/core/reading/index.ts';
import { screenshot } from './support/browser.ts';
import { browserModeMissingReason, seedPage, startAppSession, type AppSession } from './support/app-session.ts';

const seed = seedPage();
const skipReason = browserModeMissingReason() ?? (seed === null ? 'no seed page 000_*.txt in ../shared/seeds (../shared is absent)' : null);
if (skipReason) console.warn(`skipping the reading-list e2e suite: ${skipReason}`);

describe.skipIf(skipReason !== null)('reading list, For you and export in the browser', () => {
  let app: AppSession;
  let marked: { id: string; title: string }[] = [];

  beforeAll(async () => {
    app = await startAppSession('facet-e2e-reading');
    const summary = await app.core.handlers['import.run']({ sources: [{ kind: 'file', path: seed!.path }] });
    expect(summary.added).toBeGreaterThan(20);
    await app.browser.page.reload();
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Keys go to the page itself (not an input) once nothing has focus. */
  const blur = () => app.browser.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  it('marks papers with the status buttons, stars, r and t', async () => {
    const { page } = app.browser;
    const papers = (await app.core.handlers['papers.list']({ offset: 0, limit: 4, sort: 'imported' })).items;
    await expect.poll(() => page.getByTestId('paper-row').count()).toBeGreaterThan(3);

    // Paper 0: Read, 5 stars, a tag.
    await page.getByTestId('paper-row').nth(0).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(papers[0]!.title);
    await page.getByTestId('status-read').click();
    await page.getByRole('radio', { name: '5 stars' }).click();
    await expect.poll(() => page.getByTestId('rating').getAttribute('data-rating')).toBe('5');
    await blur();
    await page.keyboard.press('t');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reading-tags-input');
    await page.keyboard.type('contrastive 🧪');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tag-chip').textContent()).toContain('contrastive 🧪');

    // Paper 1: `r` cycles none -> to-read -> reading; then Read.
    await page.getByTestId('paper-row').nth(1).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(papers[1]!.title);
    await blur();
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('reading-controls').getAttribute('data-status')).toBe('to-read');
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('reading-controls').getAttribute('data-status')).toBe('reading');
    await page.getByTestId('reading-note').fill('Worth a **second** look — קריאה');

    // Paper 2: To read.
    await page.getByTestId('paper-row').nth(2).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(papers[2]!.title);
    await page.getByTestId('status-to-read').click();
    await expect.poll(() => page.getByTestId('reading-controls').getAttribute('data-status')).toBe('to-read');

    await expect.poll(async () => (await app.core.handlers['reading.get']({ id: papers[1]!.id }))?.note).toBe('Worth a **second** look — קריאה');
    expect(await app.core.handlers['reading.get']({ id: papers[0]!.id })).toMatchObject({ status: 'read', rating: 5, tags: ['contrastive 🧪'] });
    expect(await app.core.handlers['reading.get']({ id: papers[1]!.id })).toMatchObject({ status: 'reading' });
    await expect.poll(async () => (await app.core.handlers['reading.get']({ id: papers[2]!.id }))?.status).toBe('to-read');
    marked = papers.slice(0, 3).map((p) => ({ id: p.id, title: p.title }));
    await screenshot(page, 'reading-1-marked');

    await page.getByTestId('view-reading').click();
    await expect.poll(() => page.getByTestId('reading-row').count()).toBe(3);
    await page.getByTestId('reading-filter-status').selectOption('to-read');
    await expect.poll(() => page.getByTestId('reading-row').count()).toBe(1);
    expect(await page.getByTestId('reading-row').textContent()).toContain(papers[2]!.title);
    await page.getByTestId('reading-filter-status').selectOption('all');
    await page.getByTestId('reading-sort').selectOption('rating');
    await expect.poll(() => page.getByTestId('reading-row').first().textContent()).toContain(papers[0]!.title);
    await screenshot(page, 'reading-2-list');

    // Bulk: select the two papers that are not read yet, tag them both, then mark them to read.
    const rowFor = (title: string) => page.getByTestId('reading-row').filter({ hasText: title });
    await rowFor(papers[1]!.title).getByTestId('reading-select').check();
    await rowFor(papers[2]!.title).getByTestId('reading-select').check();
    await expect.poll(() => page.getByTestId('reading-count').textContent()).toContain('2 selected');
    await page.getByTestId('bulk-tag').fill('batch');
    await page.getByTestId('bulk-tag').press('Enter');
    await page.getByTestId('bulk-status').selectOption('to-read');
    for (const paper of [papers[1]!, papers[2]!]) {
      await expect.poll(async () => (await app.core.handlers['reading.get']({ id: paper.id }))?.status).toBe('to-read');
      expect((await app.core.handlers['reading.get']({ id: paper.id }))!.tags).toContain('batch');
    }
    expect((await app.core.handlers['reading.get']({ id: papers[0]!.id }))!.tags).toEqual(['contrastive 🧪']);
    await page.getByTestId('reading-filter-tag').selectOption('batch');
    await expect.poll(() => page.getByTestId('reading-row').count()).toBe(2);
    await screenshot(page, 'reading-2b-bulk');
    await page.getByTestId('reading-filter-tag').selectOption('');
    await expect.poll(() => page.getByTestId('reading-row').count()).toBe(3);
    await rowFor(papers[1]!.title).getByTestId('reading-select').uncheck();
    await rowFor(papers[2]!.title).getByTestId('reading-select').uncheck();
    await expect.poll(() => page.getByTestId('reading-count').textContent()).toBe('3 papers');
  });

  it('shows an edit another writer made to the journal (as the CLI does) without a reload', async () => {
    const { page } = app.browser;
    const other = (await app.core.handlers['papers.list']({ offset: 10, limit: 1, sort: 'imported' })).items[0]!;
    const cli = openReadingStore(app.dataDir, { onWarning: () => {} });
    try {
      cli.set(other.id, { status: 'to-read', tags: ['from the CLI'] });
    } finally {
      cli.close();
    }
    await expect.poll(() => page.getByTestId('reading-row').count(), { timeout: 10_000 }).toBe(4);
    expect(await page.getByTestId('reading-list').textContent()).toContain(other.title);
    marked.push({ id: other.id, title: other.title });
  });

  it('ranks For you with reasons; not relevant removes an item at once and undo brings it back', async () => {
    const { page } = app.browser;
    await page.getByTestId('view-for-you').click();
    await expect.poll(() => page.getByTestId('for-you-item').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const expected = await app.core.handlers['recommend.forYou']({ aspect: 'generic', k: 30, includeToRead: false });
    expect(expected.method).toBe('centroid');
    const shownIds = await page.getByTestId('for-you-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-paper-id')));
    expect(shownIds).toEqual(expected.items.map((item) => item.paper.id));
    for (const { id } of marked) expect(shownIds).not.toContain(id);
    const firstReason = await page.getByTestId('recommendation-reason').first().textContent();
    expect(firstReason).toBe(expected.items[0]!.explanation);
    expect(firstReason).toMatch(/^Because you liked “/);
    expect(marked.slice(0, 2).some(({ title }) => firstReason!.includes(title.slice(0, 30)))).toBe(true);
    await screenshot(page, 'reading-3-for-you');

    await page.getByTestId('for-you-aspect-method').click();
    await expect.poll(async () => (await page.getByTestId('for-you-item').first().getAttribute('data-paper-id')) ?? '').toBe(
      (await app.core.handlers['recommend.forYou']({ aspect: 'method', k: 30, includeToRead: false })).items[0]!.paper.id,
    );
    await screenshot(page, 'reading-4-for-you-method');
    await page.getByTestId('for-you-aspect-generic').click();
    await expect.poll(async () => page.getByTestId('for-you-item').first().getAttribute('data-paper-id')).toBe(shownIds[0]);

    const dropped = shownIds[0]!;
    await page.getByTestId('for-you-item').first().getByTestId('not-relevant').click();
    await expect.poll(() => page.locator(`[data-testid="for-you-item"][data-paper-id="${dropped}"]`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('undo-toast').isVisible()).toBe(true);
    expect((await app.core.handlers['reading.get']({ id: dropped }))?.notRelevant).toBe(true);
    const after = await app.core.handlers['recommend.forYou']({ aspect: 'generic', k: 30, includeToRead: false });
    expect(after.items.map((item) => item.paper.id)).not.toContain(dropped);
    await expect.poll(() => page.getByTestId('for-you-item').first().getAttribute('data-paper-id')).toBe(after.items[0]!.paper.id);
    await screenshot(page, 'reading-5-not-relevant');

    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.getByTestId('for-you-item').first().getAttribute('data-paper-id')).toBe(dropped);
    expect((await app.core.handlers['reading.get']({ id: dropped }))?.notRelevant).toBe(false);

    // Dismiss it for good: it stays gone.
    await page.getByTestId('for-you-item').first().getByTestId('not-relevant').click();
    await expect.poll(() => page.locator(`[data-testid="for-you-item"][data-paper-id="${dropped}"]`).count()).toBe(0);
  });

  it('exports the reading list as BibTeX, imports it back as duplicates, and ranks that digest', async () => {
    const { page } = app.browser;
    const before = (await app.core.handlers['library.stats']({})).papers;
    await page.getByTestId('view-reading').click();
    await expect.poll(() => page.getByTestId('reading-row').count()).toBe(marked.length);
    await page.getByTestId('export-format').selectOption('bibtex');
    // Tags go out only when reading state is asked for (in fields bibliography styles do not print).
    await page.getByTestId('export-with-reading-state').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toBe('facet-reading-list.bib');
    const file = path.join(app.workDir, download.suggestedFilename());
    await download.saveAs(file);
    const bibtex = fs.readFileSync(file, 'utf8');
    expect(bibtex.match(/^@\w+\{/gm)).toHaveLength(marked.length);
    expect(bibtex).toContain('contrastive 🧪');
    expect(bibtex).toMatch(/facet-status = \{read\}/);
    expect(bibtex).not.toMatch(/^\s*note = /m);
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain(`Exported ${marked.length} papers`);

    await page.getByTestId('import-file-input').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 60_000 }).toContain('facet-reading-list.bib');
    expect(await page.getByTestId('import-added').textContent()).toBe('0 added');
    expect(await page.getByTestId('import-duplicates').textContent()).toBe(`${marked.length} duplicates`);
    expect((await app.core.handlers['library.stats']({})).papers).toBe(before);
    await screenshot(page, 'reading-6-reimported');

    await page.getByTestId('show-digest').click();
    // The paper already read is left out until asked for.
    const unread = marked.filter((m) => m.id !== marked[0]!.id);
    await expect.poll(() => page.getByTestId('digest-item').count(), { timeout: 30_000 }).toBe(unread.length);
    const unreadIds = await page.getByTestId('digest-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-paper-id')));
    expect([...unreadIds].sort()).toEqual(unread.map((m) => m.id).sort());
    await page.getByTestId('digest-include-seen').check();
    await expect.poll(() => page.getByTestId('digest-item').count()).toBe(marked.length);
    const digestIds = await page.getByTestId('digest-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-paper-id')));
    expect([...digestIds].sort()).toEqual(marked.map((m) => m.id).sort());
    // Everything in this digest is already on the reading list, so none is marked top.
    expect(await page.getByTestId('digest-top').count()).toBe(0);
    await screenshot(page, 'reading-7-digest');
    expect(app.browser.consoleErrors).toEqual([]);
  });
});
