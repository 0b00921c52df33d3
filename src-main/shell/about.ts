/**
 * The About box: versions of the parts that matter for reproducing a result (app, Electron, Node,
 * ONNX Runtime, LanceDB) and the model card of the model in use.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface AboutVersions {
  app: string;
  electron: string;
  node: string;
  onnxruntime: string;
  lancedb: string;
}

/** Longest model card excerpt shown in the dialog; the full card opens as a file. */
export const MODEL_CARD_EXCERPT_CHARS = 1800;

/**
 * The installed version of a package, found from its entry point upwards (some packages, such as
 * @lancedb/lancedb, do not export their package.json). "unknown (reason)" when it cannot be read.
 */
export function installedVersion(packageName: string, fromUrl: string = import.meta.url): string {
  const require = createRequire(fromUrl);
  let entry: string;
  try {
    entry = require.resolve(packageName);
  } catch (error) {
    return `unknown (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
        if (parsed.name === packageName && typeof parsed.version === 'string') return parsed.version;
      } catch {
        // A broken package.json on the way up is not ours; keep looking.
      }
    }
    if (path.dirname(dir) === dir) return 'unknown (no package.json found)';
  }
}

export function collectVersions(options: { appVersion: string; processVersions: NodeJS.ProcessVersions }): AboutVersions {
  return {
    app: options.appVersion,
    electron: options.processVersions.electron ?? '(not running in Electron)',
    node: options.processVersions.node,
    onnxruntime: installedVersion('onnxruntime-node'),
    lancedb: installedVersion('@lancedb/lancedb'),
  };
}

export interface ModelCard {
  file: string;
  text: string;
}

/** MODEL_CARD.md of the model folder, or null (with the reason) when it is missing. */
export function readModelCard(modelDir: string): { card: ModelCard | null; problem: string | null } {
  const file = path.join(modelDir, 'MODEL_CARD.md');
  try {
    return { card: { file, text: fs.readFileSync(file, 'utf8') }, problem: null };
  } catch (error) {
    return { card: null, problem: `${file}: ${(error as Error).message}` };
  }
}

/** Markdown to plain text good enough for a message box: no heading marks, emphasis or link targets. */
export function plainTextExcerpt(markdown: string, maxChars: number = MODEL_CARD_EXCERPT_CHARS): string {
  const plain = markdown
    .replace(/\r\n/g, '\n')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.lastIndexOf('\n', maxChars);
  return `${plain.slice(0, cut > maxChars / 2 ? cut : maxChars).trimEnd()}\n…`;
}

export interface AboutContent {
  title: string;
  message: string;
  detail: string;
}

export function aboutContent(options: {
  appName: string;
  versions: AboutVersions;
  dataDir: string;
  modelDir: string | null;
  card: ModelCard | null;
  modelProblem: string | null;
}): AboutContent {
  const { versions } = options;
  const lines = [
    `Version ${versions.app}`,
    `Electron ${versions.electron} · Node ${versions.node}`,
    `ONNX Runtime (onnxruntime-node) ${versions.onnxruntime} · LanceDB ${versions.lancedb}`,
    '',
    `Library folder: ${options.dataDir}`,
    `Model folder: ${options.modelDir ?? 'none'}`,
  ];
  if (options.modelProblem !== null) lines.push(`Model: ${options.modelProblem}`);
  if (options.card !== null) lines.push('', 'Model card', '', plainTextExcerpt(options.card.text));
  return { title: `About ${options.appName}`, message: `${options.appName} ${versions.app}`, detail: lines.join('\n') };
}
