/**
 * The map as files: SVG (one circle per paper, region names as text, in the current view) and the
 * canvas's PNG, saved through the browser's download.
 */
import type { PaperMap } from '../../../src-main/common/contract.ts';
import { colourOf, type MapPalette } from './map-canvas.ts';
import { toScreen, type ViewTransform } from './map-geometry.ts';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The map as an SVG document of the given size, drawn as the canvas shows it (same view, same colours). */
export function mapSvg(map: PaperMap, positions: Float32Array, styles: Uint8Array, view: ViewTransform, size: { width: number; height: number }, palette: MapPalette): string {
  const { width, height } = size;
  const byColour = new Map<string, string[]>();
  for (let i = 0; i < map.ids.length; i++) {
    const [sx, sy] = toScreen(view, positions[i * 2]!, positions[i * 2 + 1]!);
    if (sx < -4 || sy < -4 || sx > width + 4 || sy > height + 4) continue;
    const colour = colourOf(styles[i] ?? 0, palette);
    const list = byColour.get(colour) ?? [];
    byColour.set(colour, list);
    list.push(`<circle cx="${sx.toFixed(1)}" cy="${sy.toFixed(1)}" r="${styles[i] ? 2.5 : 1.6}"><title>${escapeXml(map.titles[i] ?? '')}</title></circle>`);
  }
  const groups = [...byColour].map(([colour, circles]) => `<g fill="${colour}">\n${circles.join('\n')}\n</g>`);
  const labels = map.regions
    .filter((region) => region.label !== '')
    .map((region) => {
      const [sx, sy] = toScreen(view, region.x, region.y);
      return `<text x="${sx.toFixed(1)}" y="${sy.toFixed(1)}">${escapeXml(region.label)}</text>`;
    });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>Facet map (${escapeXml(map.aspect)}), ${map.ids.length} papers</title>`,
    `<rect width="100%" height="100%" fill="${palette.background}"/>`,
    ...groups,
    `<g font-family="system-ui, sans-serif" font-size="12" font-weight="600" text-anchor="middle" dominant-baseline="middle" fill="${palette.label}" stroke="${palette.halo}" stroke-width="4" paint-order="stroke">`,
    ...labels,
    `</g>`,
    `</svg>`,
    '',
  ].join('\n');
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
