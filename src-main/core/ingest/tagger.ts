import type { AspectTerms } from '../../common/contract.ts';
import type { TermFolding } from '../aspects/term-folding.ts';

/** What tags a paper's aspects from its title and abstract (the aspect tagger, or a test's stand-in). */
export interface Tagger {
  tag(title: string, abstract: string): AspectTerms;
  /** How its tag strings fold together (aliases, task parents); spelling-only folding when absent. */
  readonly folding?: TermFolding;
}
