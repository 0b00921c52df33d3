/**
 * Entry types across formats: BibTeX types, CSL types and RIS TY codes, so a paper exported in a
 * format other than its source's keeps its kind (conference paper, chapter, thesis, …).
 */

/** CSL type of a BibTeX entry type (BibLaTeX names included). */
const BIBTEX_TO_CSL: Record<string, string> = {
  article: 'article-journal',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  incollection: 'chapter',
  inbook: 'chapter',
  book: 'book',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  unpublished: 'manuscript',
  online: 'webpage',
  misc: 'document',
  software: 'software',
  dataset: 'dataset',
};

const CSL_TO_BIBTEX: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  'paper-conference': 'inproceedings',
  chapter: 'incollection',
  book: 'book',
  thesis: 'phdthesis',
  report: 'techreport',
  manuscript: 'unpublished',
  webpage: 'online',
  article: 'misc',
  document: 'misc',
  software: 'software',
  dataset: 'dataset',
};

const CSL_TO_RIS: Record<string, string> = {
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  'paper-conference': 'CPAPER',
  chapter: 'CHAP',
  book: 'BOOK',
  thesis: 'THES',
  report: 'RPRT',
  manuscript: 'UNPB',
  webpage: 'ELEC',
  software: 'COMP',
  dataset: 'DATA',
  article: 'GEN',
  document: 'GEN',
};

const RIS_TO_CSL: Record<string, string> = Object.fromEntries([...Object.entries(CSL_TO_RIS).map(([csl, ris]): [string, string] => [ris, csl]), ['CONF', 'paper-conference'], ['EJOUR', 'article-journal'], ['GEN', 'article']]);

export function cslTypeOfBibtex(type: string): string {
  return BIBTEX_TO_CSL[type.toLowerCase()] ?? 'document';
}

export function bibtexTypeOfCsl(type: string): string {
  return CSL_TO_BIBTEX[type] ?? 'misc';
}

export function risTypeOfCsl(type: string): string {
  return CSL_TO_RIS[type] ?? 'GEN';
}

export function cslTypeOfRis(type: string): string {
  return RIS_TO_CSL[type.toUpperCase()] ?? 'article';
}
