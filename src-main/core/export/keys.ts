/** The citation keys of one export: each paper's stored key, suffixed where two papers of the export share one. */
import { baseCitationKey, disambiguatedKey } from './citation-key.ts';
import type { ExportPaper } from './types.ts';

export function uniqueKeys(papers: readonly ExportPaper[]): string[] {
  const used = new Set<string>();
  return papers.map((paper) => {
    const key = disambiguatedKey(paper.citeKey ?? baseCitationKey(paper), used);
    used.add(key);
    return key;
  });
}
