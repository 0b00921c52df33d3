/**
 * End to end in browser mode: the aspect map with the real core, model and layout worker. Imports
 * two seed pages, opens the map, switches aspect and checks the points move (in the core's map and
 * on screen), hovers and clicks a point, box-selects and tags, adds the selection to the reading
 * list, exports PNG and SVG, marks search hits, imports the third seed page and sees its papers
 * placed onto the cached map, and measures frame times while panning. Screenshots of each aspect's
 * map go to test-results/e2e/.
 *
 * Needs /usr/bin/chromium, the committed model and ../shared/seeds; skips with a message otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Aspect, PaperMap } from '../../src-main/common/contract.ts';
import { screenshot } from './support/browser.ts';
import { browserModeMissingReason, seedPage, startAppSession, type AppSession } from './support/app-session.ts';
import { panFrameTimes, pixelsOfColour, screenPoint } from './support/map-page.ts';

const seed = seedPage();
const skipReason = browserModeMissingReason() ?? (seed === null ? 'no seed page 000_*.txt in ../shared/seeds (../shared is absent)' : null);
if (skipReason) console.warn(`skipping the map e2e suite: ${skipReason}`);

const ASPECTS: Aspect[] = ['generic', 'task', 'method', 'dataset'];

describe.skipIf(skipReason !== null)('aspect map in the browser', () => {
  let app: AppSession;
  let seedFiles: string[] = [];

  beforeAll(async () => {
    seedFiles = fs
      .readdirSync(seed!.dir)
      .filter((file) => file.endsWith('.txt'))
      .sort()
      .map((file) => path.join(seed!.dir, file));
    app = await startAppSession('facet-e2e-map');
    const summary = await app.core.handlers['import.run']({ sources: seedFiles.slice(0, 2).map((file) => ({ kind: 'file' as const, path: file })) });
    expect(summary.added).toBeGreaterThan(40);
    await app.browser.page.reload();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const canvas = () => app.browser.page.getByTestId('map-canvas');
  const coreMap = (aspect: Aspect) => app.core.handlers['map.get']({ aspect });
  const waitForMap = async (aspect: Aspect, count?: number) => {
    await expect.poll(() => canvas().getAttribute('data-aspect'), { timeout: 60_000 }).toBe(aspect);
    await expect.poll(() => canvas().getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    if (count !== undefined) await expect.poll(() => canvas().getAttribute('data-count')).toBe(String(count));
  };
  const frames = async () => Number(await canvas().getAttribute('data-frames'));
  const settled = async () => {
    // Still for three frames' worth of time: no move in progress.
    await expect.poll(async () => (await canvas().getAttribute('data-moving')) === 'false' && (await frames()) === (await new Promise((r) => setTimeout(r, 60)).then(frames))).toBe(true);
  };

  it('opens the map of every embedded paper with named regions', async () => {
    const { page } = app.browser;
    const stats = await app.core.handlers['library.stats']({});
    await page.getByTestId('view-map').click();
    await waitForMap('generic', stats.embedded);
    const map = await coreMap('generic');
    expect(map.ids).toHaveLength(stats.embedded);
    expect(map.regions.length).toBeGreaterThanOrEqual(3);
    expect(map.regions.filter((region) => region.label !== '').length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('map-region').count()).toBe(map.regions.length);
    expect(fs.existsSync(path.join(app.dataDir, 'map'))).toBe(true);
    console.log(`map regions (overall): ${map.regions.map((region) => `${region.label || '—'} (${region.count})`).join('; ')}`);
    await screenshot(page, 'map-1-generic');
  });

  it('switches aspect: the points move to their new places, animated', async () => {
    const { page } = app.browser;
    let previous: PaperMap = await coreMap('generic');
    for (const aspect of ASPECTS.slice(1)) {
      const framesBefore = await frames();
      await page.getByTestId(`map-aspect-${aspect}`).click();
      await waitForMap(aspect);
      // A still map draws once per change; a move draws every frame for its 0.7 s.
      await expect.poll(async () => (await frames()) - framesBefore).toBeGreaterThan(10);
      await settled();
      const next = await coreMap(aspect);
      const at = new Map(previous.ids.map((id, i) => [id, [previous.x[i]!, previous.y[i]!]]));
      const moved = next.ids.filter((id, i) => {
        const old = at.get(id);
        return old !== undefined && Math.hypot(old[0]! - next.x[i]!, old[1]! - next.y[i]!) > 0.02;
      });
      expect(moved.length).toBeGreaterThan(next.ids.length / 2);
      console.log(`map ${aspect}: ${moved.length} of ${next.ids.length} papers moved; regions: ${next.regions.map((region) => region.label || '—').join('; ')}`);
      await screenshot(page, `map-${ASPECTS.indexOf(aspect) + 1}-${aspect}`);
      previous = next;
    }
  });

  it('shows the title on hover and opens the paper on click', async () => {
    const { page } = app.browser;
    await page.getByTestId('map-aspect-method').click();
    await waitForMap('method');
    await settled();
    const map = await coreMap('method');
    // A paper with no other paper within 10 px, so the pointer finds exactly it.
    const view = await screenPoint(canvas(), map, 0);
    const isolated = map.ids.findIndex((_, i) => map.ids.every((__, j) => j === i || Math.hypot(map.x[i]! - map.x[j]!, map.y[i]! - map.y[j]!) * view.scale > 10));
    expect(isolated).toBeGreaterThanOrEqual(0);
    const point = await screenPoint(canvas(), map, isolated);
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toBe(map.titles[isolated]);
    await screenshot(page, 'map-5-hover');
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.getByTestId('paper-title').textContent()).toBe(map.titles[isolated]);
  });

  it('box-selects papers, tags them and adds them to the reading list', async () => {
    const { page } = app.browser;
    const map = await coreMap('method');
    const box = await canvas().boundingBox();
    const view = await screenPoint(canvas(), map, 0);
    // The box around the middle of the map, a quarter of its side each way.
    const centre = { x: box!.x + view.tx + view.scale * 0.5, y: box!.y + view.ty + view.scale * 0.5 };
    const half = view.scale * 0.2;
    const inside = map.ids.filter((_, i) => {
      const x = box!.x + view.tx + map.x[i]! * view.scale;
      const y = box!.y + view.ty + map.y[i]! * view.scale;
      return Math.abs(x - centre.x) <= half && Math.abs(y - centre.y) <= half;
    });
    expect(inside.length).toBeGreaterThan(0);
    await page.getByTestId('map-mode-select').click();
    await page.mouse.move(centre.x - half, centre.y - half);
    await page.mouse.down();
    await page.mouse.move(centre.x, centre.y, { steps: 5 });
    await page.mouse.move(centre.x + half, centre.y + half, { steps: 5 });
    await screenshot(page, 'map-6-box');
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('map-selection-count').textContent()).toBe(`${inside.length} selected`);
    await expect.poll(() => pixelsOfColour(canvas(), '#2f5fb3')).toBeGreaterThan(0);

    await page.getByTestId('map-tag-input').fill('from the map');
    await page.getByTestId('map-tag-input').press('Enter');
    await expect.poll(() => page.getByTestId('map-last-action').textContent()).toContain('from the map');
    for (const id of inside) expect((await app.core.handlers['reading.get']({ id }))?.tags).toContain('from the map');
    await page.getByTestId('map-add-to-list').click();
    for (const id of inside) await expect.poll(async () => (await app.core.handlers['reading.get']({ id }))?.status).toBe('to-read');
    await screenshot(page, 'map-7-selected');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-export-selection').click()]);
    const file = path.join(app.workDir, download.suggestedFilename());
    await download.saveAs(file);
    expect((fs.readFileSync(file, 'utf8').match(/^@\w+\{/gm) ?? []).length).toBe(inside.length);

    // Cleared selection: the to-read mark shows in its own colour.
    await page.getByRole('button', { name: 'Clear the selection' }).click();
    await expect.poll(() => pixelsOfColour(canvas(), '#c77d00')).toBeGreaterThan(0);
    await page.getByTestId('map-mode-pan').click();
  });

  it('exports the map as PNG and SVG', async () => {
    const { page } = app.browser;
    const map = await coreMap('method');
    const out = path.resolve('test-results', 'e2e');
    fs.mkdirSync(out, { recursive: true });
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-export-png').click()]);
    expect(png.suggestedFilename()).toBe('facet-map-method.png');
    await png.saveAs(path.join(out, 'map-export-method.png'));
    expect(fs.readFileSync(path.join(out, 'map-export-method.png')).subarray(1, 4).toString()).toBe('PNG');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-export-svg').click()]);
    expect(svg.suggestedFilename()).toBe('facet-map-method.svg');
    await svg.saveAs(path.join(out, 'map-export-method.svg'));
    const text = fs.readFileSync(path.join(out, 'map-export-method.svg'), 'utf8');
    expect(text).toContain('<svg');
    expect((text.match(/<circle /g) ?? []).length).toBe(map.ids.length);
    for (const region of map.regions.filter((r) => r.label !== '').slice(0, 3)) expect(text).toContain(region.label.replace(/&/g, '&#38;'));
  });

  it('marks search hits on the map', async () => {
    const { page } = app.browser;
    const map = await coreMap('method');
    const word = map.titles[0]!.split(/\s+/).find((token) => token.length > 6) ?? map.titles[0]!;
    expect(await pixelsOfColour(canvas(), '#d93025')).toBe(0);
    await page.locator('#search-input').fill(word);
    await expect.poll(() => pixelsOfColour(canvas(), '#d93025'), { timeout: 30_000 }).toBeGreaterThan(0);
    // The top 20 hits are marked, not every paper the semantic half of the search returned.
    const hitPixels = await pixelsOfColour(canvas(), '#d93025');
    const plainPixels = await pixelsOfColour(canvas(), '#7d8799');
    expect(plainPixels).toBeGreaterThan(hitPixels);
    expect(await page.getByTestId('map-view').isVisible()).toBe(true);
    await screenshot(page, 'map-8-search');
    await page.locator('#search-input').fill('');
    await expect.poll(() => pixelsOfColour(canvas(), '#d93025')).toBe(0);
  });

  it('places the papers of a later import onto the cached map without moving the others', async () => {
    const { page } = app.browser;
    const before = await coreMap('method');
    const summary = await app.core.handlers['import.run']({ sources: [{ kind: 'file', path: seedFiles[2]! }] });
    expect(summary.added).toBeGreaterThan(10);
    const stats = await app.core.handlers['library.stats']({});
    await expect.poll(() => canvas().getAttribute('data-count'), { timeout: 60_000 }).toBe(String(stats.embedded));
    const after = await coreMap('method');
    expect(after.addedSinceLayout + before.ids.length).toBe(after.ids.length);
    expect(after.laidOutAt).toBe(before.laidOutAt);
    const at = new Map(after.ids.map((id, i) => [id, [after.x[i], after.y[i]]]));
    for (const [i, id] of before.ids.entries()) expect(at.get(id)).toEqual([before.x[i], before.y[i]]);
    // Today's digest (the papers just imported) is marked on the map.
    await expect.poll(() => pixelsOfColour(canvas(), '#7b3fbf')).toBeGreaterThan(0);
    await screenshot(page, 'map-9-after-import');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => pixelsOfColour(canvas(), '#7b3fbf')).toBeGreaterThan(0);
    await screenshot(page, 'map-9b-method-with-digest');

    await page.getByTestId('map-recompute').click();
    await expect.poll(() => canvas().getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await expect.poll(async () => (await coreMap('method')).laidOutAt, { timeout: 60_000 }).not.toBe(before.laidOutAt);
  });

  it('pans and zooms smoothly (frame times while panning)', async () => {
    const { page } = app.browser;
    const map = await coreMap('method');
    const txBefore = Number(await canvas().getAttribute('data-tx'));
    const frames = await panFrameTimes(page, canvas(), 90);
    // The drag ends where it began, but the map went round with it: the view moved and came back.
    expect(Number(await canvas().getAttribute('data-frames'))).toBeGreaterThan(30);
    expect(Math.abs(Number(await canvas().getAttribute('data-tx')) - txBefore)).toBeLessThan(2);
    console.log(
      `map pan at ${map.ids.length} papers (e2e, headless Chromium, software rendering): ${frames.frames} frames, mean ${frames.meanMs.toFixed(1)} ms, p95 ${frames.p95Ms.toFixed(1)} ms, max ${frames.maxMs.toFixed(1)} ms between frames; drawing ${frames.drawMeanMs.toFixed(2)} ms a frame`,
    );
    expect(frames.frames).toBeGreaterThan(30);
    const box = (await canvas().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => Number(await canvas().getAttribute('data-scale'))).toBeGreaterThan(frames.scale);
    await screenshot(page, 'map-10-zoomed');
    expect(app.browser.consoleErrors).toEqual([]);
  });
});
