/**
 * Draws the aspect map on a 2-D canvas and turns pointer input into pan, zoom, hover, click and
 * box selection. Points are written straight into an ImageData buffer (a few pixels each) instead
 * of one canvas path per point: that keeps a frame at 100k points to a few milliseconds even
 * without a GPU. Region names, the hover ring and the selection box are drawn on top.
 *
 * For tests and measurement the canvas carries its view transform (data-scale, data-tx, data-ty:
 * screen = map * scale + t, in CSS pixels), how many frames it drew and their total time.
 */
import type { MapRegion } from '../../../src-main/common/contract.ts';
import { fitTransform, panBy, toMap, toScreen, zoomAt, type ViewTransform } from './map-geometry.ts';
import { MARK_DISMISSED, MARK_LIKED, MARK_TO_READ, STYLE_DIGEST, STYLE_HIT, STYLE_SELECTED, type MapState } from '../state/map.svelte.ts';

/** Colours of the marks, as CSS hex, for light and dark pages. */
export interface MapPalette {
  background: string;
  point: string;
  liked: string;
  toRead: string;
  dismissed: string;
  digest: string;
  hit: string;
  selected: string;
  label: string;
  halo: string;
}

export const LIGHT_PALETTE: MapPalette = {
  background: '#ffffff',
  point: '#7d8799',
  liked: '#1e7a46',
  toRead: '#c77d00',
  dismissed: '#d0d0cc',
  digest: '#7b3fbf',
  hit: '#d93025',
  selected: '#2f5fb3',
  label: '#1d1d1f',
  halo: '#ffffff',
};

const DARK_PALETTE: MapPalette = {
  ...LIGHT_PALETTE,
  background: '#202124',
  point: '#8f98a8',
  dismissed: '#4a4b4f',
  selected: '#8ab0f0',
  label: '#e8e8e6',
  halo: '#202124',
};

/** The colour a point is drawn in, from its style bits (selection over search hit over digest over reading mark). */
export function colourOf(style: number, palette: MapPalette): string {
  if (style & STYLE_SELECTED) return palette.selected;
  if (style & STYLE_HIT) return palette.hit;
  if (style & STYLE_DIGEST) return palette.digest;
  const mark = style & 3;
  if (mark === MARK_LIKED) return palette.liked;
  if (mark === MARK_TO_READ) return palette.toRead;
  if (mark === MARK_DISMISSED) return palette.dismissed;
  return palette.point;
}

/** #rrggbb as the little-endian RGBA word ImageData's Uint32 view holds. */
function packed(hex: string): number {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  const r = (value >> 16) & 255;
  const g = (value >> 8) & 255;
  const b = value & 255;
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Marked points draw after plain ones, so a mark is never hidden under a crowd. */
function drawRank(style: number): number {
  if (style & (STYLE_SELECTED | STYLE_HIT)) return 3;
  if (style & STYLE_DIGEST) return 2;
  return style === 0 || (style & 3) === MARK_DISMISSED ? 0 : 1;
}

export interface MapCanvasHooks {
  /** The pointer is over point `index` (-1: none) at (sx, sy) CSS pixels in the canvas. */
  onHover(index: number, sx: number, sy: number): void;
  /** A box is being drawn (null when none), in CSS pixels. */
  onBox(box: { x: number; y: number; width: number; height: number } | null): void;
}

const HOVER_RADIUS_PX = 8;
const CLICK_SLOP_PX = 4;

export class MapCanvas {
  private view: ViewTransform = { scale: 1, tx: 0, ty: 0 };
  private fitScale = 1;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private image: ImageData | null = null;
  private words: Uint32Array | null = null;
  private dirty = true;
  private frameHandle = 0;
  private drawCount = 0;
  private drawMsTotal = 0;
  private drag: { mode: 'pan' | 'box'; startX: number; startY: number; lastX: number; lastY: number; moved: boolean; add: boolean } | null = null;
  private readonly resizeObserver: ResizeObserver;
  private readonly cleanups: (() => void)[] = [];
  private box: { x0: number; y0: number; x1: number; y1: number } | null = null;
  private palette: MapPalette = LIGHT_PALETTE;
  private fitted = false;
  private order: { styles: Uint8Array; indices: Int32Array } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly state: MapState,
    private readonly hooks: MapCanvasHooks,
  ) {
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    this.palette = dark ? DARK_PALETTE : LIGHT_PALETTE;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
    const listen = <K extends keyof HTMLElementEventMap>(type: K, handler: (event: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions) => {
      canvas.addEventListener(type, handler as EventListener, options);
      this.cleanups.push(() => canvas.removeEventListener(type, handler as EventListener));
    };
    listen('wheel', (event) => this.onWheel(event), { passive: false });
    listen('pointerdown', (event) => this.onPointerDown(event));
    listen('pointermove', (event) => this.onPointerMove(event));
    listen('pointerup', (event) => this.onPointerUp(event));
    listen('pointerleave', () => {
      if (!this.drag) this.setHover(-1, 0, 0);
    });
    this.loop();
  }

  destroy(): void {
    cancelAnimationFrame(this.frameHandle);
    this.resizeObserver.disconnect();
    this.cleanups.forEach((cleanup) => cleanup());
  }

  /** Something the drawing depends on changed (new map, new marks). */
  invalidate(): void {
    this.dirty = true;
  }

  /** Back to the whole map in view. */
  resetView(): void {
    this.view = fitTransform(this.width, this.height);
    this.fitScale = this.view.scale;
    this.fitted = true;
    this.dirty = true;
  }

  zoom(factor: number): void {
    this.view = zoomAt(this.view, factor, this.width / 2, this.height / 2, this.fitScale);
    this.dirty = true;
  }

  private resize(): void {
    const rect = this.canvas.getBoundingClientRect();
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    const dpr = window.devicePixelRatio || 1;
    if (width === this.width && height === this.height && dpr === this.dpr && this.image) return;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    const context = this.canvas.getContext('2d');
    if (!context) return;
    this.image = context.createImageData(this.canvas.width, this.canvas.height);
    this.words = new Uint32Array(this.image.data.buffer);
    if (!this.fitted) this.resetView();
    else {
      const fit = fitTransform(width, height);
      this.fitScale = fit.scale;
    }
    this.dirty = true;
  }

  private loop(): void {
    this.frameHandle = requestAnimationFrame((now) => {
      const { positions, moving } = this.state.positionsAt(now);
      if (this.dirty || moving) {
        this.dirty = moving;
        const started = performance.now();
        this.draw(positions);
        this.drawCount++;
        this.drawMsTotal += performance.now() - started;
        this.publish(moving);
      }
      this.loop();
    });
  }

  private publish(moving: boolean): void {
    const data = this.canvas.dataset;
    data.scale = String(this.view.scale);
    data.tx = String(this.view.tx);
    data.ty = String(this.view.ty);
    data.frames = String(this.drawCount);
    data.drawMs = this.drawMsTotal.toFixed(2);
    data.moving = String(moving);
  }

  private draw(positions: Float32Array): void {
    const context = this.canvas.getContext('2d');
    const words = this.words;
    const image = this.image;
    if (!context || !words || !image) return;
    const { width: pw, height: ph } = image;
    const palette = this.palette;
    words.fill(packed(palette.background));
    const styles = this.state.styles;
    const count = Math.min(positions.length / 2, styles.length);
    const colours = new Map<number, number>();
    const colour = (style: number) => {
      let value = colours.get(style);
      if (value === undefined) colours.set(style, (value = packed(colourOf(style, palette))));
      return value;
    };
    const plain = colour(0);
    const scale = this.view.scale * this.dpr;
    const tx = this.view.tx * this.dpr;
    const ty = this.view.ty * this.dpr;
    const zoom = this.view.scale / this.fitScale;
    // Few papers draw large; a crowd draws small until zoomed into.
    const crowd = count <= 2_000 ? 4 : count <= 20_000 ? 3 : 1.6;
    const base = Math.max(2, Math.round(this.dpr * Math.min(7, crowd + Math.log2(Math.max(1, zoom)))));
    const order = this.drawOrder(styles);
    const sizes = [base, base + 1, base + 2, base + 2];
    for (let k = 0; k < count; k++) {
      const i = order[k]!;
      const style = styles[i]!;
      const size = sizes[drawRank(style)]!;
      const half = size >> 1;
      const px = Math.round(positions[i * 2]! * scale + tx) - half;
      const py = Math.round(positions[i * 2 + 1]! * scale + ty) - half;
      if (px + size <= 0 || py + size <= 0 || px >= pw || py >= ph) continue;
      const value = style === 0 ? plain : colour(style);
      const x0 = Math.max(0, px);
      const x1 = Math.min(pw, px + size);
      const y1 = Math.min(ph, py + size);
      for (let y = Math.max(0, py); y < y1; y++) {
        // Corners left out of points larger than 3 px: they read as discs.
        const edge = size > 3 && (y === py || y === py + size - 1) ? 1 : 0;
        const row = y * pw;
        for (let x = Math.max(x0, px + edge), end = Math.min(x1, px + size - edge); x < end; x++) words[row + x] = value;
      }
    }
    context.putImageData(image, 0, 0);
    context.save();
    context.scale(this.dpr, this.dpr);
    this.drawLabels(context, this.state.map?.regions ?? []);
    const hovered = this.state.hovered;
    if (hovered >= 0 && hovered < count) {
      const [sx, sy] = toScreen(this.view, positions[hovered * 2]!, positions[hovered * 2 + 1]!);
      context.strokeStyle = palette.label;
      context.lineWidth = 1.5;
      context.beginPath();
      context.arc(sx, sy, 6, 0, Math.PI * 2);
      context.stroke();
    }
    if (this.box) {
      const { x0, y0, x1, y1 } = this.box;
      context.strokeStyle = palette.selected;
      context.setLineDash([4, 3]);
      context.lineWidth = 1;
      context.strokeRect(Math.min(x0, x1) + 0.5, Math.min(y0, y1) + 0.5, Math.abs(x1 - x0), Math.abs(y1 - y0));
    }
    context.restore();
  }

  /** Point indices, plain points first and marked ones after (so marks are on top); recomputed when the marks change. */
  private drawOrder(styles: Uint8Array): Int32Array {
    if (this.order?.styles === styles) return this.order.indices;
    const indices = new Int32Array(styles.length);
    let next = 0;
    for (let rank = 0; rank <= 3; rank++) for (let i = 0; i < styles.length; i++) if (drawRank(styles[i]!) === rank) indices[next++] = i;
    this.order = { styles, indices };
    return indices;
  }

  /** Region names at their centres, larger regions first; a name that would overlap one drawn already is left out. */
  private drawLabels(context: CanvasRenderingContext2D, regions: readonly MapRegion[]): void {
    context.font = '600 12px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    const taken: { x0: number; y0: number; x1: number; y1: number }[] = [];
    for (const region of regions) {
      if (region.label === '') continue;
      const [sx, sy] = toScreen(this.view, region.x, region.y);
      const width = context.measureText(region.label).width;
      const box = { x0: sx - width / 2 - 4, y0: sy - 9, x1: sx + width / 2 + 4, y1: sy + 9 };
      if (box.x1 < 0 || box.y1 < 0 || box.x0 > this.width || box.y0 > this.height) continue;
      if (taken.some((other) => box.x0 < other.x1 && box.x1 > other.x0 && box.y0 < other.y1 && box.y1 > other.y0)) continue;
      taken.push(box);
      context.strokeStyle = this.palette.halo;
      context.lineWidth = 4;
      context.strokeText(region.label, sx, sy);
      context.fillStyle = this.palette.label;
      context.fillText(region.label, sx, sy);
    }
  }

  private local(event: MouseEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const [sx, sy] = this.local(event);
    this.view = zoomAt(this.view, Math.exp(-event.deltaY * 0.0015), sx, sy, this.fitScale);
    this.dirty = true;
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const [sx, sy] = this.local(event);
    const mode = this.state.mode === 'select' || event.shiftKey ? 'box' : 'pan';
    this.drag = { mode, startX: sx, startY: sy, lastX: sx, lastY: sy, moved: false, add: event.shiftKey && this.state.mode === 'select' };
    this.canvas.setPointerCapture?.(event.pointerId);
  }

  private onPointerMove(event: PointerEvent): void {
    const [sx, sy] = this.local(event);
    const drag = this.drag;
    if (!drag) {
      this.hoverAt(sx, sy);
      return;
    }
    if (Math.abs(sx - drag.startX) > CLICK_SLOP_PX || Math.abs(sy - drag.startY) > CLICK_SLOP_PX) drag.moved = true;
    if (drag.mode === 'pan') {
      this.view = panBy(this.view, sx - drag.lastX, sy - drag.lastY);
    } else if (drag.moved) {
      this.box = { x0: drag.startX, y0: drag.startY, x1: sx, y1: sy };
      this.hooks.onBox({ x: Math.min(drag.startX, sx), y: Math.min(drag.startY, sy), width: Math.abs(sx - drag.startX), height: Math.abs(sy - drag.startY) });
    }
    drag.lastX = sx;
    drag.lastY = sy;
    this.dirty = true;
  }

  private onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    const [sx, sy] = this.local(event);
    if (!drag.moved) {
      const index = this.pointAt(sx, sy);
      if (index >= 0) this.state.open(index);
    } else if (drag.mode === 'box') {
      const [x0, y0] = toMap(this.view, drag.startX, drag.startY);
      const [x1, y1] = toMap(this.view, sx, sy);
      this.state.selectIndices(this.state.grid.within(x0, y0, x1, y1), drag.add);
    }
    this.box = null;
    this.hooks.onBox(null);
    this.dirty = true;
  }

  private pointAt(sx: number, sy: number): number {
    const [x, y] = toMap(this.view, sx, sy);
    return this.state.grid.nearest(x, y, HOVER_RADIUS_PX / this.view.scale);
  }

  private hoverAt(sx: number, sy: number): void {
    this.setHover(this.pointAt(sx, sy), sx, sy);
  }

  private setHover(index: number, sx: number, sy: number): void {
    if (index !== this.state.hovered) {
      this.state.hovered = index;
      this.dirty = true;
    }
    this.hooks.onHover(index, sx, sy);
  }

  /** The map as drawn now, as a PNG. */
  toPng(): Promise<Blob> {
    return new Promise((resolve, reject) => this.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the map as PNG'))), 'image/png'));
  }

  get transform(): ViewTransform {
    return { ...this.view };
  }

  get size(): { width: number; height: number } {
    return { width: this.width, height: this.height };
  }

  get colours(): MapPalette {
    return this.palette;
  }
}
