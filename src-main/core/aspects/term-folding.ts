/**
 * One spelling per aspect term, and which tasks are kinds of which.
 *
 * Folding decides when two tag strings name the same thing, so that neighbours' reasons and the
 * tag chips agree however a name was written or stored:
 * - case, accents, punctuation and spacing never matter ("CIFAR-10" = "cifar 10" = "CIFAR10");
 * - a task's trailing acronym never matters ("Named Entity Recognition (NER)" = "Named Entity
 *   Recognition");
 * - known aliases fold into one name (DATASET_ALIASES: "ImageNet-1k" and "ILSVRC 2012" are ImageNet);
 * - display spellings follow one convention: task and method names in Title Case as Papers with
 *   Code writes most of them ("Semantic Textual Similarity", not "semantic textual similarity");
 *   dataset names as the dataset spells itself (display-names.json gives the capitalised spelling
 *   of names listed only in lower case: "imagenet-1k" is shown "ImageNet-1k").
 *
 * Methods are related through their Papers-with-Code collections ("BERT" and "RoBERTa" are both
 * Autoencoding Transformers), leaving out collections of building blocks.
 *
 * Task parents come from two places: the Papers-with-Code task taxonomy (task-parents.json, built
 * by tools/aspects/build-folding.ts) and the names themselves: a task whose name ends with another
 * task's name is a kind of it ("Medical Image Segmentation" → "Image Segmentation"), since task
 * names put the qualifier first.
 */
import type { Aspect } from '../../common/contract.ts';

export type TermAspect = Exclude<Aspect, 'generic'>;

/** How far up the taxonomy a related task may be: a grandparent still says something, beyond not. */
export const MAX_ANCESTOR_DEPTH = 2;

/**
 * Names that mean the same dataset in ML writing, canonical name first. Hand-kept: the lists in
 * resources/aspects do not say that "ImageNet-1k" is the ILSVRC 2012 subset papers call ImageNet.
 */
export const DATASET_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ImageNet: ['ImageNet-1k', 'ImageNet 2012', 'ImageNet ILSVRC 2012', 'ILSVRC 2012', 'ILSVRC 2015', 'ILSVRC'],
  COCO: ['COCO 2017', 'COCO 2014', 'Microsoft COCO'],
  SQuAD: ['SQuAD v1.1', 'SQuAD v2.0'],
  'WMT 2014': ['WMT14', "WMT'14"],
  'STS Benchmark': ['STS-B', 'STSB'],
  MTEB: ['Massive Text Embedding Benchmark'],
};

/** Words a Title Case name leaves in lower case unless they come first. */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'over', 'the', 'to', 'via', 'vs', 'with', 'without', 'using']);

/** Tasks that name a whole field or activity: too broad to relate two papers through. */
const TOO_BROAD_PARENTS = new Set(['classification', 'detection', 'segmentation', 'generation', 'regression', 'prediction', 'retrieval', 'recognition', 'estimation']);

/** A trailing parenthetical of one token: the acronym in "Named Entity Recognition (NER)". */
const TRAILING_ACRONYM = /\s*\(\s*[\p{L}\p{N}]+\s*\)\s*$/u;

/**
 * The key two spellings share when they name the same term: token keys joined without separators,
 * a trailing one-token parenthetical (an acronym) dropped. A longer parenthetical is a setting that
 * makes another task ("Reinforcement Learning (Atari Games)"), so it stays.
 */
export function foldKey(name: string): string {
  const bare = name.replace(TRAILING_ACRONYM, '');
  return keyText(bare === '' ? name : bare).replace(NOT_TOKEN, '');
}

/** What the matcher's tokens are made of (see matcher.ts): letters, digits, + and #. */
const NOT_TOKEN = /[^\p{L}\p{N}+#]+/gu;
const ASCII_ONLY = /^[ -~]*$/u;

/** Lower case, accents removed (the matcher's token keys, for a whole string). */
function keyText(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Token keys of a name: the matcher's tokenisation without positions, which folding does not need. */
function tokenKeys(name: string): string[] {
  return keyText(name).match(/[\p{L}\p{N}]+|[+#]/gu) ?? [];
}

/** "class-incremental learning" → "Class-Incremental Learning"; tokens with capitals or digits stay. */
export function titleCase(name: string): string {
  let first = true;
  return name.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const isFirst = first;
    first = false;
    if (!/^\p{Ll}+$/u.test(word)) return /^\d+d$/u.test(word) ? word.toUpperCase() : word;
    // Minor words stay lower case inside compounds too ("Image-to-Image"), other parts are capitalised ("Few-Shot").
    if (!isFirst && MINOR_WORDS.has(word)) return word;
    return word[0]!.toUpperCase() + word.slice(1);
  });
}

/**
 * Papers-with-Code method collections that group building blocks rather than kinds of model:
 * two papers that both use some activation function or some loss share nothing worth a reason.
 */
export const BUILDING_BLOCK_COLLECTIONS: ReadonlySet<string> = new Set([
  'Activation Functions', 'Attention Mechanisms', 'Attention Modules', 'Convolutions', 'Data Parallel Methods', 'Distributed Methods',
  'Feature Extractors', 'Feedforward Networks', 'Image Model Blocks', 'Initialization', 'Learning Rate Schedules', 'Loss Functions',
  'Normalization', 'Optimization', 'Output Functions', 'Pooling Operations', 'Regularization', 'Skip Connection Blocks', 'Skip Connections',
  'Stochastic Optimization',
]);

export interface FoldingInput {
  tasks: readonly string[];
  datasets: readonly { name: string }[];
  /** Methods with their Papers-with-Code collections (families: "Autoencoding Transformers"). */
  methods: readonly { name: string; collections?: readonly string[] }[];
  /** Task → its parents in the taxonomy (task-parents.json). */
  taskParents?: Readonly<Record<string, readonly string[]>>;
  /** Lower-case dataset name → its capitalised spelling (display-names.json). */
  datasetDisplay?: Readonly<Record<string, string>>;
}

/**
 * A task of one paper that is a kind of a task of the other, or both kinds of one task; or a
 * method of one paper in the same family as a method of the other.
 */
export interface RelatedTerm {
  /** The term of the first paper (the one the reason is written for). */
  own: string;
  /** The term of the other paper. */
  other: string;
  /**
   * The broader task both fall under (equal to `own` or `other` when one contains the other), or
   * the method family both belong to.
   */
  parent: string;
}

export type RelatedTask = RelatedTerm;

function isMultiWord(name: string): boolean {
  return tokenKeys(name).length > 1;
}

export class TermFolding {
  private readonly display = new Map<string, string>();
  private readonly parents = new Map<string, string[]>();
  /** Method key → its families, most specific (fewest methods) first. */
  private readonly families = new Map<string, string[]>();
  /** Builds parents and families on first use: tagging at startup needs only the spellings. */
  private relations: (() => void) | null = null;

  private constructor(private readonly knowsNames: boolean) {}

  private related(): void {
    const build = this.relations;
    this.relations = null;
    build?.();
  }

  /** Folding by spelling only (case, punctuation): for libraries without name lists (tests). */
  static plain(): TermFolding {
    return new TermFolding(false);
  }

  static build(input: FoldingInput): TermFolding {
    const folding = new TermFolding(true);
    const set = (aspect: TermAspect, name: string, shown: string) => {
      const key = `${aspect}:${foldKey(name)}`;
      if (!folding.display.has(key)) folding.display.set(key, shown);
    };
    for (const [canonical, aliases] of Object.entries(DATASET_ALIASES)) {
      set('dataset', canonical, canonical);
      for (const alias of aliases) set('dataset', alias, canonical);
    }
    for (const dataset of input.datasets) set('dataset', dataset.name, input.datasetDisplay?.[dataset.name] ?? dataset.name);
    // The acronym form is listed beside the bare one ("Reinforcement Learning (RL)"): both fold to
    // one key; the form with the acronym is shown, as the tagger reports it.
    const tasks = [...input.tasks].sort((a, b) => Number(TRAILING_ACRONYM.test(b)) - Number(TRAILING_ACRONYM.test(a)));
    for (const task of tasks) set('task', task, titleCase(task));
    for (const method of input.methods) set('method', method.name, isMultiWord(method.name) ? titleCase(method.name) : method.name);
    folding.relations = () => {
      folding.buildParents(input.tasks, input.taskParents ?? {});
      folding.buildFamilies(input.methods);
    };
    return folding;
  }

  private buildFamilies(methods: FoldingInput['methods']): void {
    const sizes = new Map<string, number>();
    for (const method of methods) for (const family of method.collections ?? []) sizes.set(family, (sizes.get(family) ?? 0) + 1);
    for (const method of methods) {
      const families = (method.collections ?? []).filter((family) => !BUILDING_BLOCK_COLLECTIONS.has(family) && (sizes.get(family) ?? 0) > 1);
      if (families.length === 0) continue;
      families.sort((a, b) => sizes.get(a)! - sizes.get(b)! || a.localeCompare(b));
      this.families.set(this.key('method', method.name), families);
    }
  }

  /** The method's families, most specific first (empty for unknown methods and building blocks). */
  methodFamilies(method: string): readonly string[] {
    this.related();
    return this.families.get(this.key('method', method)) ?? [];
  }

  /**
   * Methods of `own` in a family with a method of `other`, for methods not in both: per method of
   * `own` the most specific family shared; each family and each method of `other` once.
   */
  relatedMethods(own: readonly string[], other: readonly string[]): RelatedTerm[] {
    const otherKeys = new Set(other.map((method) => this.key('method', method)));
    const ownKeys = new Set(own.map((method) => this.key('method', method)));
    const theirs = other.filter((method) => !ownKeys.has(this.key('method', method)));
    const related: RelatedTerm[] = [];
    const usedFamilies = new Set<string>();
    const usedOthers = new Set<string>();
    for (const mine of own) {
      if (otherKeys.has(this.key('method', mine))) continue;
      for (const family of this.methodFamilies(mine)) {
        if (usedFamilies.has(family)) continue;
        const match = theirs.find((method) => !usedOthers.has(method) && this.methodFamilies(method).includes(family));
        if (!match) continue;
        usedFamilies.add(family);
        usedOthers.add(match);
        related.push({ own: this.canonical('method', mine), other: this.canonical('method', match), parent: family });
        break;
      }
    }
    return related;
  }

  private buildParents(tasks: readonly string[], taxonomy: Readonly<Record<string, readonly string[]>>): void {
    const add = (child: string, parent: string) => {
      const childKey = foldKey(child);
      const parentShown = this.canonical('task', parent);
      if (foldKey(parentShown) === childKey || TOO_BROAD_PARENTS.has(foldKey(parentShown))) return;
      const list = this.parents.get(childKey) ?? [];
      if (!list.includes(parentShown)) list.push(parentShown);
      this.parents.set(childKey, list);
    };
    // Name rule: the longest other task name the name ends with.
    const byTokens = new Map<string, string>();
    const bareTokens = (task: string) => tokenKeys(task.replace(TRAILING_ACRONYM, ''));
    for (const task of tasks) if (!/\)\s*$/u.test(task.replace(TRAILING_ACRONYM, ''))) byTokens.set(bareTokens(task).join(' '), task);
    for (const task of tasks) {
      if (/\)\s*$/u.test(task.replace(TRAILING_ACRONYM, ''))) continue;
      const tokens = bareTokens(task);
      for (let start = 1; start < tokens.length; start += 1) {
        const parent = byTokens.get(tokens.slice(start).join(' '));
        if (parent) {
          add(task, parent);
          break;
        }
      }
    }
    for (const [child, parents] of Object.entries(taxonomy)) for (const parent of parents) add(child, parent);
  }

  /** The one spelling shown for `name` under `aspect` (the name itself where nothing is known). */
  canonical(aspect: TermAspect, name: string): string {
    return this.display.get(`${aspect}:${foldKey(name)}`) ?? (this.knowsNames && aspect === 'task' ? titleCase(name) : name);
  }

  /** Equal for two names that fold together. */
  key(aspect: TermAspect, name: string): string {
    return foldKey(this.canonical(aspect, name));
  }

  /** Broader tasks, nearest first, up to MAX_ANCESTOR_DEPTH levels up; canonical spellings. */
  ancestors(task: string): string[] {
    this.related();
    const found: string[] = [];
    let level = [this.canonical('task', task)];
    for (let depth = 0; depth < MAX_ANCESTOR_DEPTH && level.length > 0; depth += 1) {
      const next: string[] = [];
      for (const name of level) {
        for (const parent of this.parents.get(foldKey(name)) ?? []) {
          if (found.includes(parent) || foldKey(parent) === foldKey(task)) continue;
          found.push(parent);
          next.push(parent);
        }
      }
      level = next;
    }
    return found;
  }

  /**
   * Tasks of `own` related to tasks of `other` through the taxonomy, for pairs not already equal:
   * one is a kind of the other, or both are kinds of one task. Per task of `own`, only the closest
   * relation (fewest steps through the taxonomy); each broader task and each task of `other` once.
   */
  relatedTasks(own: readonly string[], other: readonly string[]): RelatedTask[] {
    const otherKeys = new Set(other.map((task) => this.key('task', task)));
    const ownKeys = new Set(own.map((task) => this.key('task', task)));
    const theirs = other.filter((task) => !ownKeys.has(this.key('task', task))).map((task) => ({ shown: this.canonical('task', task), up: this.ancestors(task) }));
    const related: RelatedTask[] = [];
    const usedParents = new Set<string>();
    const usedOthers = new Set<string>();
    for (const mine of own) {
      if (otherKeys.has(this.key('task', mine))) continue;
      const mineShown = this.canonical('task', mine);
      const mineUp = this.ancestors(mine);
      let best: { pair: RelatedTask; steps: number } | null = null;
      for (const candidate of theirs) {
        if (usedOthers.has(candidate.shown)) continue;
        const options: Array<{ parent: string; steps: number }> = [];
        const asParent = mineUp.indexOf(candidate.shown);
        if (asParent >= 0) options.push({ parent: candidate.shown, steps: asParent + 1 });
        const asChild = candidate.up.indexOf(mineShown);
        if (asChild >= 0) options.push({ parent: mineShown, steps: asChild + 1 });
        mineUp.forEach((ancestor, index) => {
          const theirIndex = candidate.up.indexOf(ancestor);
          if (theirIndex >= 0) options.push({ parent: ancestor, steps: index + theirIndex + 2 });
        });
        for (const option of options) {
          if (usedParents.has(option.parent)) continue;
          if (!best || option.steps < best.steps) best = { pair: { own: mineShown, other: candidate.shown, parent: option.parent }, steps: option.steps };
        }
      }
      if (!best) continue;
      usedParents.add(best.pair.parent);
      usedOthers.add(best.pair.other);
      related.push(best.pair);
    }
    return related;
  }
}
