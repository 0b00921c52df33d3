/**
 * End to end in browser mode: "Same method, other tasks" and the side-by-side comparison, with the
 * real core and model, the bridge and Chromium, on the seed pages. Screenshots of both go to
 * test-results/e2e/.
 *
 * Needs /usr/bin/chromium, the committed model and ../shared/seeds; skips with a message otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.ts';
import { browserModeMissingReason, seedPage, startAppSession, type AppSession } from './support/app-session.ts';

const seed = seedPage();
const skipReason = browserModeMissingReason() ?? (seed === null ? 'no seed pages in ../shared/seeds (../shared is absent)' : null);
if (skipReason) console.warn(`skipping the aspect-contrast e2e suite: ${skipReason}`);

describe.skipIf(skipReason !== null)('cross-aspect neighbours and comparing two papers in the browser', () => {
  let app: AppSession;
  let openId = '';

  beforeAll(async () => {
    app = await startAppSession('facet-e2e-contrast');
    const files = fs.readdirSync(seed!.dir).filter((file) => file.endsWith('.txt')).sort();
    const summary = await app.core.handlers['import.run']({ sources: files.map((file) => ({ kind: 'file' as const, path: path.join(seed!.dir, file) })) });
    expect(summary.added).toBe(118);
    await app.browser.page.reload();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('runs "Same method, other tasks" for the open paper and shows what is shared and what differs', async () => {
    const { page } = app.browser;
    await expect.poll(() => page.getByTestId('paper-row').count()).toBeGreaterThan(3);
    // A paper the tagger found tasks and methods in, opened through the search box.
    const query = 'Anatomical Invariance Modeling and Semantic Alignment';
    const [hit] = await app.core.handlers['papers.search']({ query, mode: 'keyword', limit: 1 });
    openId = hit!.paper.id;
    await page.locator('#search-input').fill(query);
    await expect.poll(() => page.getByTestId('search-results').isVisible()).toBe(true);
    await page.getByTestId('search-results').getByText(hit!.paper.title).first().click();
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(hit!.paper.title);

    await page.getByRole('button', { name: 'Same method, other tasks' }).click();
    await expect.poll(() => page.getByTestId('cross-item').count()).toBe(10);
    expect(await page.getByTestId('cross-list').getAttribute('data-pair')).toBe('method/task');
    const expected = await app.core.handlers['papers.crossAspect']({ id: openId, aspect: 'method', unlike: 'task', k: 10 });
    const titles = await page.locator('[data-testid="cross-item"] .title').allTextContents();
    expect(titles.map((title) => title.trim())).toEqual(expected.map((item) => item.paper.title));
    const differences = await page.getByTestId('cross-difference').allTextContents();
    expect(differences).toEqual(expected.map((item) => item.difference));
    const shared = await page.getByTestId('cross-shared').allTextContents();
    expect(shared).toEqual(expected.map((item) => item.reason));
    expect(shared.every((line) => /method/.test(line))).toBe(true);
    await page.getByTestId('cross-aspect').evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'aspect-contrast-1-same-method-other-tasks');

    // The other questions load on their own button.
    await page.getByRole('button', { name: 'Same task, other methods' }).click();
    await expect.poll(() => page.getByTestId('cross-list').getAttribute('data-pair')).toBe('task/method');
    await expect.poll(() => page.getByTestId('cross-item').count()).toBe(10);
  });

  it('compares the open paper with a neighbour side by side', async () => {
    const { page } = app.browser;
    await page.getByRole('tab', { name: 'Method' }).click();
    await expect.poll(() => page.getByTestId('neighbour').count()).toBe(10);
    const [nearest] = await app.core.handlers['papers.similar']({ id: openId, aspect: 'method', k: 1 });
    await page.getByTestId('neighbour-compare').nth(0).click();
    await expect.poll(() => page.getByTestId('compare-row').count()).toBe(4);
    const paper = await app.core.handlers['papers.get']({ id: openId });
    expect((await page.getByTestId('compare-a').textContent())?.trim()).toBe(paper.title);
    expect((await page.getByTestId('compare-b').textContent())?.trim()).toBe(nearest!.paper.title);
    const methodRow = page.locator('[data-testid="compare-row"][data-aspect="method"]');
    expect((await methodRow.locator('td.num').textContent())?.trim()).toBe(nearest!.score.toFixed(2));
    const comparison = await app.core.handlers['papers.compare']({ a: openId, b: nearest!.paper.id });
    const taskRow = comparison.aspects.find((row) => row.aspect === 'task')!;
    const taskCells = await page.locator('[data-testid="compare-row"][data-aspect="task"] td').allTextContents();
    for (const term of taskRow.terms.onlyA) expect(taskCells[1]).toContain(term);
    for (const term of taskRow.terms.onlyB) expect(taskCells[3]).toContain(term);
    await page.getByTestId('compare-panel').evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'aspect-contrast-2-compare');

    // The same action on a cross-aspect row compares with that paper instead; Close hides the panel.
    const crossFirst = (await app.core.handlers['papers.crossAspect']({ id: openId, aspect: 'task', unlike: 'method', k: 1 }))[0]!;
    await page.getByTestId('cross-compare').nth(0).click();
    await expect.poll(async () => (await page.getByTestId('compare-b').textContent())?.trim()).toBe(crossFirst.paper.title);
    await page.getByTestId('compare-close').click();
    await expect.poll(() => page.getByTestId('compare-panel').count()).toBe(0);
    expect(app.browser.consoleErrors).toEqual([]);
  });
});
