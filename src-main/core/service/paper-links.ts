/**
 * Where a paper can be opened: its arXiv page, DOI, own URL, search pages to find it when no id is
 * known, and the URLs its abstract mentions (project pages, code). Only addresses are made here;
 * front ends open them in the system browser when the person clicks.
 */
import type { Paper, PaperLinks } from '../../common/contract.ts';

/** http(s) URLs in text; trailing sentence punctuation and unbalanced closing brackets are not part of them. */
export function urlsInText(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"'{}]+/gi)) {
    let url = match[0].replace(/[.,;:!?]+$/, '');
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      while (url.endsWith(close) && url.split(open).length < url.split(close).length) url = url.slice(0, -1).replace(/[.,;:!?]+$/, '');
    }
    if (!found.includes(url)) found.push(url);
  }
  return found;
}

export function paperLinks(paper: Pick<Paper, 'title' | 'arxivId' | 'doi' | 'url' | 'abstract'>): PaperLinks {
  const query = encodeURIComponent(paper.title);
  return {
    arxiv: paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : null,
    doi: paper.doi ? `https://doi.org/${paper.doi}` : null,
    url: paper.url && /^https?:\/\//i.test(paper.url) ? paper.url : null,
    findOnArxiv: `https://arxiv.org/search/?query=${query}&searchtype=title`,
    findOnSemanticScholar: `https://www.semanticscholar.org/search?q=${query}`,
    inAbstract: urlsInText(paper.abstract),
  };
}
