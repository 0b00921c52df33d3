export { PaperStore, ANN_INDEX_MIN_ROWS, digestText } from './paper-store.ts';
export type { NeighbourPaper, NewPaper, OpenedStore, PendingPaper, StoreModel, StoredContentRow, StoredHit, StoredLibraryFields } from './paper-store.ts';
export { reciprocalRankFusion, RRF_K } from './rank-fusion.ts';
export { papersSchema, vectorColumn, PAPERS_TABLE } from './schema.ts';
export { readMeta, META_FILE } from './meta.ts';
