/**
 * Synthetic but realistic digests for the performance benchmark, sampled (seeded) from the full-text
 * corpus in ../shared/corpus/scientific-fulltext.jsonl.gz:
 *
 * - title: one body sentence of 6-16 words from a source paper, without its final stop;
 * - abstract: a run of consecutive sentences from one paragraph region of the same paper, cut to a
 *   target length drawn uniformly from 120-280 words (the length range of real abstracts);
 * - authors, year, venue: drawn from small fixed lists, so importers see every usual field.
 *
 * Source papers are spread evenly over the corpus; titles are unique within one generation so no
 * digest is dropped as a duplicate on import (by the importer's own title normalisation). Digests stream out in corpus order, which keeps a
 * million-paper library from having to sit in memory.
 */
import { normaliseTitle } from '../../src-main/core/import/identifiers.ts';
import { seededRandom } from './ranking.ts';
import { readJsonl } from './jsonl.ts';

export interface SyntheticDigest {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  year: number;
  venue: string;
}

const SURNAMES = (
  'Adams Ahmed Alvarez Andersen Bauer Becker Chen Costa Dubois Eriksson Fischer Garcia Gupta Hansen Haddad Ito ' +
  'Ivanova Jensen Kim Kowalski Kumar Larsen Li Liu Martin Moreau Muller Nakamura Nguyen Novak Okafor Olsen Park ' +
  'Patel Petrov Rossi Santos Schmidt Silva Singh Suzuki Tanaka Wang Weber Wilson Wu Yamamoto Yilmaz Zhang Zhou'
).split(' ');
const VENUES = ['arXiv', 'NeurIPS', 'ICML', 'ICLR', 'ACL', 'EMNLP', 'CVPR', 'ICCV', 'AAAI', 'KDD', 'SIGIR', 'JMLR', 'TPAMI'];
const INITIALS = 'ABCDEFGHIJKLMNOPRSTVWY';

/** Part numbers of the passes over the corpus (the first pass has none). */
const PART_NAMES = ['', 'II', 'III', 'IV'];

const SENTENCE_SPLIT = /(?<=[.!?])\s+(?=[A-Z])/;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** Number of documents in a JSONL(.gz) corpus (one pass). */
export async function countCorpusDocuments(corpusFile: string): Promise<number> {
  let count = 0;
  for await (const _ of readJsonl(corpusFile)) count += 1;
  return count;
}

interface CorpusDocument {
  id: string;
  sentences: string[];
}

function splitDocument(value: unknown, where: string): CorpusDocument {
  const record = value as { id?: unknown; text?: unknown };
  if (typeof record.id !== 'string' || typeof record.text !== 'string') throw new Error(`${where}: expected {"id": string, "text": string}`);
  // The first line is the paper's own title and the next its abstract: skip both so no real
  // digest is reproduced; keep paragraphs long enough to be prose rather than headings.
  const paragraphs = record.text.split('\n').slice(2).filter((paragraph) => wordCount(paragraph) >= 25);
  const sentences = paragraphs.flatMap((paragraph) => paragraph.split(SENTENCE_SPLIT).map((s) => s.trim()).filter((s) => s !== ''));
  return { id: record.id, sentences };
}

function makeTitle(doc: CorpusDocument, random: () => number): string | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const sentence = doc.sentences[Math.floor(random() * doc.sentences.length)];
    if (!sentence) return null;
    const words = wordCount(sentence);
    if (words < 6 || words > 16) continue;
    // Titles carry no LaTeX-special characters, so every import format sees the same title.
    return sentence.replace(/[.!?]+$/, '').replace(/[{}\\%&$#_]/g, '').replace(/\s+/g, ' ').trim();
  }
  return null;
}

function makeAbstract(doc: CorpusDocument, random: () => number): string {
  const target = 120 + Math.floor(random() * 161);
  let index = Math.floor(random() * doc.sentences.length);
  const parts: string[] = [];
  let words = 0;
  while (words < target && parts.length < doc.sentences.length) {
    const sentence = doc.sentences[index % doc.sentences.length] as string;
    parts.push(sentence);
    words += wordCount(sentence);
    index += 1;
  }
  return parts.join(' ');
}

function makeAuthors(random: () => number): string[] {
  const count = 1 + Math.floor(random() * 5);
  return Array.from({ length: count }, () => {
    const initial = INITIALS[Math.floor(random() * INITIALS.length)] as string;
    const surname = SURNAMES[Math.floor(random() * SURNAMES.length)] as string;
    return `${initial}. ${surname}`;
  });
}

/**
 * `count` digests, seeded. Each corpus document contributes count / documents digests (spread
 * evenly, the remainder to seeded documents).
 */
export async function* syntheticDigests(corpusFile: string, count: number, seed: number, documents?: number): AsyncGenerator<SyntheticDigest> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`syntheticDigests: count must be a positive integer, got ${count}`);
  const total = documents ?? (await countCorpusDocuments(corpusFile));
  const random = seededRandom(seed);
  const perDocument = new Int32Array(total).fill(Math.floor(count / total));
  for (let extra = count % total; extra > 0; ) {
    const doc = Math.floor(random() * total);
    if ((perDocument[doc] as number) > Math.floor(count / total)) continue;
    perDocument[doc] = (perDocument[doc] as number) + 1;
    extra -= 1;
  }
  const titles = new Set<string>();
  let produced = 0;
  // The corpus gives about 660k distinct titles. Larger libraries (the 1M scale run) take further
  // passes over it, where each title carries a part number ("… (Part II)"), as series of papers do;
  // sizes the first pass can fill never get one.
  for (let pass = 0; pass < PART_NAMES.length && produced < count; pass++) {
    const share = pass === 0 ? null : Math.ceil((count - produced) / total);
    let docIndex = -1;
    let carried = 0;
    for await (const { line, value } of readJsonl(corpusFile)) {
      docIndex += 1;
      if (docIndex >= total || produced >= count) break;
      let wanted = Math.min((share ?? (perDocument[docIndex] as number)) + carried, count - produced);
      carried = 0;
      if (wanted === 0) continue;
      const doc = splitDocument(value, `${corpusFile}:${line}`);
      let misses = 0;
      while (wanted > 0 && misses < 50) {
        const base = makeTitle(doc, random);
        const title = base === null ? null : pass === 0 ? base : `${base} (Part ${PART_NAMES[pass] as string})`;
        // Unique by the importer's own title normalisation, so no digest is dropped as a duplicate.
        const key = title === null ? '' : normaliseTitle(title);
        if (key === '' || titles.has(key)) {
          misses += 1;
          continue;
        }
        titles.add(key);
        produced += 1;
        wanted -= 1;
        yield {
          id: `synthetic-${seed}-${produced}`,
          title: title as string,
          abstract: makeAbstract(doc, random),
          authors: makeAuthors(random),
          year: 2012 + Math.floor(random() * 13),
          venue: VENUES[Math.floor(random() * VENUES.length)] as string,
        };
      }
      // A document too short to give its share passes the rest on to the next one.
      carried = wanted;
    }
  }
  if (produced < count) throw new Error(`syntheticDigests: corpus ${corpusFile} gave only ${produced} of ${count} digests`);
}

/**
 * A braced BibTeX value: stray braces and backslashes are dropped, and the characters that LaTeX
 * treats specially (% & $ # _) are escaped with a backslash, as reference managers export them.
 */
function bibtexValue(text: string): string {
  return text.replace(/[{}\\]/g, '').replace(/[%&$#_]/g, (char) => `\\${char}`);
}

export function toBibtexEntry(digest: SyntheticDigest): string {
  const key = digest.id.replace(/[^A-Za-z0-9]/g, '');
  return [
    `@article{${key},`,
    `  title = {${bibtexValue(digest.title)}},`,
    `  author = {${digest.authors.map(bibtexValue).join(' and ')}},`,
    `  journal = {${digest.venue}},`,
    `  year = {${digest.year}},`,
    `  abstract = {${bibtexValue(digest.abstract)}}`,
    '}',
    '',
  ].join('\n');
}

export function toJsonLine(digest: SyntheticDigest): string {
  return JSON.stringify({
    id: digest.id,
    title: digest.title,
    abstract: digest.abstract,
    authors: digest.authors,
    year: digest.year,
    venue: digest.venue,
  });
}
