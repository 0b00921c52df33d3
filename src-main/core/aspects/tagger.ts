/**
 * The aspect tagger: finds task, method and dataset mentions in a paper's title and abstract.
 * Runs at import for every paper, so it is built once (AspectTagger.load) and each tag() call is a
 * single pass of two token tries over the text.
 *
 * Methods follow exactly the derived-label rules of method-labels.ts (the training labels), so
 * tags and labels name the same methods; tasks and datasets follow term-lexicon.ts. Every name is
 * then reported in its one display spelling (term-folding.ts): aliases folded ("ILSVRC 2012" is
 * ImageNet), Title Case for task and method names.
 */
import { TERM_ASPECTS, emptyAspectTerms, type AspectTerms } from '../../common/contract.ts';
import { DEFAULT_ASPECTS_DIR, loadAspectNameLists } from './lexicon.ts';
import type { AspectNameLists } from './lexicon.ts';
import { prepareSegment } from './matcher.ts';
import type { MethodLexicon } from './method-labels.ts';
import { buildMethodLexicon, methodMentions } from './method-labels.ts';
import type { TermLexicon } from './term-lexicon.ts';
import { buildTermLexicon, termMentions } from './term-lexicon.ts';
import { DATASET_ALIASES, TermFolding, foldKey } from './term-folding.ts';
import type { TermAspect } from './term-folding.ts';

/** Alias spellings become datasets of their own for the matcher; folding then reports the canonical name. */
function withAliasDatasets(lists: AspectNameLists): AspectNameLists['datasets'] {
  // Every spelling stays ("WMT14" and "WMT'14" fold alike but tokenise differently).
  const aliases = Object.values(DATASET_ALIASES).flat();
  const aliasKeys = new Set(aliases.map(foldKey));
  // Only spellings that begin like an alias can fold to one: skip the key of every other name (startup time).
  const starts = new Set([...aliasKeys].map((key) => key.slice(0, 2)));
  const known = new Set<string>();
  for (const dataset of lists.datasets) {
    for (const name of [dataset.name, ...dataset.variants]) {
      if (starts.has(name.slice(0, 2).toLowerCase())) known.add(foldKey(name));
    }
  }
  return [...lists.datasets, ...aliases.filter((alias) => !known.has(foldKey(alias))).map((alias) => ({ name: alias, variants: [] }))];
}

function foldingFor(lists: AspectNameLists, datasets: AspectNameLists['datasets']): TermFolding {
  return TermFolding.build({ tasks: lists.tasks, datasets, methods: lists.methods, taskParents: lists.taskParents, datasetDisplay: lists.datasetDisplay });
}

export class AspectTagger {
  private constructor(
    private readonly methods: MethodLexicon,
    private readonly terms: TermLexicon,
    /** How tag strings fold into one spelling, and which tasks are kinds of which. */
    readonly folding: TermFolding,
  ) {}

  /** Loads the name lists from `aspectsDir` (default: <repo>/resources/aspects). */
  static async load(aspectsDir: string = DEFAULT_ASPECTS_DIR): Promise<AspectTagger> {
    return AspectTagger.fromNameLists(await loadAspectNameLists(aspectsDir));
  }

  /**
   * Builds a tagger from name lists already in memory (tests, tools). `fold: false` reports names
   * exactly as listed and adds no alias spellings (how tagging worked before folding; for comparison).
   */
  static fromNameLists(lists: AspectNameLists, options: { fold?: boolean } = {}): AspectTagger {
    const fold = options.fold ?? true;
    const datasets = fold ? withAliasDatasets(lists) : lists.datasets;
    return new AspectTagger(
      buildMethodLexicon(lists.methods, lists.commonWords),
      buildTermLexicon(lists.tasks, datasets, lists.commonWords, lists.methods.map((method) => method.name)),
      fold ? foldingFor(lists, datasets) : TermFolding.plain(),
    );
  }

  /** The folding a tagger built from these lists uses, without building the matchers (much quicker). */
  static foldingOf(lists: AspectNameLists): TermFolding {
    return foldingFor(lists, withAliasDatasets(lists));
  }

  get methodLexicon(): MethodLexicon {
    return this.methods;
  }

  /** Display names per aspect, each once, in order of first appearance (title before abstract). */
  tag(title: string, abstract: string): AspectTerms {
    const segments = [prepareSegment(title), prepareSegment(abstract)];
    const terms: AspectTerms = emptyAspectTerms(TERM_ASPECTS);
    const seen = new Set<string>();
    const add = (aspect: TermAspect, name: string) => {
      const shown = this.folding.canonical(aspect, name);
      const key = `${aspect}:${foldKey(shown)}`;
      if (seen.has(key)) return;
      seen.add(key);
      terms[aspect].push(shown);
    };
    for (const mention of termMentions(segments, this.terms)) add(mention.aspect, mention.name);
    for (const mention of methodMentions(segments, this.methods)) add('method', mention.method);
    return terms;
  }
}
