/**
 * Identifier lists: pasted text or files holding arXiv ids, arXiv URLs and DOIs, one or many per
 * line, in any mix of styles ("arXiv:2205.13147v2", "https://arxiv.org/pdf/2205.13147v1.pdf",
 * "hep-th/9901001", "https://doi.org/10.1145/3529372.3530912.", "doi:10.1000/xyz)").
 * Read line by line, so a 5 MB paste or a large file is fine. Each distinct paper comes out once,
 * in first-seen order, as a pending stub: a record marked `pending: true` whose title says the
 * metadata is still to come. The fetcher (metadata-fetch.ts) fills stubs in when network use is on.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { normaliseDoi, parseArxivId } from '../import/index.ts';
import { emptyLibraryRecord, problemOf, type LibraryItem, type LibraryRecord } from './types.ts';

export type PaperIdentifier = { kind: 'arxiv'; id: string } | { kind: 'doi'; doi: string };

export interface FoundIdentifier {
  identifier: PaperIdentifier;
  /** 1-based line where it was first seen. */
  line: number;
}

const NEW_ID = String.raw`\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}(?:v\d+)?`;
const OLD_ID = String.raw`[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3}(?:v\d+)?`;
/**
 * One token that names a paper: a DOI (bare, "doi:" or resolver URL), an arXiv URL, "arXiv:<id>",
 * or a bare arXiv id standing on its own (not inside a longer number or word).
 */
const TOKEN = new RegExp(
  [
    String.raw`(?<doi>(?:https?://(?:dx\.)?doi\.org/|doi\s*:\s*)?10\.\d{4,9}/[^\s"<>]+)`,
    String.raw`(?<arxivUrl>(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/(?:${NEW_ID}|${OLD_ID}))`,
    String.raw`(?<arxivPrefixed>arxiv\s*:\s*(?:${NEW_ID}|${OLD_ID}))`,
    String.raw`(?<![\w./-])(?<bare>${NEW_ID}|${OLD_ID})(?![\w/-]|\.\d)`,
  ].join('|'),
  'gi',
);

/** The identifiers on one line, in order. arXiv's own DOIs (10.48550/arXiv.…) become arXiv ids. */
export function identifiersInLine(text: string): PaperIdentifier[] {
  const found: PaperIdentifier[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const groups = match.groups ?? {};
    if (groups.doi) {
      const arxivFromDoi = parseArxivId(groups.doi);
      if (arxivFromDoi) {
        found.push({ kind: 'arxiv', id: arxivFromDoi });
        continue;
      }
      const doi = normaliseDoi(groups.doi);
      if (doi) found.push({ kind: 'doi', doi });
      continue;
    }
    const raw = groups.arxivUrl ?? groups.arxivPrefixed ?? (groups.bare ? `arXiv:${groups.bare}` : '');
    const id = raw ? parseArxivId(raw) : null;
    if (id) found.push({ kind: 'arxiv', id });
  }
  return found;
}

export function identifierKey(identifier: PaperIdentifier): string {
  return identifier.kind === 'arxiv' ? `arxiv:${identifier.id}` : `doi:${identifier.doi}`;
}

/** Lines of pasted text without copying it whole (a 5 MB paste stays one string). */
function* linesOf(text: string): Generator<string> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, end);
    start = end + 1;
  }
}

async function* fileLines(filePath: string): AsyncGenerator<string> {
  const input = fs.createReadStream(filePath, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
    input.destroy();
  }
}

export type IdentifierSource = { kind: 'text'; name: string; text: string } | { kind: 'file'; path: string };

/** Distinct identifiers of a source in first-seen order (duplicates, e.g. v1 and v2, fold into one). */
export async function* scanIdentifiers(source: IdentifierSource, signal?: AbortSignal): AsyncGenerator<FoundIdentifier> {
  const seen = new Set<string>();
  const lines: AsyncIterable<string> | Iterable<string> = source.kind === 'text' ? linesOf(source.text) : fileLines(source.path);
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (lineNumber % 1024 === 0) signal?.throwIfAborted();
    for (const identifier of identifiersInLine(line)) {
      const key = identifierKey(identifier);
      if (seen.has(key)) continue;
      seen.add(key);
      yield { identifier, line: lineNumber };
    }
  }
}

export function pendingTitle(identifier: PaperIdentifier): string {
  return identifier.kind === 'arxiv' ? `arXiv:${identifier.id} (metadata pending)` : `doi:${identifier.doi} (metadata pending)`;
}

/** A stub for an identifier whose metadata has not been fetched: `pending: true`, no abstract. */
export function pendingStub(identifier: PaperIdentifier, line: number | null = null): LibraryRecord {
  const record = emptyLibraryRecord();
  record.title = pendingTitle(identifier);
  record.pending = true;
  record.sourceLine = line;
  if (identifier.kind === 'arxiv') {
    record.arxivId = identifier.id;
    record.url = `https://arxiv.org/abs/${identifier.id}`;
    record.recordKey = `arXiv:${identifier.id}`;
  } else {
    record.doi = identifier.doi;
    record.url = `https://doi.org/${identifier.doi}`;
    record.recordKey = `doi:${identifier.doi}`;
  }
  return record;
}

/** Pending stubs for every identifier in the source; one error when it holds none. */
export async function* readIdentifierList(source: IdentifierSource, signal?: AbortSignal): AsyncGenerator<LibraryItem> {
  const name = source.kind === 'text' ? source.name : source.path;
  let count = 0;
  try {
    for await (const { identifier, line } of scanIdentifiers(source, signal)) {
      count++;
      yield { kind: 'record', record: pendingStub(identifier, line) };
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    yield { kind: 'problem', problem: problemOf(name, 'error', `reading ${name} failed: ${(error as Error).message}`) };
    return;
  }
  if (count === 0) {
    yield { kind: 'problem', problem: problemOf(name, 'error', `no arXiv ids, arXiv URLs or DOIs found in ${name}`) };
  }
}
