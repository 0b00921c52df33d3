/**
 * The text lines of a PDF's first pages, with their font sizes, read with pdf.js (legacy build,
 * which runs in plain Node). pdf.js runs its "worker" in this thread (no worker download, no
 * network); fonts are not loaded because only the text layer is needed.
 *
 * Lines keep the content-stream order, which for typeset papers is reading order (a two-column
 * page gives the left column, then the right), so the abstract is not interleaved with the
 * neighbouring column.
 */
// Types only: the module itself is imported on the first read (see loadPdfJs).
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLine {
  text: string;
  /** Font size in points (the height of the text's transform). */
  size: number;
  /** 1-based page number. */
  page: number;
  /** Baseline position from the bottom of the page, in points. */
  y: number;
}

export interface PdfText {
  lines: PdfLine[];
  pageCount: number;
  /** The document information dictionary's Title and Author, when set. */
  infoTitle: string | null;
  infoAuthor: string | null;
}

/** Why a PDF could not be read, in words a person can act on. */
export class PdfReadError extends Error {
  constructor(
    readonly reason: 'encrypted' | 'invalid' | 'failed' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  hasEOL?: boolean;
}

function isTextItem(item: unknown): item is TextItemLike {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/** Time one file may take before it is given up on (default for readPdfText). */
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

type LoadingTask = ReturnType<typeof PdfJs.getDocument>;

let pdfJs: Promise<typeof PdfJs> | null = null;
/**
 * pdf.js is loaded on the first PDF read, never at start-up: its legacy build bundles core-js,
 * which replaces globals such as JSON.stringify and JSON.parse with much slower JavaScript
 * versions, and loading it costs about a second and 180 MiB in every process that imports the
 * library code. Where PDFs are read in the worker thread (pdf-worker-reader.ts), the replacement
 * stays inside that thread.
 */
function loadPdfJs(): Promise<typeof PdfJs> {
  pdfJs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfJs;
}

/**
 * Reads the text of the first `maxPages` pages. Throws PdfReadError for encrypted or broken files,
 * and for a file still unread after `timeoutMs` (pdf.js is then told to stop). pdf.js runs in this
 * thread, so the timeout catches a stalled document, not a synchronous loop inside pdf.js.
 */
export async function readPdfText(data: Uint8Array, maxPages = 2, timeoutMs = DEFAULT_PDF_TIMEOUT_MS): Promise<PdfText> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void task.destroy().catch(() => undefined);
      reject(new PdfReadError('timeout', `gave up after ${(timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0)} s: pdf.js did not finish reading it`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([readFromTask(task, maxPages), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readFromTask(task: LoadingTask, maxPages: number): Promise<PdfText> {
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    // pdf.js does not export PasswordException; its errors carry their class name.
    const name = (error as Error | undefined)?.name;
    if (name === 'PasswordException') throw new PdfReadError('encrypted', 'encrypted: the PDF needs a password to open');
    if (name === 'InvalidPDFException') throw new PdfReadError('invalid', `not a readable PDF (${(error as Error).message})`);
    throw new PdfReadError('failed', `pdf.js could not open it (${(error as Error).message})`);
  }
  try {
    const lines: PdfLine[] = [];
    const pages = Math.min(maxPages, document.numPages);
    for (let pageNumber = 1; pageNumber <= pages; pageNumber++) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      lines.push(...groupLines((content.items as unknown[]).filter(isTextItem), pageNumber));
      page.cleanup();
    }
    let infoTitle: string | null = null;
    let infoAuthor: string | null = null;
    try {
      const { info } = await document.getMetadata();
      const record = info as Record<string, unknown>;
      infoTitle = typeof record.Title === 'string' && record.Title.trim() ? record.Title.trim() : null;
      infoAuthor = typeof record.Author === 'string' && record.Author.trim() ? record.Author.trim() : null;
    } catch {
      // A broken information dictionary only costs the fallback title.
    }
    return { lines, pageCount: document.numPages, infoTitle, infoAuthor };
  } catch (error) {
    throw new PdfReadError('failed', `reading its pages failed (${(error as Error).message})`);
  } finally {
    await document.destroy();
  }
}

/**
 * Joins text items into lines: a new line starts where the baseline moves or pdf.js marks an end of
 * line. Rotated text (arXiv's vertical margin stamp) is measured across its own baseline, so a
 * stamp split into several items still reads as one line.
 */
export function groupLines(items: readonly TextItemLike[], page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let text = '';
  let size = 0;
  let y = Number.NaN;
  let across = Number.NaN;
  let rotated = false;
  let endAlong = Number.NaN;
  const close = () => {
    const tidied = text.replace(/\s+/g, ' ').trim();
    if (tidied) lines.push({ text: tidied, size: Math.round(size * 10) / 10, page, y });
    text = '';
    size = 0;
    y = Number.NaN;
    across = Number.NaN;
    endAlong = Number.NaN;
  };
  for (const item of items) {
    const [a = 0, b = 0, , , x = 0, itemY = 0] = item.transform;
    const itemSize = Math.hypot(a, b);
    if (item.str.trim() === '') {
      if (item.str.length > 0 && text) text += ' ';
      if (item.hasEOL) close();
      continue;
    }
    const itemRotated = Math.abs(b) > Math.abs(a);
    const itemAcross = itemRotated ? x : itemY;
    const itemAlong = itemRotated ? itemY : x;
    const sameLine = !Number.isNaN(across) && itemRotated === rotated && Math.abs(itemAcross - across) <= Math.max(itemSize, size) * 0.4;
    // A small raised item inside a line is a footnote or affiliation mark ("Title*", "Lovelace1,2"): dropped.
    if (sameLine && !itemRotated && itemSize < size * 0.75 && itemAcross > across + size * 0.1) continue;
    if (!sameLine) close();
    if (text && !text.endsWith(' ') && !Number.isNaN(endAlong) && Math.abs(itemAlong - endAlong) > itemSize * 0.15) text += ' ';
    if (Number.isNaN(across)) {
      across = itemAcross;
      rotated = itemRotated;
      y = itemY;
    }
    text += item.str;
    size = Math.max(size, itemSize);
    endAlong = itemAlong + Math.sign(itemRotated ? b : a || 1) * item.width;
    if (item.hasEOL) close();
  }
  close();
  return lines;
}
