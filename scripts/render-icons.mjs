#!/usr/bin/env node
// Renders resources/icon.svg to resources/icons/<N>x<N>.png (the sizes electron-builder and the
// window use) with headless Chromium through playwright-core, which the project already has.
//
//   node scripts/render-icons.mjs [--chromium /path/to/chromium]
//
// Chromium defaults to $CHROMIUM_PATH, else /usr/bin/chromium. The PNGs are committed, so this
// runs only when the mark changes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svgFile = path.join(root, 'resources', 'icon.svg');
const outDir = path.join(root, 'resources', 'icons');

function chromiumPath(argv) {
  const flag = argv.indexOf('--chromium');
  if (flag !== -1 && argv[flag + 1]) return argv[flag + 1];
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

async function main() {
  const executablePath = chromiumPath(process.argv.slice(2));
  if (!fs.existsSync(executablePath)) {
    console.error(`render-icons: no Chromium at ${executablePath}; pass --chromium <path> or set CHROMIUM_PATH`);
    process.exit(1);
  }
  const svg = fs.readFileSync(svgFile, 'utf8');
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/<svg([^>]*?)\swidth="\d+"\s+height="\d+"/, `<svg$1 width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}svg{display:block}</style></head><body>${sized}</body></html>`,
      );
      const file = path.join(outDir, `${size}x${size}.png`);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`render-icons: ${path.relative(root, file)}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`render-icons: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
