/**
 * Geometry of the map view: the transform from map coordinates ([0, 1]², from the core) to CSS
 * pixels of the canvas (screen = map * scale + offset), and a grid index over the points so hover,
 * click and box selection stay cheap at 100k papers.
 */

export interface ViewTransform {
  scale: number;
  tx: number;
  ty: number;
}

const MIN_ZOOM = 0.5;
const MAX_ZOOM = 400;

/** The whole [0, 1]² square centred in a canvas of this size, with a margin. */
export function fitTransform(width: number, height: number, margin = 24): ViewTransform {
  const scale = Math.max(1, Math.min(width, height) - 2 * margin);
  return { scale, tx: (width - scale) / 2, ty: (height - scale) / 2 };
}

/** Zoomed by `factor` around the screen point (sx, sy), which stays where it is. */
export function zoomAt(view: ViewTransform, factor: number, sx: number, sy: number, fitScale: number): ViewTransform {
  const scale = Math.min(fitScale * MAX_ZOOM, Math.max(fitScale * MIN_ZOOM, view.scale * factor));
  const applied = scale / view.scale;
  return { scale, tx: sx - (sx - view.tx) * applied, ty: sy - (sy - view.ty) * applied };
}

export function panBy(view: ViewTransform, dx: number, dy: number): ViewTransform {
  return { scale: view.scale, tx: view.tx + dx, ty: view.ty + dy };
}

export function toScreen(view: ViewTransform, x: number, y: number): [number, number] {
  return [x * view.scale + view.tx, y * view.scale + view.ty];
}

export function toMap(view: ViewTransform, sx: number, sy: number): [number, number] {
  return [(sx - view.tx) / view.scale, (sy - view.ty) / view.scale];
}

/** Points bucketed into a uniform grid over [0, 1]² (points outside are clamped into edge cells). */
export class PointGrid {
  private readonly cells: Int32Array;
  private readonly starts: Int32Array;

  constructor(
    private readonly positions: Float32Array,
    private readonly side = 128,
  ) {
    const count = positions.length / 2;
    const cellOf = new Int32Array(count);
    const counts = new Int32Array(side * side + 1);
    for (let i = 0; i < count; i++) {
      const cell = this.cellIndex(positions[i * 2]!, positions[i * 2 + 1]!);
      cellOf[i] = cell;
      counts[cell + 1]!++;
    }
    for (let c = 0; c < side * side; c++) counts[c + 1] = counts[c + 1]! + counts[c]!;
    this.starts = counts.slice();
    this.cells = new Int32Array(count);
    const fill = counts.slice();
    for (let i = 0; i < count; i++) this.cells[fill[cellOf[i]!]!++] = i;
  }

  private clampCell(value: number): number {
    return Math.max(0, Math.min(this.side - 1, Math.floor(value * this.side)));
  }

  private cellIndex(x: number, y: number): number {
    return this.clampCell(y) * this.side + this.clampCell(x);
  }

  /** Calls `visit` for every point whose cell overlaps the box (the caller checks exact bounds). */
  private visitBox(x0: number, y0: number, x1: number, y1: number, visit: (index: number) => void): void {
    for (let cy = this.clampCell(y0); cy <= this.clampCell(y1); cy++) {
      for (let cx = this.clampCell(x0); cx <= this.clampCell(x1); cx++) {
        const cell = cy * this.side + cx;
        for (let k = this.starts[cell]!; k < this.starts[cell + 1]!; k++) visit(this.cells[k]!);
      }
    }
  }

  /** The point nearest to (x, y) within `radius` (map units), or -1. */
  nearest(x: number, y: number, radius: number): number {
    let best = -1;
    let bestDistance = radius * radius;
    this.visitBox(x - radius, y - radius, x + radius, y + radius, (index) => {
      const dx = this.positions[index * 2]! - x;
      const dy = this.positions[index * 2 + 1]! - y;
      const distance = dx * dx + dy * dy;
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    return best;
  }

  /** Every point inside the box, in index order. */
  within(x0: number, y0: number, x1: number, y1: number): number[] {
    const [left, right] = x0 <= x1 ? [x0, x1] : [x1, x0];
    const [top, bottom] = y0 <= y1 ? [y0, y1] : [y1, y0];
    const found: number[] = [];
    this.visitBox(left, top, right, bottom, (index) => {
      const x = this.positions[index * 2]!;
      const y = this.positions[index * 2 + 1]!;
      if (x >= left && x <= right && y >= top && y <= bottom) found.push(index);
    });
    return found.sort((a, b) => a - b);
  }
}
