/**
 * Library management in the contract: deleting papers (with undo) and editing a paper's metadata.
 * contract.ts spreads these request schemas into its own, so transports see one contract.
 */
import { z } from 'zod';
import type { Paper } from './contract.ts';

const paperId = z.string().min(1).max(200);
const nullableText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .transform((text) => (text === '' ? null : text))
    .nullable();

/** A metadata edit: any subset of the fields; null (or an empty string) clears a field. */
export const paperPatchSchema = z
  .object({
    title: z
      .string()
      .max(2000)
      .transform((text) => text.replace(/\s+/g, ' ').trim())
      .pipe(z.string().min(1, 'a paper needs a title'))
      .optional(),
    authors: z
      .array(z.string().max(500).transform((name) => name.replace(/\s+/g, ' ').trim()))
      .max(5000)
      .transform((names) => names.filter((name) => name !== ''))
      .optional(),
    year: z.number().int().min(1000).max(2200).nullable().optional(),
    venue: nullableText(2000).optional(),
    /** Bare arXiv id ("2205.13147") or an arXiv URL / "arXiv:" form; null clears it. */
    arxivId: nullableText(200).optional(),
    /** DOI, bare or as a doi.org URL; null clears it. */
    doi: nullableText(500).optional(),
    url: nullableText(4096).optional(),
    abstract: z.string().max(1_000_000).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'the edit changes nothing');
export type PaperPatch = z.output<typeof paperPatchSchema>;

export const paperRequestSchemas = {
  /**
   * Deletes papers (all ids are checked first: unknown ones fail with NOT_FOUND and nothing is
   * deleted). Their records and reading state are kept aside so papers.restore with the result's
   * `undoToken` puts them back; kept for DELETED_KEPT_DAYS days. Emits library.onDidChange.
   */
  'papers.delete': z.object({ ids: z.array(paperId).min(1).max(10_000) }),
  /** Undoes a papers.delete: the papers come back with the same ids, place, citation keys and reading state. */
  'papers.restore': z.object({ undoToken: z.string().min(1).max(100) }),
  /**
   * Edits a paper's title, authors, year, venue, identifiers, URL or abstract. The paper keeps its
   * id, citation key and reading state, is tagged and embedded again, and exports show the edit
   * (a BibTeX / CSL / RIS source record is edited too). An arXiv id or DOI that another stored
   * paper has fails with BAD_REQUEST (merge the two instead).
   */
  'papers.update': z.object({ id: paperId, patch: paperPatchSchema }),
} as const;

/** How long deleted papers stay restorable. */
export const DELETED_KEPT_DAYS = 7;

export interface PapersDeleteResult {
  /** The ids deleted, in the order asked (each once). */
  deleted: string[];
  /** Pass to papers.restore to undo. */
  undoToken: string;
  /** Papers whose reading state was kept aside with them. */
  readingKept: number;
}

export interface PapersRestoreResult {
  restored: string[];
  /** Ids left out because a paper with that id was stored again meanwhile (e.g. re-imported). */
  alreadyPresent: string[];
}

export interface PaperRequestResults {
  'papers.delete': PapersDeleteResult;
  'papers.restore': PapersRestoreResult;
  'papers.update': Paper;
}
