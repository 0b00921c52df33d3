/** Child of lance-log-level.test.ts: opens a PaperStore in a fresh folder and stores one stub, so LanceDB creates its dataset. */
import { PaperStore } from '../../../../src-main/core/store/index.ts';

const dir = process.argv[2]!;
const { store } = await PaperStore.open(dir, { id: 'test-model', dims: 4 });
await store.addPapers([
  {
    id: 'stub-1',
    title: 'arXiv:2101.00001',
    abstract: '',
    authors: [],
    year: null,
    date: null,
    venue: null,
    arxivId: '2101.00001',
    doi: null,
    url: null,
    sourceFile: null,
    sourceLine: null,
    normTitle: 'arxiv 2101 00001',
    terms: { task: [], method: [], dataset: [] },
    dedupKeys: ['arxiv:2101.00001'],
    vectors: null,
    pending: true,
  },
]);
await store.close();
process.stdout.write('stored\n');
