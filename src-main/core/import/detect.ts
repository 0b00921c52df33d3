/**
 * Which importer reads a source: by file extension first, then by content for pasted text and
 * unfamiliar extensions. Null means the format is unknown (the source is reported, not guessed).
 */

export type ImportFormat = 'digest' | 'bibtex' | 'ris' | 'csl-json' | 'json' | 'jsonl';

const BY_EXTENSION: Record<string, ImportFormat | 'json-any' | 'text'> = {
  bib: 'bibtex',
  bibtex: 'bibtex',
  biblatex: 'bibtex',
  ris: 'ris',
  json: 'json-any',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  txt: 'text',
  text: 'text',
  md: 'text',
  markdown: 'text',
  html: 'text',
  htm: 'text',
};

/** Every file extension (lower case, without the dot) an importer is chosen by: what a file picker may offer. */
export const IMPORT_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** Extensions of formats we know we cannot read (documents, archives, images). */
const UNSUPPORTED = new Set(['pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'zip', 'gz', 'tar', '7z', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'epub', 'enw', 'nbib', 'xml']);

const BIBTEX_ENTRY = /^\s*@\s*[A-Za-z]+\s*[{(]/m;
const RIS_START = /^\s*TY {2}- /m;
const CSL_HINT = /"(?:issued|container-title|DOI|URL|citation-key|family|literal)"\s*:/;

/** `name` is a file name or path (or a pasted text's name); `head` the first few KiB of its text. */
export function detectFormat(name: string, head: string): ImportFormat | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name.trim())?.[1]?.toLowerCase() ?? '';
  const byExtension = BY_EXTENSION[extension];
  const text = head.replace(/^\uFEFF/, '');
  if (text.trim() === '') return null;
  if (byExtension === 'json-any') return jsonKind(text, false);
  // A .jsonl file holding one JSON array (often on one line) is read as the array it is.
  if (byExtension === 'jsonl' && text.trimStart().startsWith('[')) return jsonKind(text, false);
  if (byExtension === 'text') return sniffText(text) ?? 'digest';
  if (byExtension) return byExtension;
  if (UNSUPPORTED.has(extension)) return null;
  return sniffText(text) ?? sniffJson(text) ?? 'digest';
}

/** Strong signs of BibTeX or RIS inside text. */
function sniffText(text: string): ImportFormat | null {
  if (RIS_START.test(text.slice(0, 4096)) && /^\s*TY {2}- /.test(text.replace(/^(?:\s*\n)*/, ''))) return 'ris';
  const firstContent = text.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('%')) ?? '';
  if (BIBTEX_ENTRY.test(firstContent)) return 'bibtex';
  return null;
}

/** Text that starts like a JSON array of objects, or a JSON object ("[Draft] My notes" is not). */
function sniffJson(text: string): ImportFormat | null {
  if (!/^\s*(?:\[\s*(?:\{|\]|$)|\{\s*(?:"|\}|$))/.test(text)) return null;
  return jsonKind(text, true);
}

/**
 * "[" starts an array (CSL-JSON or plain records by their fields). "{" starts JSONL when the first
 * line is a whole object, else one object or concatenated objects (read as an array).
 */
function jsonKind(text: string, allowLines: boolean): ImportFormat | null {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return CSL_HINT.test(trimmed) ? 'csl-json' : 'json';
  if (!trimmed.startsWith('{')) return null;
  if (allowLines) {
    const firstLine = trimmed.split('\n')[0] ?? '';
    try {
      JSON.parse(firstLine);
      return 'jsonl';
    } catch {
      // not one object per line
    }
  }
  return CSL_HINT.test(trimmed) ? 'csl-json' : 'json';
}
