/**
 * The local-library import UI end to end in browser mode: a generated PDF folder, offered to the
 * page by the server (what `npm run serve -- --folder DIR` does: a grant, never a path the page
 * types), imported through the Import panel (progress with count and rate, then the summary), a
 * preprint/published near-duplicate pair imported the same way and merged in the Duplicates view,
 * and the paper view showing the kept paper's PDF path. Real core, committed model, temp data dir.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePaperFolder } from '../fixtures/library/paper-folder.ts';
import { buildPdf, paperPage } from '../fixtures/library/pdf-writer.ts';
import { buildZoteroLibrary } from '../fixtures/library/zotero-fixture.ts';
import { browserModeMissingReason, startAppSession, type AppSession } from './support/app-session.ts';
import { screenshot } from './support/browser.ts';

const skipReason = browserModeMissingReason();
if (skipReason) console.warn(`skipping the library import e2e suite: ${skipReason}`);

const FOLDER_PAPERS = 60;
const ABSTRACT = [
  'Document embeddings and similarity measures underpin content-based recommender systems,',
  'whereby a document is commonly represented as a single generic embedding. We propose',
  'aspect-based document embeddings: one embedding per aspect, task, method and dataset.',
];
// Long enough that the PDF reader keeps only what fits the line; the test reads the titles it stored.
const PREPRINT_TITLE = 'Specialized Document Embeddings for Aspect-based Similarity of Scientific Papers';
const PUBLISHED_TITLE = 'Specialized Document Embeddings for Aspect-Based Similarity of Research Papers';

describe.skipIf(skipReason !== null)('library import UI in browser mode', () => {
  let session: AppSession;
  /** What the page asked the system viewer to open (Open PDF), in order. */
  const opened: string[] = [];

  beforeAll(async () => {
    session = await startAppSession('facet-e2e-library', {}, { openFile: async (file) => void opened.push(file) });
  });

  afterAll(async () => {
    await session?.close();
  });

  /** The Import… button toggles the panel, so it is pressed only while the panel is closed. */
  async function openImportPanel(): Promise<void> {
    const { page } = session.browser;
    if (!(await page.getByTestId('library-import').isVisible())) await page.getByRole('button', { name: 'Import…' }).click();
    await expect.poll(() => page.getByTestId('library-import').isVisible()).toBe(true);
  }

  /** The server grants the folder (as --folder does), the page refreshes its list and picks it. */
  async function chooseOfferedFolder(folder: string): Promise<void> {
    const { page } = session.browser;
    const offered = session.bridge.grants.list().find((grant) => grant.name === folder) ?? session.bridge.grants.issue({ path: folder, kind: 'folder', access: 'read' });
    await page.getByTestId('library-folders-refresh').click();
    await expect.poll(() => page.getByTestId('library-folder').locator(`option[value="${offered.grant}"]`).count()).toBe(1);
    await page.getByTestId('library-folder').selectOption(offered.grant);
  }

  async function importFolder(folder: string): Promise<void> {
    const { page } = session.browser;
    await page.getByTestId('library-kind-pdf-folder').check();
    await chooseOfferedFolder(folder);
    await page.getByTestId('library-start').click();
  }

  it('asks for a folder when none is offered, then imports an offered PDF folder with progress and a summary', async () => {
    const { page } = session.browser;
    const folder = path.join(session.workDir, 'papers');
    writePaperFolder(folder, FOLDER_PAPERS);
    fs.writeFileSync(path.join(folder, 'a', 'broken.pdf'), 'this is not a PDF');

    await openImportPanel();
    await page.getByTestId('library-start').click();
    await expect.poll(() => page.getByTestId('library-error').textContent()).toContain('folder of PDFs');
    await screenshot(page, 'library-1-empty-path');

    await importFolder(folder);
    // Progress comes only from library.onDidProgress events: count of the known total and a rate.
    await expect
      .poll(() => page.getByTestId('library-progress').textContent().catch(() => ''), { timeout: 60_000, interval: 50 })
      .toMatch(new RegExp(`^\\d+ / ${FOLDER_PAPERS + 1} · \\d+ new · [\\d.]+ per s · ETA `));
    await screenshot(page, 'library-2-progress');
    await expect.poll(() => page.getByTestId('library-summary').isVisible(), { timeout: 240_000 }).toBe(true);
    expect(await page.getByTestId('library-added').textContent()).toBe(`${FOLDER_PAPERS} added`);
    expect(await page.getByTestId('library-problems').textContent()).toBe('1 problem');
    expect(await page.getByTestId('library-summary').textContent()).toContain('broken.pdf');
    expect(await page.getByTestId('library-error').count()).toBe(0);
    const stats = await session.core.handlers['library.stats']({});
    expect(stats.papers).toBe(FOLDER_PAPERS);
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe(`${FOLDER_PAPERS} papers`);
    await screenshot(page, 'library-3-summary');

    // The same folder again: every file (the broken one too) is already done (checkpoint), nothing new.
    await importFolder(folder);
    await expect.poll(() => page.getByTestId('library-skipped').textContent(), { timeout: 120_000 }).toBe(`${FOLDER_PAPERS + 1} skipped`);
    expect(await page.getByTestId('library-added').textContent()).toBe('0 added');
  }, 400_000);

  it('reports a folder that does not exist as a problem naming it', async () => {
    const { page } = session.browser;
    await importFolder(path.join(session.workDir, 'no-such-folder'));
    await expect.poll(() => page.getByTestId('library-summary').textContent(), { timeout: 30_000 }).toContain('no-such-folder');
    expect(await page.getByTestId('library-problems').textContent()).toBe('1 problem');
    expect(await page.getByTestId('library-added').textContent()).toBe('0 added');
  });

  it('imports a preprint/published pair and merges it in the Duplicates view', async () => {
    const { page } = session.browser;
    const folder = path.join(session.workDir, 'pair');
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, 'preprint.pdf'),
      buildPdf({ pages: [paperPage({ title: [PREPRINT_TITLE], authors: 'Malte Ostendorff, Till Blume', abstract: ABSTRACT, arxivStamp: 'arXiv:2205.13147v1 [cs.IR] 26 May 2022' })] }),
    );
    fs.writeFileSync(
      path.join(folder, 'published.pdf'),
      buildPdf({ pages: [paperPage({ title: [PUBLISHED_TITLE], authors: 'Malte Ostendorff, Till Blume', abstract: ABSTRACT, doiLine: 'https://doi.org/10.1145/3529372.3530912' })] }),
    );
    await importFolder(folder);
    await expect.poll(() => page.getByTestId('library-added').textContent(), { timeout: 120_000 }).toBe('2 added');

    await page.getByTestId('show-duplicates').click();
    await expect.poll(() => page.getByTestId('duplicates-view').isVisible()).toBe(true);
    const expected = await session.core.handlers['library.duplicates']({ limit: 100 });
    const files = [path.join(folder, 'preprint.pdf'), path.join(folder, 'published.pdf')];
    const pair = expected.find((candidate) => files.includes(candidate.a.filePath ?? '') && files.includes(candidate.b.filePath ?? ''));
    expect(pair, JSON.stringify(expected)).toBeDefined();
    const [preprintTitle, publishedTitle] = pair!.a.arxivId !== null ? [pair!.a.title, pair!.b.title] : [pair!.b.title, pair!.a.title];
    await expect.poll(() => page.getByTestId('duplicate-pair').count(), { timeout: 30_000 }).toBe(expected.length);
    const card = page.getByTestId('duplicate-pair').filter({ hasText: preprintTitle });
    expect(await card.textContent()).toContain(pair!.reason);
    expect(await card.getByTestId('pair-score').textContent()).toBe(`${(pair!.score * 100).toFixed(0)}% similar`);
    expect(await card.textContent()).toContain(`cosine ${pair!.cosine.toFixed(3)}`);
    expect(await card.textContent()).toContain(publishedTitle);
    await screenshot(page, 'library-4-duplicates');

    await card.getByTestId('merge-pair').click();
    await expect.poll(() => page.getByTestId('merge-result').textContent(), { timeout: 30_000 }).toMatch(/^Merged: kept /);
    const papers = (await session.core.handlers['library.stats']({})).papers;
    expect(papers).toBe(FOLDER_PAPERS + 1);
    await expect.poll(() => page.getByTestId('duplicate-pair').filter({ hasText: preprintTitle }).count()).toBe(0);
    const kept = (await page.getByTestId('merge-result').textContent())!;
    const keptTitle = kept.includes(preprintTitle) ? preprintTitle : publishedTitle;
    expect(kept).toContain(keptTitle);
    await screenshot(page, 'library-5-merged');

    // The kept paper opens with its PDF path shown.
    await page.getByTestId('view-library').click();
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe(`${papers} papers`);
    await page.getByTestId('paper-row').filter({ hasText: keptTitle }).first().click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(keptTitle);
    await expect.poll(() => page.getByTestId('paper-file').textContent()).toContain(folder);
    await screenshot(page, 'library-6-paper');

    // Open PDF hands the stored file to the system viewer; a file gone since says so.
    const keptFile = (await session.core.handlers['papers.list']({ offset: 0, limit: 100, sort: 'imported' })).items.find((item) => item.title === keptTitle)!;
    const keptPaper = await session.core.handlers['papers.get']({ id: keptFile.id });
    await page.getByRole('button', { name: 'Open PDF' }).click();
    await expect.poll(() => page.getByTestId('open-pdf-status').textContent()).toBe(`Opened ${path.basename(keptPaper.filePath!)} in your PDF viewer.`);
    expect(opened).toEqual([keptPaper.filePath]);
    fs.renameSync(keptPaper.filePath!, `${keptPaper.filePath!}.moved`);
    await page.getByRole('button', { name: 'Open PDF' }).click();
    await expect.poll(() => page.getByTestId('open-pdf-status').textContent()).toContain(`is no longer at ${keptPaper.filePath!}`);
    expect(await page.getByTestId('open-pdf-status').getAttribute('role')).toBe('alert');
    expect(opened).toHaveLength(1);
    fs.renameSync(`${keptPaper.filePath!}.moved`, keptPaper.filePath!);
    expect(session.browser.consoleErrors).toEqual([]);
  }, 300_000);

  it('imports a pasted identifier list as stubs with a metadata-pending badge', async () => {
    const { page } = session.browser;
    await openImportPanel();
    await page.getByTestId('library-kind-identifiers').check();
    await page.getByTestId('library-ids').fill('10.5555/facet-e2e-pending-stub\n');
    await page.getByTestId('library-start').click();
    await expect.poll(() => page.getByTestId('library-summary').textContent(), { timeout: 120_000 }).toContain('1 metadata pending');
    expect(await page.getByTestId('library-added').textContent()).toBe('1 added');
    const newest = (await session.core.handlers['papers.list']({ offset: 0, limit: 1, sort: 'imported' })).items[0]!;
    const stub = await session.core.handlers['papers.get']({ id: newest.id });
    expect(stub.pending).toBe(true);
    await page.getByRole('button', { name: 'Close import panel' }).click();
    await page.getByTestId('view-library').click();
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe(`${FOLDER_PAPERS + 2} papers`);
    await page.getByTestId('paper-row').filter({ hasText: stub.title }).first().click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(stub.title);
    await expect.poll(() => page.getByTestId('metadata-pending').isVisible()).toBe(true);
    await screenshot(page, 'library-7-pending');
    expect(session.browser.consoleErrors).toEqual([]);
  }, 200_000);

  it('cancels a running folder import; what was stored stays', async () => {
    const { page } = session.browser;
    const count = 400;
    const folder = path.join(session.workDir, 'many');
    writePaperFolder(folder, count);
    const before = (await session.core.handlers['library.stats']({})).papers;
    await openImportPanel();
    await importFolder(folder);
    await expect.poll(() => page.getByTestId('library-progress').textContent().catch(() => ''), { timeout: 60_000, interval: 50 }).toMatch(new RegExp(`/ ${count} `));
    await page.getByTestId('library-cancel').click();
    await expect.poll(() => page.getByTestId('library-cancelled').isVisible(), { timeout: 120_000 }).toBe(true);
    const added = Number((await page.getByTestId('library-added').textContent())!.split(' ')[0]);
    expect(added).toBeLessThan(count);
    expect((await session.core.handlers['library.stats']({})).papers).toBe(before + added);
    await screenshot(page, 'library-8-cancelled');
  }, 200_000);

  it('imports an offered Zotero data folder and shows collections and tags on the paper', async () => {
    const { page } = session.browser;
    const zotero = path.join(session.workDir, 'Zotero');
    const title = 'Zotero-held study of citation recommendation with graph attention';
    await buildZoteroLibrary(zotero, [
      {
        key: 'ZOTITEM1',
        type: 'journalArticle',
        fields: { title, abstractNote: 'We recommend citations for a manuscript with graph attention over the citation network and report gains.', date: '2021' },
        creators: ['Ada Lovelace'],
        tags: ['to-cite', 'graphs'],
        collections: ['Thesis/Related work'],
      },
    ]);
    await openImportPanel();
    await page.getByTestId('library-kind-zotero').check();
    await chooseOfferedFolder(zotero);
    await page.getByTestId('library-start').click();
    await expect.poll(() => page.getByTestId('library-added').textContent(), { timeout: 120_000 }).toBe('1 added');
    await page.getByRole('button', { name: 'Close import panel' }).click();
    await page.getByTestId('view-library').click();
    await page.getByTestId('paper-row').filter({ hasText: title }).first().click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(title);
    await expect.poll(() => page.getByTestId('paper-collections').textContent()).toContain('Related work');
    expect(await page.getByTestId('paper-library-tags').textContent()).toContain('to-cite');
    expect(await page.getByTestId('paper-library-tags').textContent()).toContain('graphs');
    await screenshot(page, 'library-9-zotero');
  }, 200_000);
});
