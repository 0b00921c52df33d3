/**
 * End to end in browser mode: the real core (openFacet with the committed model, a temp data
 * folder), the bridge, the built renderer, and Debian's Chromium driven by playwright-core.
 *
 * Needs: /usr/bin/chromium, a model under resources/models (or FACET_MODEL_DIR), and the seed
 * pages in ../shared/seeds for the import flow. Each missing piece skips with a message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Aspect } from '../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../src-main/core/service.ts';
import { startBridge, type Bridge } from '../../src-main/node/bridge/index.ts';
import { modelMissingReason } from './support/app-session.ts';
import { chromiumMissingReason, openBrowser, screenshot, type BrowserSession } from './support/browser.ts';
import { ensureRendererBuilt } from './support/renderer-build.ts';
import { layoutProblems, seriousAxeViolations } from './support/layout-audit.ts';

const seedsDir = path.resolve(process.cwd(), '../shared/seeds');
const seedFile = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).find((name) => name.startsWith('000_') && name.endsWith('.txt')) : undefined;
const seedPath = seedFile === undefined ? null : path.join(seedsDir, seedFile);

const skipReason = chromiumMissingReason() ?? modelMissingReason() ?? (seedPath === null ? `no seed page 000_*.txt in ${seedsDir} (../shared is absent)` : null);
if (skipReason) console.warn(`skipping the browser-mode e2e suite: ${skipReason}`);

const TABS: { aspect: Aspect; label: string }[] = [
  { aspect: 'generic', label: 'Overall' },
  { aspect: 'task', label: 'Task' },
  { aspect: 'method', label: 'Method' },
  { aspect: 'dataset', label: 'Dataset' },
];

describe.skipIf(skipReason !== null)('browser mode end to end', () => {
  let dataDir: string;
  let fixturesDir: string;
  let core: FacetCore;
  let bridge: Bridge;
  let browser: BrowserSession;

  beforeAll(async () => {
    const staticDir = ensureRendererBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-data-'));
    fixturesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-e2e-fixtures-'));
    core = await openFacet({ dataDir });
    bridge = await startBridge({ core, staticDir });
    browser = await openBrowser();
    await browser.page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await core?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (fixturesDir) fs.rmSync(fixturesDir, { recursive: true, force: true });
  });

  it('shows the empty state and the model', async () => {
    const { page } = browser;
    await expect.poll(() => page.getByTestId('empty-state').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Your library is empty' }).isVisible()).toBe(true);
    const model = await core.handlers['model.info']({});
    await expect.poll(() => page.getByTestId('model-badge').textContent()).toContain(model.name);
    expect(await page.getByTestId('provisional-badge').count()).toBe(model.provisional ? 1 : 0);
    await screenshot(page, 'browser-mode-1-empty');
    // The empty state is a view too: nothing cut off at the smallest size, and no serious axe violation.
    await page.setViewportSize({ width: 800, height: 600 });
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('imports a seed page through the file input, with progress and a summary', async () => {
    const { page } = browser;
    await page.getByTestId('import-file-input').setInputFiles(seedPath!);
    await expect.poll(() => page.getByTestId('import-progress').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('import-summary').isVisible(), { timeout: 180_000 }).toBe(true);
    // data-phase is set only from import.onDidProgress events, so events reached the page.
    expect(await page.getByTestId('import-progress').getAttribute('data-phase')).toBeTruthy();
    const stats = await core.handlers['library.stats']({});
    expect(stats.papers).toBeGreaterThan(10);
    expect(await page.getByTestId('import-added').textContent()).toBe(`${stats.papers} added`);
    expect(await page.getByTestId('import-summary').textContent()).toContain(seedFile!);
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe(`${stats.papers} papers`);
    await screenshot(page, 'browser-mode-2-imported');
    await page.getByRole('button', { name: 'Close import panel' }).click();
  });

  it('opens a paper, shows neighbours for every aspect tab, and follows one', async () => {
    const { page } = browser;
    const first = (await core.handlers['papers.list']({ offset: 0, limit: 1, sort: 'imported' })).items[0]!;
    await page.getByTestId('paper-row').first().click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(first.title);
    const paper = await core.handlers['papers.get']({ id: first.id });
    if (!paper.titleOnly) expect(await page.getByTestId('paper-abstract').textContent()).toBe(paper.abstract);

    for (const { aspect, label } of TABS) {
      await page.getByRole('tab', { name: label }).click();
      await expect.poll(() => page.getByRole('tab', { name: label }).getAttribute('aria-selected')).toBe('true');
      const expected = await core.handlers['papers.similar']({ id: first.id, aspect, k: 10 });
      expect(expected.length).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('neighbour-panel').getAttribute('data-aspect')).toBe(aspect);
      // Polled as a whole: the panel may re-render (a late event refreshes it) between two reads.
      const shown = () =>
        page.getByTestId('neighbour').evaluateAll((items) =>
          items.map((item) => ({
            title: item.querySelector('button')?.textContent?.trim(),
            score: item.querySelector('.score')?.textContent,
            reason: item.querySelector('[data-testid="neighbour-reason"]')?.textContent ?? '',
          })),
        );
      await expect.poll(shown).toEqual(expected.map((n) => ({ title: n.paper.title, score: n.score.toFixed(2), reason: n.reason })));
      await screenshot(page, `browser-mode-3-neighbours-${aspect}`);
    }

    await page.getByRole('tab', { name: 'Overall' }).click();
    await expect.poll(() => page.getByTestId('neighbour').count()).toBeGreaterThan(0);
    const target = (await core.handlers['papers.similar']({ id: first.id, aspect: 'generic', k: 10 }))[0]!;
    await page.getByTestId('neighbour').first().getByRole('button', { name: target.paper.title, exact: true }).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(target.paper.title);
    await expect.poll(() => page.getByTestId('neighbour').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('neighbour').getByRole('button', { name: target.paper.title, exact: true }).count()).toBe(0);
    await screenshot(page, 'browser-mode-4-followed');
  });

  it('moves with j / k, opens with Enter, and / focuses search', async () => {
    const { page } = browser;
    const rows = (await core.handlers['papers.list']({ offset: 0, limit: 5, sort: 'imported' })).items;
    await page.getByTestId('library-list').evaluate((element) => (element.scrollTop = 0));
    // Clicking a row puts the cursor there; then the keyboard takes over from the page body.
    await page.getByTestId('paper-row').first().click();
    await page.locator('body').click({ position: { x: 1100, y: 780 } });
    for (const key of ['j', 'j', 'j', 'k']) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(rows[2]!.title);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    const word = rows[2]!.title.split(/\s+/).find((token) => token.length > 5) ?? rows[2]!.title;
    await page.keyboard.type(word);
    await expect.poll(() => page.getByTestId('search-results').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('paper-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'browser-mode-5-search');
    await page.getByRole('button', { name: 'Clear' }).click();
    expect(browser.consoleErrors).toEqual([]);
  });

  it('shows titles and abstracts as text: markup in a digest never runs', async () => {
    const { page } = browser;
    const title = 'Evil <img src=x onerror="window.__xss=1"> title <script>window.__xss=1</script>';
    const abstract = 'An abstract with <img src=x onerror="window.__xss=1"> and <script>window.__xss=1</script> inside, long enough to be read as an abstract paragraph.';
    const file = path.join(fixturesDir, 'xss-digest.txt');
    fs.writeFileSync(
      file,
      `${title}\n\n${abstract}\n\nA harmless second paper about graph embeddings\n\nWe study graph embeddings for link prediction on citation networks and report results.\n`,
    );
    await page.getByTestId('import-file-input').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 120_000 }).toContain('xss-digest.txt');
    const hits = await core.handlers['papers.search']({ query: 'Evil title', mode: 'keyword', limit: 5 });
    const stored = hits.find((hit) => hit.paper.title.includes('Evil'));
    expect(stored, 'the XSS digest was imported').toBeDefined();
    // The importer kept the markup, so the renderer really is given HTML-looking text.
    expect(stored!.paper.title).toContain('<img src=x onerror=');

    await page.getByRole('button', { name: 'Close import panel' }).click();
    await page.getByTestId('paper-row').filter({ hasText: 'Evil' }).first().click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(stored!.paper.title);
    expect(await page.getByTestId('paper-abstract').textContent()).toContain('<script>window.__xss=1</script>');
    expect(await page.getByTestId('paper-view').locator('img, script').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, 'browser-mode-6-xss-as-text');
  });

  it('imports pasted text and reports duplicates', async () => {
    const { page } = browser;
    const first = (await core.handlers['papers.list']({ offset: 0, limit: 200, sort: 'imported' })).items.find((item) => !item.titleOnly)!;
    const paper = await core.handlers['papers.get']({ id: first.id });
    const before = (await core.handlers['library.stats']({})).papers;
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('Paste text').fill(`${paper.title}\n\n${paper.abstract}\n`);
    await page.getByRole('button', { name: 'Import pasted text' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 60_000 }).toContain('pasted text');
    expect(await page.getByTestId('import-duplicates').textContent()).toBe('1 duplicate');
    expect(await page.getByTestId('import-added').textContent()).toBe('0 added');
    expect((await core.handlers['library.stats']({})).papers).toBe(before);
  });

  it('imports dropped files, and names the source of a record it cannot read', async () => {
    const { page } = browser;
    const goodDigest =
      'Dropped paper on contrastive sentence embeddings\n\nWe train sentence embeddings with a contrastive objective on natural language inference pairs and evaluate them on semantic textual similarity.\n';
    const brokenJson = '[{"title": "Fine record", "abstract": "A fine abstract about graphs."},\n {"title": 42, "abstract": ';
    // A drop carries File objects; build them in the page, as a drag from the desktop would.
    await page.evaluate(
      ([digest, json]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([digest!], 'dropped-digest.txt', { type: 'text/plain' }));
        transfer.items.add(new File([json!], 'broken.json', { type: 'application/json' }));
        window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
      },
      [goodDigest, brokenJson],
    );
    await expect
      .poll(async () => (await page.getByTestId('import-summary').textContent()) ?? (await page.getByTestId('import-error').textContent()), {
        timeout: 60_000,
      })
      .toContain('broken.json');
    const summaryText = (await page.getByTestId('import-summary').textContent()) ?? '';
    const errorText = (await page.getByTestId('import-error').count()) > 0 ? await page.getByTestId('import-error').textContent() : '';
    // Either the whole import failed with a message naming the file, or the summary lists the problem with its source.
    expect(`${summaryText} ${errorText}`).toMatch(/broken\.json(, line \d+)?[^]*:/);
    const hits = await core.handlers['papers.search']({ query: 'Dropped paper contrastive sentence embeddings', mode: 'keyword', limit: 5 });
    if ((await page.getByTestId('import-summary').count()) > 0) {
      expect(hits.some((hit) => hit.paper.title.startsWith('Dropped paper'))).toBe(true);
    }
    const papers = (await core.handlers['library.stats']({})).papers;
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe(`${papers} papers`);
    await screenshot(page, 'browser-mode-7-dropped');
    expect(browser.consoleErrors).toEqual([]);
  });
});
