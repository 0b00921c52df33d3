/**
 * The import part of the contract: digests and reference files to import (files on the core's
 * machine, or pasted/dropped text), the summary an import resolves with, and the progress events.
 * contract.ts spreads these request schemas into its own, so transports see one contract.
 */
import { z } from 'zod';

/** Pasted, dropped or uploaded text: the bytes travel with the request. */
export const textImportSourceSchema = z.object({
  kind: z.literal('text'),
  /** A display name used in problem reports, e.g. "pasted text" or a dropped file's name. */
  name: z.string().min(1).max(512),
  /** Capped at 64 MiB so a runaway paste fails at the boundary with a clear message. */
  text: z.string().max(64 * 1024 * 1024),
});

/**
 * One thing to import: a file on the machine running the core, or pasted/dropped text. Paths are
 * for the CLI and the core's own callers only; the renderer's requests (contract-renderer.ts)
 * name files by grant instead.
 */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
  textImportSourceSchema,
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const importRequestSchemas = {
  /** Imports sources in order; resolves with the summary once all are stored. */
  'import.run': z.object({ sources: z.array(importSourceSchema).min(1).max(10_000) }),
} as const;

export interface ImportProblem {
  /** The file path or source name. */
  source: string;
  /** 1-based line in the source, when known. */
  line: number | null;
  /** The record's key, id or title, when known. */
  record: string | null;
  severity: 'error' | 'warning';
  message: string;
}

/** One source's row in an import summary. */
export interface ImportSourceSummary {
  source: string;
  parsed: number;
  added: number;
  duplicates: number;
  titleOnly: number;
  /** Problems naming this source (errors and warnings). */
  problems: number;
}

export interface ImportSummary {
  importId: string;
  sources: string[];
  /** One row per source, in order. Always set by the core; optional only so that older producers of summaries stay valid. */
  perSource?: ImportSourceSummary[];
  /** Records parsed, whether new or not. */
  parsed: number;
  added: number;
  duplicates: number;
  /** New papers stored without an abstract. */
  titleOnly: number;
  embedded: number;
  problems: ImportProblem[];
  durationMs: number;
  /**
   * Ids of the records read, new and duplicate, in source order (without repeats): what
   * recommend.digest takes after importing a digest page. Always set by the core; optional only
   * so that older producers of summaries stay valid.
   */
  paperIds?: string[];
}

export interface ImportRequestResults {
  'import.run': ImportSummary;
}

export type ImportPhase = 'read' | 'parse' | 'store' | 'embed' | 'index' | 'done';

export interface ImportEventPayloads {
  'import.onDidProgress': {
    importId: string;
    source: string;
    phase: ImportPhase;
    /**
     * Records of `source` through this phase so far: parse = records read, embed = new records
     * embedded, store = new records stored; index/done = new papers of the whole import.
     */
    done: number;
    /** Null while the total is unknown (streaming parse, index build). embed/store: new records found in the source so far. */
    total: number | null;
    /** This source's counts so far (parse, embed, store). */
    counts?: { parsed: number; duplicates: number; embedded: number; added: number };
  };
  'import.onDidFinish': ImportSummary;
  'embed.onDidProgress': { done: number; total: number };
}
