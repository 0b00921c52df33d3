/**
 * The network opt-in and the "not a duplicate" list end to end in browser mode, with the real
 * core and model and a local stand-in for arXiv and Crossref: Settings shows network use off and
 * says what it would send; identifiers pasted while it is off become stubs without a request;
 * turning it on in Settings lets "Fetch metadata for pending papers" fill them in; the filled
 * preprint/published pair shows in Duplicates, "Not a duplicate" removes it for good, Undo brings it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arxivAnswer, crossrefPath, crossrefWork, startMetadataServer, type MetadataServer } from '../fixtures/library/metadata-server.ts';
import { browserModeMissingReason, startAppSession, type AppSession } from './support/app-session.ts';
import { screenshot } from './support/browser.ts';

const skipReason = browserModeMissingReason();
if (skipReason) console.warn(`skipping the library network e2e suite: ${skipReason}`);

const ABSTRACT =
  'Document embeddings and similarity measures underpin content-based recommender systems, whereby a document is commonly represented as a single generic embedding. We propose aspect-based document embeddings: one embedding per aspect, task, method and dataset.';
const PREPRINT = {
  id: '2205.13147v1',
  title: 'Specialized Document Embeddings for Aspect-based Similarity of Scientific Papers',
  summary: ABSTRACT,
  authors: ['Malte Ostendorff', 'Till Blume'],
  published: '2022-05-26T17:59:59Z',
};
const PUBLISHED = {
  doi: '10.1145/3529372.3530912',
  title: 'Specialized Document Embeddings for Aspect-based Similarity of Research Papers',
  abstract: `${ABSTRACT} Learned from papers with code.`,
  authors: [
    { given: 'Malte', family: 'Ostendorff' },
    { given: 'Till', family: 'Blume' },
  ],
  issued: [2022, 6, 20] as [number, number, number],
  containerTitle: 'JCDL 2022',
};

describe.skipIf(skipReason !== null)('network opt-in and "not a duplicate" in browser mode', () => {
  let server: MetadataServer;
  let session: AppSession;

  beforeAll(async () => {
    server = await startMetadataServer(arxivAnswer([PREPRINT]));
    server.script.set(crossrefPath(PUBLISHED.doi), [{ status: 200, body: crossrefWork(PUBLISHED) }]);
    session = await startAppSession('facet-e2e-network', {
      metadataFetch: { arxivApiUrl: server.arxivApiUrl, crossrefApiUrl: server.crossrefApiUrl, arxivIntervalMs: 0, crossrefIntervalMs: 0, backoffMs: 10, maxRetries: 1 },
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('fetches nothing until network use is turned on in Settings, then fills the stubs in place', async () => {
    const { page } = session.browser;
    await page.getByTestId('settings-toggle').click();
    await expect.poll(() => page.getByTestId('settings-panel').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('allow-network').isEnabled()).toBe(true);
    expect(await page.getByTestId('allow-network').isChecked()).toBe(false);
    expect((await page.getByTestId('network-explanation').textContent())!.replace(/\s+/g, ' ')).toMatch(/Off by default\. When on, Facet sends the arXiv ids and DOIs .* to export\.arxiv\.org and api\.crossref\.org/);
    await screenshot(page, 'network-1-settings-off');

    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByTestId('library-kind-identifiers').check();
    await page.getByTestId('library-ids').fill(`arXiv:${PREPRINT.id}\nhttps://doi.org/${PUBLISHED.doi}\n`);
    await page.getByTestId('library-start').click();
    await expect.poll(() => page.getByTestId('library-summary').textContent(), { timeout: 60_000 }).toContain('2 metadata pending');
    expect(await page.getByTestId('resolve-pending').isDisabled()).toBe(true);
    expect(await page.getByTestId('network-off-hint').textContent()).toContain('Network use is off');
    expect(server.seen).toEqual([]);

    await page.getByTestId('allow-network').check();
    await expect.poll(async () => (await session.core.handlers['settings.get']({})).allowNetwork).toBe(true);
    await expect.poll(() => page.getByTestId('resolve-pending').isEnabled()).toBe(true);
    const ids = (await session.core.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' })).items.map((p) => p.id).sort();

    await page.getByTestId('resolve-pending').click();
    await expect.poll(() => page.getByTestId('resolve-pending-summary').textContent(), { timeout: 60_000 }).toContain('Filled in 2 of 2 pending papers');
    await screenshot(page, 'network-2-filled');
    const page2 = await session.core.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' });
    expect(page2.items.map((p) => p.id).sort()).toEqual(ids);
    expect(page2.items.map((p) => p.title).sort()).toEqual([PREPRINT.title, PUBLISHED.title].sort());
    const stats = await session.core.handlers['library.stats']({});
    expect(stats).toMatchObject({ papers: 2, embedded: 2 });
    expect(session.browser.consoleErrors).toEqual([]);
  }, 180_000);

  it('"Not a duplicate" removes the pair from Duplicates for good, and Undo brings it back', async () => {
    const { page } = session.browser;
    // Both panels closed, so the Duplicates view has the window.
    await page.getByRole('button', { name: 'Close import panel' }).click();
    await page.getByTestId('settings-toggle').click();
    await expect.poll(() => page.getByTestId('settings-panel').count()).toBe(0);
    await page.getByTestId('view-duplicates').click();
    await expect.poll(() => page.getByTestId('duplicate-pair').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('duplicate-pair').textContent()).toContain(PREPRINT.title);
    await screenshot(page, 'network-3-duplicates');

    await page.getByTestId('not-duplicate').click();
    await expect.poll(() => page.getByTestId('not-duplicate-result').isVisible()).toBe(true);
    expect(await page.getByTestId('duplicate-pair').count()).toBe(0);
    await screenshot(page, 'network-4-not-duplicate');
    // Asked again, the core leaves the pair out (it is stored, not just hidden on the page).
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.getByTestId('duplicates-empty').isVisible()).toBe(true);
    expect(await session.core.handlers['library.duplicates']({ limit: 100 })).toEqual([]);

    await page.getByTestId('undo-not-duplicate').click();
    await expect.poll(() => page.getByTestId('duplicate-pair').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('not-duplicate-result').count()).toBe(0);
    expect(session.browser.consoleErrors).toEqual([]);
  }, 120_000);
});
