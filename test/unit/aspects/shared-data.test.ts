// Checks against the third-party data in ../shared; skipped with a message where it is absent.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAspectNameLists } from '../../../src-main/core/aspects/lexicon.ts';
import { deriveMethodLabels, loadMethodLexicon } from '../../../src-main/core/aspects/method-labels.ts';
import { HELD_OUT_SPLITS, SHARED_FILES, readTdmsPapers, sharedRoot } from '../../../tools/aspects/shared-data.ts';

const present = fs.existsSync(path.join(sharedRoot, SHARED_FILES.tdms)) && fs.existsSync(path.join(sharedRoot, SHARED_FILES.methods));
if (!present) console.warn(`skipping aspect checks on shared data: ${sharedRoot} (../shared) is absent`);

describe.skipIf(!present)('aspect name lists against ../shared', () => {
  it('takes no task name from held-out papers only', async () => {
    const papers = readTdmsPapers();
    const train = new Set(papers.filter((paper) => paper.split === 'train').flatMap((paper) => paper.tasks));
    const heldOutOnly = new Set(
      papers.filter((paper) => HELD_OUT_SPLITS.has(paper.split)).flatMap((paper) => paper.tasks).filter((task) => !train.has(task)),
    );
    const taxonomy = (await import('node:child_process'))
      .execFileSync('tar', ['-xzOf', path.join(sharedRoot, SHARED_FILES.taskTaxonomy), 'data/all_tasks.txt'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
    const taxonomySet = new Set(taxonomy);
    const { tasks } = await loadAspectNameLists();
    const leaked = tasks.filter((task) => heldOutOnly.has(task) && !taxonomySet.has(task.toLowerCase()));
    expect(leaked).toEqual([]);
  });

  it('labels a good share of train papers with methods, and never a generic building block', async () => {
    const lexicon = await loadMethodLexicon();
    const train = readTdmsPapers().filter((paper) => paper.split === 'train' && paper.abstract !== '');
    let labelled = 0;
    for (const paper of train) {
      const methods = deriveMethodLabels(paper.title, paper.abstract, lexicon);
      if (methods.length > 0) labelled += 1;
      for (const method of methods) expect(lexicon.excluded.has(method)).toBe(false);
    }
    expect(labelled / train.length).toBeGreaterThan(0.2);
  });
});
