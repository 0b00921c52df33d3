/**
 * The tagger openFacet uses: the name lists are read (and checked) at open, but the matchers are
 * built on the first paper to tag, and the folding on the first reason to explain. Building the
 * matchers takes about half a second; commands that only read the library never need them, and
 * `similar` needs only the folding.
 */
import type { AspectTerms } from '../../common/contract.ts';
import { DEFAULT_ASPECTS_DIR, loadAspectNameLists, type AspectNameLists } from './lexicon.ts';
import { AspectTagger } from './tagger.ts';
import type { TermFolding } from './term-folding.ts';

/** Has the shape of the service's Tagger (tag, folding). */
export class LazyAspectTagger {
  private tagger: AspectTagger | null = null;
  private foldingOnly: TermFolding | null = null;

  private constructor(private readonly lists: AspectNameLists) {}

  /** Reads the name lists from `aspectsDir` (default: <repo>/resources/aspects); a bad file fails here. */
  static async load(aspectsDir: string = DEFAULT_ASPECTS_DIR): Promise<LazyAspectTagger> {
    return new LazyAspectTagger(await loadAspectNameLists(aspectsDir));
  }

  get folding(): TermFolding {
    return this.tagger?.folding ?? (this.foldingOnly ??= AspectTagger.foldingOf(this.lists));
  }

  tag(title: string, abstract: string): AspectTerms {
    this.tagger ??= AspectTagger.fromNameLists(this.lists);
    return this.tagger.tag(title, abstract);
  }
}
