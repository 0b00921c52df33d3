/**
 * The aspect tagger: finds task, method and dataset mentions in a paper's title and abstract.
 * Runs at import for every paper, so it is built once (AspectTagger.load) and each tag() call is a
 * single pass of two token tries over the text.
 *
 * Methods follow exactly the derived-label rules of method-labels.ts (the training labels), so
 * tags and labels agree; tasks and datasets follow term-lexicon.ts.
 */
import type { AspectTerms } from '../../common/contract.ts';
import { DEFAULT_ASPECTS_DIR, loadAspectNameLists } from './lexicon.ts';
import type { AspectNameLists } from './lexicon.ts';
import { prepareSegment } from './matcher.ts';
import type { MethodLexicon } from './method-labels.ts';
import { buildMethodLexicon, methodMentions } from './method-labels.ts';
import type { TermLexicon } from './term-lexicon.ts';
import { buildTermLexicon, termMentions } from './term-lexicon.ts';

export class AspectTagger {
  private constructor(
    private readonly methods: MethodLexicon,
    private readonly terms: TermLexicon,
  ) {}

  /** Loads the name lists from `aspectsDir` (default: <repo>/resources/aspects). */
  static async load(aspectsDir: string = DEFAULT_ASPECTS_DIR): Promise<AspectTagger> {
    return AspectTagger.fromNameLists(await loadAspectNameLists(aspectsDir));
  }

  /** Builds a tagger from name lists already in memory (tests, tools). */
  static fromNameLists(lists: AspectNameLists): AspectTagger {
    return new AspectTagger(
      buildMethodLexicon(lists.methods, lists.commonWords),
      buildTermLexicon(lists.tasks, lists.datasets, lists.commonWords, lists.methods.map((method) => method.name)),
    );
  }

  get methodLexicon(): MethodLexicon {
    return this.methods;
  }

  /** Canonical names per aspect, each once, in order of first appearance (title before abstract). */
  tag(title: string, abstract: string): AspectTerms {
    const segments = [prepareSegment(title), prepareSegment(abstract)];
    const terms: AspectTerms = { task: [], method: [], dataset: [] };
    for (const mention of termMentions(segments, this.terms)) terms[mention.aspect].push(mention.name);
    terms.method = methodMentions(segments, this.methods).map((mention) => mention.method);
    return terms;
  }
}
