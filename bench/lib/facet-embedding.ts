/**
 * Facet's vectors for benchmark pools, through the app's own embedder (src-main/core/embed): the
 * same tokenizer, ONNX model and normalisation as the app. Runs in the calling thread (a benchmark
 * has nothing else to keep responsive).
 */
import { createEmbedder, loadManifest } from '../../src-main/core/embed/index.ts';
import type { AspectVectors } from '../../src-main/core/types.ts';
import { resolveModelDir } from '../../src-main/core/data-dir.ts';

export interface ModelSummary {
  id: string;
  name: string;
  dims: number;
  provisional: boolean;
  dir: string;
}

/** True when a model folder can be found (FACET_MODEL_DIR, or the one under resources/models). */
export function hasModel(modelDir?: string): boolean {
  try {
    resolveModelDir({ modelDir });
    return true;
  } catch {
    return false;
  }
}

export function describeModel(modelDir: string): ModelSummary {
  const manifest = loadManifest(modelDir);
  return { id: manifest.id, name: manifest.name, dims: manifest.dims, provisional: manifest.provisional, dir: modelDir };
}

export async function embedPapers(
  papers: readonly { title: string; abstract: string }[],
  modelDir: string,
  log: (line: string) => void = () => {},
): Promise<AspectVectors[]> {
  const started = performance.now();
  const embedder = await createEmbedder(modelDir, { inThread: true });
  try {
    const { vectors, truncated } = await embedder.embedWithReport(papers.map((paper) => ({ title: paper.title, abstract: paper.abstract })));
    const seconds = (performance.now() - started) / 1000;
    log(`  embedded ${papers.length} papers in ${seconds.toFixed(1)} s (${truncated.filter(Boolean).length} truncated at ${embedder.maxTokens} tokens)`);
    return vectors;
  } finally {
    await embedder.close();
  }
}
