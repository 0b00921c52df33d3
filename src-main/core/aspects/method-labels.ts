/**
 * Derived method labels: which Papers-with-Code methods a paper's title + abstract names.
 *
 * Papers with Code assigned methods to papers by finding method names in paper text; no per-paper
 * method labels were published with the leaderboard data, so Facet derives them the same way. The
 * training pipeline (via tools/aspects/write-labels.ts) and the quality benchmark both call
 * deriveMethodLabels, and the app's tagger uses the same rules (methodMatches), so "method" means
 * one thing everywhere.
 *
 * Rules, and why (measured against SciREX's hand annotations, see bench/results/tagger.md):
 * 1. Each method is found by its `name` and its `fullName`, plus spelling variants (hyphens closed
 *    up, trailing parenthetical dropped) and plurals of the last token (GANs, Gaussian Processes).
 * 2. Case is decided per token (surface-rules.ts): acronyms must match with exact case, so "base"
 *    never means BASE; plain words and long CamelCase names match in any case.
 * 3. Short acronyms (≤ 3 characters: SSD, GPS, RAN) and acronyms that are also common words (BASE,
 *    USE, NODE, LINE) count only when the method's longer name is also in the text, unless they are
 *    in WELL_KNOWN_ACRONYMS: acronyms that in ML writing almost always mean this one method.
 * 4. Method names that are ordinary English words (Retrace, Hydra, Primer, Florence) count only when
 *    written capitalised in mid-sentence of ordinary (not Title Case) text. A few never count by
 *    themselves because they name a task or an everyday thing (NEVER_ALONE).
 * 5. GENERIC_METHODS are excluded from labels: ubiquitous building blocks (Softmax, Dropout, Layer
 *    Normalization, ReLU, ...) that Papers with Code attaches to nearly every deep-learning paper and
 *    that say nothing about a paper's own approach, so they would make every paper method-similar.
 * 6. An acronym the text itself defines, "... (DCNN)", counts only if the text also has the
 *    method's long name: the author may define it otherwise ("deep CNN (DCNN)" is not Papers-with-Code's
 *    Diffusion-Convolutional Neural Network).
 * 7. Overlaps resolve leftmost-longest: "Graph Convolutional Network" wins over "Convolutional
 *    Network" inside it. Where two methods share a spelling, the one whose `name` it is wins, then
 *    the one Papers with Code lists in more papers.
 */
import type { PhraseMatch, Segment } from './matcher.ts';
import { PhraseMatcher, prepareSegment, selectLongest } from './matcher.ts';
import type { MethodRecord } from './lexicon.ts';
import { DEFAULT_ASPECTS_DIR, loadCommonWords, loadMethodRecords } from './lexicon.ts';
import type { SurfaceClass } from './surface-rules.ts';
import { classifySurface, surfaceVariants, tokenCasesOf } from './surface-rules.ts';

/** Ubiquitous building blocks excluded from method labels (rule 5). Chosen from the most frequent
 *  Papers-with-Code methods: layers, activations, normalisations, schedules and initialisations. */
export const GENERIC_METHODS: ReadonlySet<string> = new Set([
  '1x1 Convolution',
  'Absolute Position Encodings',
  'Attention Dropout',
  'Average Pooling',
  'Batch Normalization',
  'Bottleneck Residual Block',
  'Causal Inference',
  'Concatenated Skip Connection',
  'Convolution',
  'Cosine Annealing',
  'Dense Block',
  'Dense Connections',
  'Depthwise Convolution',
  'Dropout',
  'Feedforward Network',
  'Global Average Pooling',
  'Grouped Convolution',
  'Kaiming Initialization',
  'Label Smoothing',
  'Layer Normalization',
  'Leaky ReLU',
  'Linear Layer',
  'Linear Warmup With Cosine Annealing',
  'Linear Warmup With Linear Decay',
  'Local Response Normalization',
  'Max Pooling',
  'Multi-Head Attention',
  'Pointwise Convolution',
  'Position-Wise Feed-Forward Layer',
  'ReLU',
  'Residual Block',
  'Residual Connection',
  'Scaled Dot-Product Attention',
  'Sigmoid Activation',
  'Softmax',
  'Tanh Activation',
  'Weight Decay',
]);

/** Short or word-like acronyms that in ML text nearly always mean the listed method (rule 3). */
export const WELL_KNOWN_ACRONYMS: ReadonlySet<string> = new Set([
  'BPE', 'CLIP', 'CRF', 'DQN', 'DTW', 'FCN', 'FPN', 'GAN', 'GAT', 'GCN', 'GPT', 'GRU', 'ICA', 'PCA',
  'PPO', 'REINFORCE', 'RPN', 'SGD', 'SSD', 'SVM', 'T5', 'VAE', 'VGG',
]);

/** Method names that are English words; they need capitalised mid-sentence use (rule 4). */
export const WORD_METHOD_NAMES: ReadonlySet<string> = new Set([
  'Accordion', 'Adapter', 'Apollo', 'Blender', 'Chimera', 'Chinchilla', 'Crossbow', 'Cutout', 'Demon',
  'Florence', 'Hamburger', 'Herring', 'Hydra', 'Jigsaw', 'Jukebox', 'Lookahead', 'Macaw', 'Parallax',
  'Parrot', 'Performer', 'Primer', 'Rendezvous', 'Retrace', 'Siren', 'Swish', 'Synthesizer', 'Tofu',
]);

/** Names that never count by themselves: tasks or everyday words listed as methods (rule 4). */
export const NEVER_ALONE: ReadonlySet<string> = new Set([
  'Colorization', 'Deflation', 'Electric', 'Grab', 'Gravity', 'Heatmap', 'Inpainting', 'Ontology',
]);

export type MethodSurfaceRule = 'plain' | 'needs-support' | 'capitalised-word';

export interface MethodPhrase {
  method: MethodRecord;
  /** Whether this spelling is the method's `name` (preferred when methods share a spelling). */
  isName: boolean;
  /** A single exact-case token (BERT, DCNN): an abbreviation that a text may define differently. */
  isAcronym: boolean;
  rule: MethodSurfaceRule;
}

export interface MethodLexicon {
  readonly matcher: PhraseMatcher<MethodPhrase>;
  readonly methods: readonly MethodRecord[];
  /** Methods left out of labels by rule 5, by name. */
  readonly excluded: ReadonlySet<string>;
}

function ruleFor(surface: string, surfaceClass: SurfaceClass, isName: boolean): MethodSurfaceRule | null {
  if (NEVER_ALONE.has(surface)) return null;
  if (WORD_METHOD_NAMES.has(surface)) return 'capitalised-word';
  if (surfaceClass === 'plain') return 'plain';
  return isName && WELL_KNOWN_ACRONYMS.has(surface) ? 'plain' : 'needs-support';
}

/** Builds the matcher for every non-generic method from the name list and the common-word list. */
export function buildMethodLexicon(methods: readonly MethodRecord[], commonWords: ReadonlySet<string>): MethodLexicon {
  const matcher = new PhraseMatcher<MethodPhrase>();
  const excluded = new Set<string>();
  for (const method of methods) {
    if (GENERIC_METHODS.has(method.name)) {
      excluded.add(method.name);
      continue;
    }
    const spellings = new Map<string, boolean>();
    for (const variant of surfaceVariants(method.name)) spellings.set(variant, true);
    for (const variant of surfaceVariants(method.fullName)) if (!spellings.has(variant)) spellings.set(variant, false);
    for (const [surface, isName] of spellings) {
      const rule = ruleFor(surface, classifySurface(surface, commonWords), isName);
      if (rule === null) continue;
      // A word-like name must be written exactly as listed (capitalised), not merely spelled alike.
      const cases = rule === 'capitalised-word' ? 'exact' : tokenCasesOf(surface, commonWords);
      const isAcronym = cases !== 'exact' && cases.length === 1 && cases[0] === 'exact';
      matcher.add(surface, { method, isName, isAcronym, rule }, cases);
    }
  }
  return { matcher, methods, excluded };
}

export async function loadMethodLexicon(aspectsDir = DEFAULT_ASPECTS_DIR): Promise<MethodLexicon> {
  const [methods, commonWords] = await Promise.all([loadMethodRecords(aspectsDir), loadCommonWords(aspectsDir)]);
  return buildMethodLexicon(methods, commonWords);
}

export interface MethodMention {
  method: string;
  /** Index of the segment (0 = title, 1 = abstract) and character offsets in it. */
  segment: number;
  start: number;
  end: number;
}

interface SegmentMatches {
  segment: Segment;
  matches: PhraseMatch<MethodPhrase>[];
}

/** Abbreviations the text defines: a token alone in parentheses, "(DCNN)", "( DCNNs )". */
function definedAbbreviations(segments: readonly Segment[]): Set<string> {
  const defined = new Set<string>();
  segments.forEach(({ text, tokens }) => {
    for (const token of tokens) {
      if (!/\(\s*$/u.test(text.slice(Math.max(0, token.start - 3), token.start)) || !/^\s*\)/u.test(text.slice(token.end, token.end + 3))) continue;
      defined.add(token.surface);
      if (token.surface.endsWith('s')) defined.add(token.surface.slice(0, -1));
    }
  });
  return defined;
}

function preferredPhrase(a: PhraseMatch<MethodPhrase>, b: PhraseMatch<MethodPhrase>): number {
  const byName = Number(b.entry.payload.isName) - Number(a.entry.payload.isName);
  return byName !== 0 ? byName : b.entry.payload.method.numPapers - a.entry.payload.method.numPapers;
}

/**
 * Method mentions in order of first appearance over the segments (title first, then abstract),
 * each method once. Segments are matched separately so no name spans the title/abstract seam.
 */
export function methodMentions(segments: readonly Segment[], lexicon: MethodLexicon): MethodMention[] {
  const perSegment: SegmentMatches[] = segments.map((segment) => ({ segment, matches: lexicon.matcher.findAll(segment.tokens) }));
  // Methods named by a longer spelling (not an acronym) anywhere in the text support their acronyms.
  const supported = new Set<string>();
  for (const { matches } of perSegment) {
    for (const match of matches) {
      const { rule, isAcronym, method } = match.entry.payload;
      if (rule !== 'needs-support' && !isAcronym) supported.add(method.name);
    }
  }
  const defined = definedAbbreviations(segments);
  const mentions: MethodMention[] = [];
  const seen = new Set<string>();
  perSegment.forEach(({ segment, matches }, segmentIndex) => {
    const accepted = matches.filter((match) => {
      const { rule, method, isAcronym } = match.entry.payload;
      if (rule === 'needs-support') return supported.has(method.name);
      if (isAcronym && method.fullName !== method.name && defined.has(match.entry.tokens[0]!)) return supported.has(method.name);
      if (rule === 'capitalised-word') return !segment.capitalised && !segment.tokens[match.start]!.sentenceInitial;
      return true;
    });
    const chosen = selectLongest(accepted);
    for (const match of chosen) {
      // Several methods may share this exact span: keep only the preferred one (rule 7).
      const rivals = chosen.filter((other) => other.start === match.start && other.end === match.end);
      if (rivals.length > 1 && rivals.sort(preferredPhrase)[0] !== match) continue;
      const name = match.entry.payload.method.name;
      if (seen.has(name)) continue;
      seen.add(name);
      mentions.push({
        method: name,
        segment: segmentIndex,
        start: segment.tokens[match.start]!.start,
        end: segment.tokens[match.end - 1]!.end,
      });
    }
  });
  return mentions;
}

/** Canonical Papers-with-Code method names found in a paper's title and abstract, in order of first appearance. */
export function deriveMethodLabels(title: string, abstract: string, lexicon: MethodLexicon): string[] {
  return methodMentions([prepareSegment(title), prepareSegment(abstract)], lexicon).map((mention) => mention.method);
}
