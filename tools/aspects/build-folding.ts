/**
 * Builds the folding lists in resources/aspects/ from the third-party data in ../shared:
 *
 *   npx tsx tools/aspects/build-folding.ts      (after build-names.ts: it reads tasks.json, datasets.json)
 *
 * - task-parents.json: task → broader tasks, from the Papers-with-Code task taxonomy
 *   (hierarchy files and the "Subtasks" column of the per-domain task tables). The taxonomy holds
 *   junk edges (alphabetically first tasks listed as parents of unrelated ones: "10-shot image
 *   generation" above "Semantic Segmentation"), so an edge is kept only when both names are in
 *   tasks.json and the edge reads as "a kind of" (plausibleParent).
 * - display-names.json: for dataset names listed only in lower case ("imagenet-1k"), the
 *   capitalised spelling the same name has elsewhere in the lists ("ImageNet-1k vs Places").
 * - word-frequencies.json: a statistic, not text: in how many train-split leaderboard abstracts each
 *   lower-case word occurs (words in at least WORD_MIN_DOCS of them). Neighbour reasons use it to
 *   rank shared words by how informative they are until the library's own counts are used.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadBaseNameLists } from '../../src-main/core/aspects/lexicon.ts';
import { tokenize } from '../../src-main/core/aspects/matcher.ts';
import { evidenceWords } from '../../src-main/core/aspects/shared-words.ts';
import { canonicalTaskNames } from '../../src-main/core/aspects/term-lexicon.ts';
import { SHARED_FILES, readTdmsPapers, repoRoot, sharedPath } from './shared-data.ts';

const OUT_DIR = path.join(repoRoot, 'resources/aspects');
const WORD_MIN_DOCS = 3;
const STOP_WORDS = new Set(['a', 'an', 'and', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'via', 'using', 'based', 'task', 'tasks']);

function taxonomyMember(member: string): string {
  return execFileSync('tar', ['-xzOf', sharedPath(SHARED_FILES.taskTaxonomy), member], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Minimal CSV reader (quoted fields with "" escapes, commas and newlines inside quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [head, ...body] = rows;
  if (!head) return [];
  return body.filter((cells) => cells.length === head.length).map((cells) => Object.fromEntries(head.map((name, i) => [name, cells[i]!])));
}

interface HierarchyNode {
  name?: unknown;
  children?: unknown;
}

function taxonomyEdges(): Array<[child: string, parent: string]> {
  const edges: Array<[string, string]> = [];
  const walk = (node: HierarchyNode, parent: string | null) => {
    if (typeof node.name !== 'string') return;
    if (parent) edges.push([node.name, parent]);
    if (Array.isArray(node.children)) for (const child of node.children as HierarchyNode[]) walk(child, node.name);
  };
  for (const domain of ['cv', 'nlp', 'audio', 'other']) {
    const tree = JSON.parse(taxonomyMember(`results/hierarchical/${domain}_hierarchy.json`)) as { hierarchical_tasks?: HierarchyNode[] };
    for (const root of tree.hierarchical_tasks ?? []) walk(root, null);
    for (const row of parseCsv(taxonomyMember(`results/${domain}/${domain}_tasks_detailed.csv`))) {
      const parent = row['Task Name']?.trim();
      if (!parent) continue;
      for (const child of (row.Subtasks ?? '').split(';')) if (child.trim() !== '') edges.push([child.trim(), parent]);
    }
  }
  return edges;
}

/** Content words of a task name, a plural "s" folded, the trailing parenthetical dropped. */
function contentWords(name: string): string[] {
  const bare = name.replace(/\s*\([^()]*\)\s*$/u, '') || name;
  return tokenize(bare)
    .map((token) => (token.key.length > 3 && token.key.endsWith('s') && !token.key.endsWith('ss') ? token.key.slice(0, -1) : token.key))
    .filter((key) => !STOP_WORDS.has(key) && /\p{L}/u.test(key));
}

/**
 * Whether a taxonomy edge reads as "child is a kind of parent": the parent's head word (its last
 * content word) is in the child; every parent word with a digit ("3D", "2D") is in the child; the
 * parent has at most one word more than the child; and the child is not the broader name.
 */
export function plausibleParent(child: string, parent: string): boolean {
  const childWords = contentWords(child);
  const parentWords = contentWords(parent);
  const head = parentWords[parentWords.length - 1];
  if (!head || !childWords.includes(head)) return false;
  if (parentWords.some((word) => /\p{N}/u.test(word) && !childWords.includes(word))) return false;
  if (parentWords.length > childWords.length + 1) return false;
  return !childWords.every((word) => parentWords.includes(word));
}

function buildTaskParents(tasks: readonly string[], commonWords: ReadonlySet<string>): Record<string, string[]> {
  const canonical = canonicalTaskNames(tasks, commonWords);
  const byLower = new Map<string, string>();
  for (const task of tasks) byLower.set(task.toLowerCase(), canonical.get(task) ?? task);
  const parents = new Map<string, Set<string>>();
  for (const [rawChild, rawParent] of taxonomyEdges()) {
    const child = byLower.get(rawChild.toLowerCase());
    const parent = byLower.get(rawParent.toLowerCase());
    if (!child || !parent || child === parent) continue;
    if (!plausibleParent(child, parent)) continue;
    const set = parents.get(child) ?? new Set<string>();
    set.add(parent);
    parents.set(child, set);
  }
  return Object.fromEntries([...parents.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([child, set]) => [child, [...set].sort()]));
}

function buildDatasetDisplay(datasets: readonly { name: string; variants: string[] }[]): Record<string, string> {
  const key = (tokens: readonly string[]) => tokens.map((token) => token.toLowerCase()).join(' ');
  const lower = new Map<string, string>();
  for (const dataset of datasets) if (dataset.name === dataset.name.toLowerCase() && /\p{L}/u.test(dataset.name)) lower.set(key(tokenize(dataset.name).map((t) => t.surface)), dataset.name);
  const spelled = new Map<string, Map<string, number>>();
  for (const dataset of datasets) {
    for (const name of [dataset.name, ...dataset.variants]) {
      const tokens = tokenize(name);
      for (const [sequenceKey, lowerName] of lower) {
        const length = sequenceKey.split(' ').length;
        for (let start = 0; start + length <= tokens.length; start += 1) {
          const window = tokens.slice(start, start + length);
          if (key(window.map((t) => t.surface)) !== sequenceKey) continue;
          const surface = name.slice(window[0]!.start, window[window.length - 1]!.end);
          // Only a different casing of the very same characters ("ImageNet-1k" for "imagenet-1k").
          if (surface === surface.toLowerCase() || surface.toLowerCase() !== lowerName) continue;
          const counts = spelled.get(lowerName) ?? new Map<string, number>();
          counts.set(surface, (counts.get(surface) ?? 0) + 1);
          spelled.set(lowerName, counts);
        }
      }
    }
  }
  const display: Record<string, string> = {};
  for (const [name, counts] of [...spelled.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    display[name] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  }
  return display;
}

function buildWordFrequencies(): { documents: number; minDocuments: number; counts: Record<string, number> } {
  const train = readTdmsPapers().filter((paper) => paper.split === 'train' && paper.abstract !== '');
  const counts = new Map<string, number>();
  for (const paper of train) {
    for (const word of new Set(evidenceWords(`${paper.title}. ${paper.abstract}`))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const kept = [...counts.entries()].filter(([, count]) => count >= WORD_MIN_DOCS).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { documents: train.length, minDocuments: WORD_MIN_DOCS, counts: Object.fromEntries(kept) };
}

function writeJson(name: string, value: unknown): void {
  const file = path.join(OUT_DIR, name);
  fs.writeFileSync(file, JSON.stringify(value) + '\n');
  console.log(`wrote ${path.relative(repoRoot, file)} (${fs.statSync(file).size} bytes)`);
}

async function main(): Promise<void> {
  const lists = await loadBaseNameLists(OUT_DIR);
  const parents = buildTaskParents(lists.tasks, lists.commonWords);
  writeJson('task-parents.json', { source: `${SHARED_FILES.taskTaxonomy} (hierarchy and subtask tables)`, parents });
  const display = buildDatasetDisplay(lists.datasets);
  writeJson('display-names.json', { source: 'resources/aspects/datasets.json (capitalised spellings of lower-case names)', datasets: display });
  const words = buildWordFrequencies();
  writeJson('word-frequencies.json', { source: `${SHARED_FILES.tdms} (train-split titles and abstracts, documents per word)`, ...words });
  console.log(`${Object.keys(parents).length} tasks with parents, ${Object.keys(display).length} display spellings, ${Object.keys(words.counts).length} words`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
