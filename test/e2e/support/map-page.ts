/**
 * Helpers for tests of the map canvas: where a paper is on screen (from the view transform the
 * canvas publishes), how many pixels show a colour, and frame times while panning.
 */
import type { Locator, Page } from 'playwright-core';
import type { PaperMap } from '../../../src-main/common/contract.ts';

export interface ScreenPoint {
  /** Page coordinates (what page.mouse takes). */
  x: number;
  y: number;
  /** The canvas's view: screen = map * scale + t (CSS pixels inside the canvas). */
  scale: number;
  tx: number;
  ty: number;
}

export async function screenPoint(canvas: Locator, map: Pick<PaperMap, 'x' | 'y'>, index: number): Promise<ScreenPoint> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the map canvas is not on screen');
  const scale = Number(await canvas.getAttribute('data-scale'));
  const tx = Number(await canvas.getAttribute('data-tx'));
  const ty = Number(await canvas.getAttribute('data-ty'));
  return { x: box.x + tx + map.x[index]! * scale, y: box.y + ty + map.y[index]! * scale, scale, tx, ty };
}

/** Canvas pixels of exactly this #rrggbb colour. */
export function pixelsOfColour(canvas: Locator, hex: string): Promise<number> {
  return canvas.evaluate((element, colour) => {
    const canvasElement = element as HTMLCanvasElement;
    const context = canvasElement.getContext('2d');
    if (!context) return -1;
    const value = Number.parseInt(colour.slice(1), 16);
    const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
    const data = context.getImageData(0, 0, canvasElement.width, canvasElement.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count++;
    return count;
  }, hex);
}

export interface FrameTimes {
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  /** Mean time the map spent drawing one frame. */
  drawMeanMs: number;
  /** The view's scale after panning (unchanged by a pan). */
  scale: number;
}

/**
 * Drags the map across the canvas in `steps` pointer moves (pan mode) while the page records the
 * time between animation frames.
 */
export async function panFrameTimes(page: Page, canvas: Locator, steps: number): Promise<FrameTimes> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the map canvas is not on screen');
  const drawBefore = { frames: Number(await canvas.getAttribute('data-frames')), ms: Number(await canvas.getAttribute('data-draw-ms')) };
  await page.evaluate(() => {
    const record = window as unknown as { __frameTimes: number[]; __recording: boolean };
    record.__frameTimes = [];
    record.__recording = true;
    const tick = (now: number) => {
      record.__frameTimes.push(now);
      if (record.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const startX = box.x + box.width * 0.3;
  const startY = box.y + box.height * 0.5;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  for (let step = 1; step <= steps; step++) {
    const angle = (step / steps) * Math.PI * 2;
    await page.mouse.move(startX + Math.sin(angle) * box.width * 0.25, startY + (1 - Math.cos(angle)) * box.height * 0.15);
    await new Promise((resolve) => setTimeout(resolve, 8));
  }
  await page.mouse.up();
  const times = await page.evaluate(() => {
    const record = window as unknown as { __frameTimes: number[]; __recording: boolean };
    record.__recording = false;
    return record.__frameTimes;
  });
  const gaps = times.slice(1).map((time, i) => time - times[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const drawAfter = { frames: Number(await canvas.getAttribute('data-frames')), ms: Number(await canvas.getAttribute('data-draw-ms')) };
  const drawn = Math.max(1, drawAfter.frames - drawBefore.frames);
  return {
    frames: gaps.length,
    meanMs: gaps.reduce((sum, gap) => sum + gap, 0) / Math.max(1, gaps.length),
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    drawMeanMs: (drawAfter.ms - drawBefore.ms) / drawn,
    scale: Number(await canvas.getAttribute('data-scale')),
  };
}
