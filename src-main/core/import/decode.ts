/**
 * Opening a source: checks that fail the whole source (missing, unreadable, empty, binary, too big),
 * text-encoding detection, and a line stream that never holds more than one chunk of the file.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ImportSource } from '../../common/contract.ts';

/**
 * One line of a source, without its line break, or one piece of a very long line: a line longer
 * than LINE_PIECE_CHARS arrives as several pieces with the same line number, all but the last
 * marked `more`, so a single-line file is never held whole by the reader. Parsers that need whole
 * lines get them through wholeLines (line-guards.ts), which joins pieces up to a limit.
 */
export interface SourceLine {
  text: string;
  /** 1-based. */
  line: number;
  /** Set on a piece of a long line that continues in the next piece. */
  more?: true;
}

export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface OpenedSource {
  /** The file path or the pasted text's name: what problems name. */
  name: string;
  /** The file name or text name, used to detect the format by extension. */
  fileName: string;
  encoding: SourceEncoding;
  /** Size in bytes (of the file, or of the text as UTF-8). */
  bytes: number;
  /** The first few KiB, decoded: enough to sniff the format. */
  head: string;
  /** Set when the text was not UTF-8 and was decoded some other way. */
  encodingWarning: string | null;
  /** A fresh line stream over the whole source each time it is called. */
  lines(): AsyncIterable<SourceLine>;
}

export type OpenResult = { ok: true; source: OpenedSource } | { ok: false; name: string; message: string };

/**
 * Pasted text is held in memory whole, so it has a ceiling; files are streamed a chunk at a time
 * and have none by default (a library has no item cap: a 1M-record export is about 1.5 GB).
 */
export const DEFAULT_MAX_TEXT_BYTES = 512 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** A line longer than this is handed on in pieces of about this size. */
export const LINE_PIECE_CHARS = 1024 * 1024;

/**
 * Opens a source for reading. Whole-source failures come back as a message, never as a throw.
 * `maxBytes` defaults to no limit for files and DEFAULT_MAX_TEXT_BYTES for pasted text.
 */
export async function openSource(source: ImportSource, maxBytes?: number): Promise<OpenResult> {
  return source.kind === 'file'
    ? openFile(source.path, maxBytes ?? Number.POSITIVE_INFINITY)
    : openText(source.name, source.text, maxBytes ?? DEFAULT_MAX_TEXT_BYTES);
}

function openText(name: string, text: string, maxBytes: number): OpenResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return { ok: false, name, message: `${name} is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} import limit` };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, name, message: `${name} is empty` };
  if (looksBinary(Buffer.from(body.slice(0, HEAD_BYTES), 'utf8'))) return { ok: false, name, message: `${name} looks like binary data, not text` };
  return {
    ok: true,
    source: {
      name,
      fileName: name,
      encoding: 'utf-8',
      bytes,
      head: body.slice(0, HEAD_BYTES),
      encodingWarning: null,
      lines: () => linesOfString(body),
    },
  };
}

async function openFile(path: string, maxBytes: number): Promise<OpenResult> {
  const fail = (message: string): OpenResult => ({ ok: false, name: path, message });
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail(`${path} is a folder, not a file`);
    size = info.size;
  } catch (error) {
    return fail(`cannot read ${path}: ${describeFsError(error)}`);
  }
  if (size === 0) return fail(`${path} is empty`);
  if (size > maxBytes) return fail(`${path} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} import limit`);

  let headBytes: Buffer;
  try {
    headBytes = await readHead(path, Math.min(size, HEAD_BYTES));
  } catch (error) {
    return fail(`cannot read ${path}: ${describeFsError(error)}`);
  }

  let encoding: SourceEncoding;
  let encodingWarning: string | null = null;
  if (headBytes[0] === 0xff && headBytes[1] === 0xfe) encoding = 'utf-16le';
  else if (headBytes[0] === 0xfe && headBytes[1] === 0xff) encoding = 'utf-16be';
  else {
    if (looksBinary(headBytes)) return fail(`${path} looks like a binary file, not text`);
    let valid: boolean;
    try {
      valid = await isValidUtf8(path);
    } catch (error) {
      return fail(`cannot read ${path}: ${describeFsError(error)}`);
    }
    if (valid) encoding = 'utf-8';
    else {
      encoding = 'windows-1252';
      encodingWarning = `${path} is not valid UTF-8; it was decoded as Windows-1252 (Latin-1), so check accented characters`;
    }
  }

  const head = new TextDecoder(encoding).decode(headBytes);
  if (size <= HEAD_BYTES && head.replace(/^\uFEFF/, '').trim() === '') return fail(`${path} is empty (only white space)`);
  const fileName = path.split(/[\\/]/).pop() ?? path;
  return {
    ok: true,
    source: { name: path, fileName, encoding, bytes: size, head, encodingWarning, lines: () => linesOfFile(path, encoding) },
  };
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Many control characters, or NUL bytes at more than a stray rate, mean this is not a text file in
 * any encoding we read. Random binary data has a NUL in every 256 bytes and control characters in
 * one of ten; a text file with a few stray NULs is text (they are dropped line by line, with a
 * warning, in line-guards.ts) so that its good records still import.
 */
function looksBinary(bytes: Buffer): boolean {
  let control = 0;
  let nul = 0;
  for (const byte of bytes) {
    if (byte === 0) nul++;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  if (bytes.length === 0) return false;
  return control / bytes.length > 0.1 || (nul >= MIN_BINARY_NULS && nul / bytes.length > 0.002);
}

const MIN_BINARY_NULS = 4;

/** Streams the whole file through a fatal UTF-8 decoder; false at the first invalid sequence. */
async function isValidUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

async function* linesOfFile(path: string, encoding: SourceEncoding): AsyncGenerator<SourceLine> {
  const decoder = new TextDecoder(encoding);
  const splitter = new LineSplitter();
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    yield* splitter.push(decoder.decode(chunk as Buffer, { stream: true }));
  }
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
}

async function* linesOfString(text: string): AsyncGenerator<SourceLine> {
  const splitter = new LineSplitter();
  yield* splitter.push(text);
  yield* splitter.end();
}

/**
 * Splits text arriving in chunks into lines; \n, \r\n and a lone \r all end a line. The unfinished
 * line it carries over is handed on as a `more` piece once it reaches LINE_PIECE_CHARS, so memory
 * stays at about one chunk plus one piece whatever the line lengths.
 */
class LineSplitter {
  private rest = '';
  private lineNumber = 0;
  /** A `more` piece of the current line went out, so its end must follow (even if empty). */
  private pieceOpen = false;

  *push(text: string): Generator<SourceLine> {
    const data = this.rest + text;
    const lineBreak = /[\r\n]/g;
    let start = 0;
    for (;;) {
      lineBreak.lastIndex = start;
      const found = lineBreak.exec(data);
      if (!found) break;
      const end = found.index;
      if (data[end] === '\r' && end + 1 === data.length) break; // a \r\n may be split across chunks
      yield { text: data.slice(start, end), line: ++this.lineNumber };
      this.pieceOpen = false;
      start = end + (data[end] === '\r' && data[end + 1] === '\n' ? 2 : 1);
    }
    this.rest = data.slice(start);
    if (this.rest.length >= LINE_PIECE_CHARS && !this.rest.endsWith('\r')) {
      yield { text: this.rest, line: this.lineNumber + 1, more: true };
      this.rest = '';
      this.pieceOpen = true;
    }
  }

  *end(): Generator<SourceLine> {
    if (this.rest.endsWith('\r')) this.rest = this.rest.slice(0, -1);
    if (this.rest !== '' || this.pieceOpen) yield { text: this.rest, line: ++this.lineNumber };
    this.rest = '';
    this.pieceOpen = false;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
