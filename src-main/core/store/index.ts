export { PaperStore } from './paper-store.ts';
export type { OpenedStore } from './paper-store.ts';
export { ANN_INDEX_MIN_ROWS } from './indexes.ts';
export type { PendingPaper, StoreModel, StoredHit } from './queries.ts';
export { digestText } from './rows.ts';
export type { NeighbourPaper, NewPaper, StoredContentRow, StoredLibraryFields } from './rows.ts';
export { reciprocalRankFusion, RRF_K } from './rank-fusion.ts';
export { papersSchema, vectorColumn, PAPERS_TABLE } from './schema.ts';
export { readMeta, META_FILE } from './meta.ts';
