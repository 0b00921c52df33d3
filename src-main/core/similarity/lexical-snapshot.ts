/**
 * The lexical index of a library as one binary file, so that a new process loads it instead of
 * tokenizing every paper again.
 *
 * Layout (native byte order, which the format word pins down):
 *   0   8 bytes  magic "FACETLEX"
 *   8   u32      FORMAT_VERSION, written natively (a file from a machine of the other byte order reads wrong)
 *   12  u32      header length H in bytes (UTF-8 JSON, space-padded to a multiple of 4)
 *   16  u32      checksum of every byte from 24 on
 *   20  u32      0
 *   24  H bytes  header: { tag, tokenizer, papers, postings, ids, terms }
 *   then         Int32 fingerprints[papers], Uint32 docOffsets[papers + 1], Uint32 docTerms[postings],
 *                Float32 docTfs[postings]
 *
 * Promises: `decodeSnapshot` never throws and never hands back a state that differs from the one
 * encoded: a file that is truncated, of another format, of another tokenizer, or changed in any
 * byte (checksum) is rejected with the reason, and the caller rebuilds.
 */
import { tokenize } from '../text/tokenizer.ts';
import type { LexicalIndexState } from './lexical-index.ts';

/** Bump on any change to the layout, the weighting or what a term is. */
export const FORMAT_VERSION = 1;
const MAGIC = 'FACETLEX';
const PREFIX_BYTES = 24;

/** What the index was built from: the store's table version and row count. */
export interface SnapshotTag {
  tableVersion: number;
  rows: number;
}

interface Header {
  tag: SnapshotTag;
  tokenizer: string;
  papers: number;
  postings: number;
  ids: string[];
  terms: string[];
}

/**
 * The tokens of a fixed text that exercises the tokenizer's normalisation: a snapshot written under
 * a tokenizer that splits differently is not loaded, even when nobody bumped FORMAT_VERSION.
 */
const TOKENIZER_PROBE = 'Ｆｕｌｌ-width ﬁne-tuning, soft\u00adhyphen, BERT-base 3.5%; Ünïcödé αβγ 東京 zero\u200bwidth';
function tokenizerSignature(): string {
  return tokenize(TOKENIZER_PROBE).join(' ');
}

/** FNV-1a over 32-bit words: cheap enough for a 100 MB file, and any changed byte changes it. */
function checksum(words: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h >>> 0;
}

export function encodeSnapshot(state: LexicalIndexState, tag: SnapshotTag): Uint8Array {
  const papers = state.ids.length;
  const postings = state.docTerms.length;
  const header: Header = { tag, tokenizer: tokenizerSignature(), papers, postings, ids: [...state.ids], terms: [...state.terms] };
  let headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(headerBytes.length / 4) * 4;
  if (padded !== headerBytes.length) headerBytes = Buffer.concat([headerBytes, Buffer.alloc(padded - headerBytes.length, 0x20)]);
  const total = PREFIX_BYTES + padded + 4 * (papers + (papers + 1) + 2 * postings);
  const bytes = new Uint8Array(total);
  bytes.set(Buffer.from(MAGIC, 'latin1'), 0);
  const prefix = new Uint32Array(bytes.buffer, 8, 4);
  prefix[0] = FORMAT_VERSION;
  prefix[1] = padded;
  bytes.set(headerBytes, PREFIX_BYTES);
  let at = PREFIX_BYTES + padded;
  for (const array of [state.fingerprints, state.docOffsets, state.docTerms, state.docTfs]) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  prefix[2] = checksum(new Uint32Array(bytes.buffer, PREFIX_BYTES, (total - PREFIX_BYTES) / 4));
  return bytes;
}

export interface DecodedSnapshot {
  tag: SnapshotTag;
  state: LexicalIndexState;
}

/** The snapshot in `input`, or the reason it is not one this build wrote whole. */
export function decodeSnapshot(input: Uint8Array): DecodedSnapshot | { rejected: string } {
  try {
    // Typed views need 4-byte alignment; a buffer from a file read normally has it.
    const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
    if (bytes.length < MAGIC.length || Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).toString('latin1') !== MAGIC) return { rejected: 'not a lexical index snapshot' };
    if (bytes.length < PREFIX_BYTES) return { rejected: 'truncated' };
    const prefix = new Uint32Array(bytes.buffer, bytes.byteOffset + 8, 4);
    if (prefix[0] !== FORMAT_VERSION) return { rejected: `format ${prefix[0]}, not ${FORMAT_VERSION}` };
    const headerLength = prefix[1]!;
    if ((bytes.length - PREFIX_BYTES) % 4 !== 0 || headerLength % 4 !== 0 || PREFIX_BYTES + headerLength > bytes.length) return { rejected: 'truncated' };
    if (checksum(new Uint32Array(bytes.buffer, bytes.byteOffset + PREFIX_BYTES, (bytes.length - PREFIX_BYTES) / 4)) !== prefix[2]) return { rejected: 'checksum mismatch' };
    const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + PREFIX_BYTES, headerLength).toString('utf8')) as Header;
    if (header.tokenizer !== tokenizerSignature()) return { rejected: 'written under another tokenizer' };
    const { papers, postings } = header;
    if (!Number.isInteger(papers) || !Number.isInteger(postings) || header.ids.length !== papers || !Number.isInteger(header.tag?.tableVersion) || !Number.isInteger(header.tag?.rows)) {
      return { rejected: 'header does not agree with itself' };
    }
    let at = bytes.byteOffset + PREFIX_BYTES + headerLength;
    if (bytes.byteOffset + bytes.length !== at + 4 * (papers + (papers + 1) + 2 * postings)) return { rejected: 'length does not match the header' };
    const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number): T => {
      const view = make(bytes.buffer, at, length);
      at += 4 * length;
      return view;
    };
    const fingerprints = take((b, o, n) => new Int32Array(b, o, n), papers);
    const docOffsets = take((b, o, n) => new Uint32Array(b, o, n), papers + 1);
    const docTerms = take((b, o, n) => new Uint32Array(b, o, n), postings);
    const docTfs = take((b, o, n) => new Float32Array(b, o, n), postings);
    return { tag: header.tag, state: { terms: header.terms, ids: header.ids, fingerprints, docOffsets, docTerms, docTfs } };
  } catch (error) {
    return { rejected: `unreadable: ${(error as Error).message}` };
  }
}
