/**
 * The small things a new user trips over, each checked in the browser against the real core:
 * Escape clears the search with its count; the search's and the rating's clear buttons have
 * distinct names and a rating goes only through a confirmed "Remove rating"; the address without
 * its token says so once and names `npm start`; notes render Markdown without raw HTML, unsafe
 * links or images; aspect terms read in one casing; For you and the digest explain themselves
 * without scores; the digest leaves out papers already read unless asked and survives a reload;
 * a two-file import has one summary row per file.
 *
 * Needs /usr/bin/chromium, the committed model and ../shared/seeds; skips with a message otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot } from './support/browser.ts';
import { browserModeMissingReason, seedPage, startAppSession, type AppSession } from './support/app-session.ts';
import { seriousAxeViolations } from './support/layout-audit.ts';

const seed = seedPage();
const skipReason = browserModeMissingReason() ?? (seed === null ? 'no seed page 000_*.txt in ../shared/seeds (../shared is absent)' : null);
if (skipReason) console.warn(`skipping the small-things e2e suite: ${skipReason}`);

describe.skipIf(skipReason !== null)('small things', () => {
  let app: AppSession;
  let papers: { id: string; title: string }[] = [];

  beforeAll(async () => {
    app = await startAppSession('facet-e2e-small');
    const summary = await app.core.handlers['import.run']({ sources: [{ kind: 'file', path: seed!.path }] });
    expect(summary.added).toBeGreaterThan(20);
    papers = (await app.core.handlers['papers.list']({ offset: 0, limit: 10, sort: 'imported' })).items.map((paper) => ({ id: paper.id, title: paper.title }));
    await app.browser.page.reload();
    await app.browser.page.getByTestId('paper-row').nth(3).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('Escape in the search box clears the query and the results count at once', async () => {
    const { page } = app.browser;
    const search = page.locator('#search-input');
    await search.fill('embedding');
    await expect.poll(() => page.getByTestId('search-count').textContent(), { timeout: 30_000 }).toMatch(/\d+ results?/);
    await search.press('Escape');
    expect(await search.inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('search-count').count()).toBe(0);
    // The library list is back, with its own count.
    await expect.poll(() => page.getByTestId('library-count').isVisible()).toBe(true);
  });

  it('names the two clear buttons apart, and a rating is removed only through a confirmed control', async () => {
    const { page } = app.browser;
    await page.getByTestId('paper-row').first().click();
    await page.getByRole('radio', { name: '5 stars' }).click();
    await expect.poll(() => page.getByTestId('rating').getAttribute('data-rating')).toBe('5');
    await page.locator('#search-input').fill('embedding');
    await page.getByTestId('search-count').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Clear search' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Clear', exact: true }).count()).toBe(0);

    // Clicking the star that is already set (the old way to clear) keeps the rating.
    await page.getByRole('radio', { name: '5 stars' }).click();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('rating').getAttribute('data-rating')).toBe('5');
    expect((await app.core.handlers['reading.get']({ id: papers[0]!.id }))?.rating).toBe(5);

    // "Remove rating…" asks; "Keep rating" keeps it; "Remove rating" removes it.
    await page.getByTestId('clear-rating-start').click();
    await page.getByTestId('clear-rating-cancel').click();
    expect((await app.core.handlers['reading.get']({ id: papers[0]!.id }))?.rating).toBe(5);
    await page.getByTestId('clear-rating-start').click();
    await page.getByRole('button', { name: 'Remove rating', exact: true }).click();
    await expect.poll(async () => (await app.core.handlers['reading.get']({ id: papers[0]!.id }))?.rating).toBeNull();
    await page.getByTestId('clear-search').click();
    await expect.poll(() => page.getByTestId('search-count').count()).toBe(0);
  });

  it('renders a note as Markdown, without raw HTML, unsafe links or images, and loads nothing from outside', async () => {
    const { page } = app.browser;
    const outside: string[] = [];
    const origin = new URL(app.bridge.url).origin;
    const onRequest = (request: { url(): string }) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:')) outside.push(url);
    };
    page.on('request', onRequest);
    try {
      await page.getByTestId('paper-row').nth(1).click();
      await page.getByTestId('note-mode-edit').click();
      const note = '## Why\n\n**Key** idea, see [code](https://github.com/a/b) and [bad](javascript:alert(1)).\n\n<script>window.__pwned = true</script><img src="https://tracker.example/x.png">\n\n![figure](https://tracker.example/fig.png)\n\n- one\n- two';
      await page.getByTestId('reading-note').fill(note);
      await page.getByTestId('note-mode-preview').click();
      const preview = page.getByTestId('note-preview');
      await expect.poll(() => preview.locator('strong').first().textContent()).toBe('Key');
      expect(await preview.locator('h4').textContent()).toBe('Why');
      expect(await preview.locator('li').count()).toBe(2);
      expect(await preview.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['https://github.com/a/b']);
      expect(await preview.locator('script, img, iframe').count()).toBe(0);
      expect(await preview.textContent()).not.toContain('__pwned');
      expect(await preview.textContent()).toContain('[image: figure]');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
      await expect.poll(async () => (await app.core.handlers['reading.get']({ id: papers[1]!.id }))?.note).toBe(note);
      // Edit brings the text back as written.
      await page.getByTestId('note-mode-edit').click();
      expect(await page.getByTestId('reading-note').inputValue()).toBe(note);
      await screenshot(page, 'small-note-markdown');
      expect(outside).toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('makes URLs in an abstract links that open outside the app, and offers a title search without ids', async () => {
    const { page } = app.browser;
    const all = (await app.core.handlers['papers.list']({ offset: 0, limit: 200, sort: 'imported' })).items;
    let withUrl: { id: string; url: string } | null = null;
    for (const summary of all) {
      const paper = await app.core.handlers['papers.get']({ id: summary.id });
      const url = /https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"*_]/.exec(paper.abstract)?.[0];
      if (url) {
        withUrl = { id: paper.id, url };
        break;
      }
    }
    expect(withUrl).not.toBeNull();
    const index = all.findIndex((paper) => paper.id === withUrl!.id);
    await page.getByTestId('paper-row').nth(index).scrollIntoViewIfNeeded();
    await page.getByTestId('paper-row').nth(index).click();
    const link = page.getByTestId('paper-abstract').locator('a').first();
    expect(await link.getAttribute('href')).toBe(new URL(withUrl!.url).href);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    const paper = await app.core.handlers['papers.get']({ id: withUrl!.id });
    if (!paper.arxivId && !paper.doi) {
      expect(await page.getByRole('link', { name: 'Find on arXiv' }).getAttribute('href')).toContain('arxiv.org/search/');
      expect(await page.getByRole('link', { name: 'Find on Semantic Scholar' }).getAttribute('href')).toContain('semanticscholar.org/search');
    }
  });

  it('shows aspect terms in one casing', async () => {
    const { page } = app.browser;
    const badges = await page.locator('dl.terms dd .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    // No plain title-cased words ("Semantic Textual Similarity") beside lower-case ones.
    for (const badge of badges) expect(badge).not.toMatch(/(^|\s)[A-Z][a-z]+(\s|$)/);
  });

  it('For you explains itself in plain words, without scores', async () => {
    const { page } = app.browser;
    await app.core.handlers['reading.set']({ id: papers[2]!.id, patch: { status: 'read', rating: 5 } });
    await app.core.handlers['reading.set']({ id: papers[3]!.id, patch: { status: 'read', rating: 4 } });
    await page.getByTestId('view-for-you').click();
    await expect.poll(() => page.getByTestId('for-you-item').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const reasons = await page.getByTestId('recommendation-reason').allTextContents();
    expect(reasons.length).toBeGreaterThan(3);
    for (const reason of reasons) expect(reason).toMatch(/^Because you liked “/);
    const listText = await page.getByTestId('for-you-list').textContent();
    expect(listText).not.toMatch(/\d\.\d\d|classifier|centroid|similarity/);
    expect(await page.getByTestId('for-you-summary').textContent()).toMatch(/^Based on \d+ papers? you liked/);
  });

  it('the digest leaves out papers already read unless asked, and comes back after a reload', async () => {
    const { page } = app.browser;
    const file = path.join(app.workDir, 'digest-again.txt');
    fs.copyFileSync(seed!.path, file);
    await page.getByTestId('import-file-input').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 60_000 }).toContain('digest-again.txt');
    await page.getByTestId('show-digest').click();
    await expect.poll(() => page.getByTestId('digest-item').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const read = [papers[2]!.id, papers[3]!.id];
    const shown = () => page.getByTestId('digest-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-paper-id')));
    for (const id of read) expect(await shown()).not.toContain(id);
    const hiddenCount = (await shown()).length;

    await page.getByTestId('digest-include-seen').check();
    await expect.poll(async () => (await shown()).length).toBeGreaterThan(hiddenCount);
    for (const id of read) expect(await shown()).toContain(id);
    await page.getByTestId('digest-include-seen').uncheck();
    await expect.poll(async () => (await shown()).length).toBe(hiddenCount);

    await page.reload();
    await expect.poll(() => page.getByTestId('view-digest').getAttribute('aria-current'), { timeout: 30_000 }).toBe('page');
    await expect.poll(async () => (await shown()).length, { timeout: 30_000 }).toBe(hiddenCount);
    for (const reason of await page.getByTestId('digest-list').getByTestId('recommendation-reason').allTextContents()) expect(reason).toMatch(/^Because you liked “/);
    expect(await page.getByTestId('digest-list').textContent()).not.toMatch(/\d\.\d\d/);
    await screenshot(page, 'small-digest-after-reload');
  });

  it('a two-file import shows one summary row per file and honest progress words', async () => {
    const { page } = app.browser;
    const bib = path.join(app.workDir, 'small.bib');
    fs.writeFileSync(bib, '@article{chen2020simclr,\n  title = {A Simple Framework for Contrastive Learning of Visual Representations},\n  author = {Chen, Ting and Kornblith, Simon},\n  year = {2020},\n  abstract = {We present SimCLR, a framework for contrastive learning of visual representations.}\n}\n@article{broken,\n  title = {Unclosed\n');
    const json = path.join(app.workDir, 'one.json');
    fs.writeFileSync(json, JSON.stringify([{ title: 'Momentum Contrast for Unsupervised Visual Representation Learning', abstract: 'We present Momentum Contrast (MoCo) for unsupervised visual representation learning.' }]));
    const labels: string[] = [];
    await page.exposeFunction('__facetProgress', (label: string) => labels.push(label));
    await page.evaluate(() => {
      const observer = new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        const label = bar?.getAttribute('aria-valuetext');
        if (label) (window as unknown as { __facetProgress: (label: string) => void }).__facetProgress(label);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuetext'] });
    });
    await page.getByTestId('import-file-input').setInputFiles([bib, json]);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 60_000 }).toContain('one.json');
    const rows = page.getByTestId('import-file-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('small.bib');
    expect(await rows.nth(0).textContent()).toMatch(/error|warning/);
    expect(await rows.nth(1).textContent()).toContain('one.json');
    expect(await rows.nth(1).textContent()).toContain('1');
    // Every label said which file and what it counted; none showed a bare "name: 0".
    for (const label of labels) expect(label).not.toMatch(/: 0$/);
    expect(labels.some((label) => /small\.bib \(file 1 of 2\)/.test(label))).toBe(true);
    await screenshot(page, 'small-import-per-file');
  });

  it('the address without its token says so once, naming npm start', async () => {
    const browser = await openBrowser();
    try {
      await browser.page.goto(app.bridge.url.split('#')[0]!);
      await expect.poll(() => browser.page.getByRole('alert').first().textContent(), { timeout: 15_000 }).toContain('npm start');
      await browser.page.waitForTimeout(1000);
      const text = (await browser.page.locator('body').textContent()) ?? '';
      expect(text.split('No access token').length - 1).toBe(1);
      expect(text).not.toContain('npm run serve');
      expect(await browser.page.getByTestId('notices').count()).toBe(0);
      expect(await seriousAxeViolations(browser.page)).toEqual([]);
      await screenshot(browser.page, 'small-no-token');
    } finally {
      await browser.close();
    }
    expect(app.browser.consoleErrors).toEqual([]);
  });
});
