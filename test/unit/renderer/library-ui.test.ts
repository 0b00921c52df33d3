/**
 * The built renderer in Chromium against the bridge and a fake core of 100,000 papers: the list
 * stays virtual (few DOM rows, few pages fetched), the keyboard works, core errors reach the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../src-main/node/bridge/index.ts';
import { chromiumMissingReason, openBrowser, screenshot, type BrowserSession } from '../../e2e/support/browser.ts';
import { ensureRendererBuilt } from '../../e2e/support/renderer-build.ts';
import { createLargeFakeCore, type LargeFakeCore } from './large-fake-core.ts';

const PAPERS = 100_000;
const missing = chromiumMissingReason();
if (missing) console.warn(`skipping renderer UI tests: ${missing}`);

describe.skipIf(missing !== null)('renderer with 100k papers (fake core)', () => {
  let core: LargeFakeCore;
  let bridge: Bridge;
  let browser: BrowserSession;

  beforeAll(async () => {
    const staticDir = ensureRendererBuilt();
    core = createLargeFakeCore(PAPERS, { failPaperGet: 'p2' });
    bridge = await startBridge({ core, staticDir, logError: () => {} });
    browser = await openBrowser();
    await browser.page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  const listCalls = () => core.calls.filter((call) => call.method === 'papers.list').length;

  it('shows the count, model badge and a virtual list', async () => {
    const { page } = browser;
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe('100,000 papers');
    await expect.poll(() => page.getByTestId('model-badge').textContent()).toContain('Fake model');
    expect(await page.getByTestId('provisional-badge').isVisible()).toBe(true);
    const rows = await page.getByTestId('paper-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
    expect(await page.getByTestId('paper-row').first().textContent()).toContain('Paper 0:');
    await screenshot(page, 'renderer-100k-list');
  });

  it('scrolls to the end quickly, fetching only the pages in view', async () => {
    const { page } = browser;
    const before = listCalls();
    const started = Date.now();
    await page.getByTestId('library-list').evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect.poll(() => page.getByText('Paper 99999:', { exact: false }).count()).toBe(1);
    const elapsed = Date.now() - started;
    console.log(`scroll to row 100,000 rendered in ${elapsed} ms; papers.list calls for it: ${listCalls() - before}`);
    expect(listCalls() - before).toBeLessThanOrEqual(2);
    expect(await page.getByTestId('paper-row').count()).toBeLessThan(60);

    // A sweep through the middle: every frame renders only the visible rows.
    const sweep = await page.getByTestId('library-list').evaluate(async (element) => {
      const frames: number[] = [];
      for (let step = 0; step < 60; step++) {
        const begin = performance.now();
        element.scrollTop = (element.scrollHeight * step) / 60;
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        frames.push(performance.now() - begin);
      }
      return { max: Math.max(...frames), rows: element.querySelectorAll('[data-testid="paper-row"]').length };
    });
    console.log(`60-step scroll sweep: slowest frame ${sweep.max.toFixed(1)} ms, ${sweep.rows} rows in the DOM`);
    expect(sweep.rows).toBeLessThan(60);
    await page.getByTestId('library-list').evaluate((element) => (element.scrollTop = 0));
  });

  it('moves with j / k, opens with Enter, focuses search with /', async () => {
    const { page } = browser;
    await page.locator('body').click({ position: { x: 900, y: 700 } });
    for (const key of ['j', 'j', 'j', 'j', 'k']) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toContain('Paper 3:');
    expect(await page.locator('#library-row-3').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.press('Escape');
  });

  it('flags papers stored without an abstract', async () => {
    const { page } = browser;
    // The fake core stores every tenth paper (p9, p19, …) as title only.
    await page.getByTestId('paper-row').nth(9).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toContain('Paper 9:');
    expect(await page.getByTestId('title-only').textContent()).toContain('matched by its title alone');
    expect(await page.getByTestId('paper-abstract').count()).toBe(0);
  });

  it('shows core errors instead of swallowing them', async () => {
    const { page } = browser;
    // The fake core fails papers.get for p2 with an INTERNAL error.
    await page.getByTestId('paper-row').nth(2).click();
    await expect.poll(() => page.getByTestId('paper-view').textContent()).toContain('the store could not read this paper');
  });

  it('shows neighbours with scores and reasons per aspect, and follows one', async () => {
    const { page } = browser;
    await page.getByTestId('paper-row').nth(5).click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toContain('Paper 5:');
    await expect.poll(() => page.getByTestId('neighbour').count()).toBe(10);
    await page.getByRole('tab', { name: 'Method' }).click();
    await expect.poll(() => page.getByTestId('neighbour-reason').first().textContent()).toBe('shared method: method term');
    expect(await page.getByRole('tab', { name: 'Method' }).getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'renderer-paper-neighbours');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'renderer-paper-neighbours-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('neighbour').first().locator('button.title').click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toContain('Paper 6:');
    expect(browser.consoleErrors).toEqual([]);
  });

  it('follows imports started elsewhere: progress, summary and a refreshed list', async () => {
    const { page } = browser;
    core.emit('import.onDidProgress', { importId: 'x1', source: '/home/me/elsewhere.bib', phase: 'parse', done: 40, total: 80 });
    await expect.poll(() => page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('50');
    expect(await page.getByTestId('import-progress').getAttribute('aria-valuetext')).toBe('Reading elsewhere.bib: 40 / 80 records');
    core.setTotal(PAPERS + 80);
    core.emit('import.onDidFinish', {
      importId: 'x1',
      sources: ['/home/me/elsewhere.bib'],
      parsed: 81,
      added: 80,
      duplicates: 1,
      titleOnly: 0,
      embedded: 80,
      problems: [{ source: '/home/me/elsewhere.bib', line: 12, record: 'smith2020', severity: 'error', message: 'missing title' }],
      durationMs: 1200,
    });
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('80 added');
    expect(await page.getByTestId('import-summary').textContent()).toContain('/home/me/elsewhere.bib, line 12 (smith2020): missing title');
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe('100,080 papers');
    await screenshot(page, 'renderer-import-elsewhere');
  });

  it('explains a missing token instead of showing an empty library', async () => {
    const other = await browser.context.newPage();
    try {
      await other.goto(bridge.origin);
      await expect.poll(() => other.getByRole('alert').first().textContent()).toContain('#token=');
      expect(await other.getByTestId('empty-state').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('says so when the server goes away', async () => {
    const { page } = browser;
    await bridge.close();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'connection to the Facet server closed' }).count()).toBe(1);
  });
});
