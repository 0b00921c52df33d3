// Worker entry used when Facet runs from TypeScript sources (tsx, vitest): registers tsx in this
// worker thread, then loads the real entry. Node 20 does not apply a parent's `--import tsx` to
// worker threads, so the worker registers the loader itself.
import { register } from 'tsx/esm/api';

register();
await import('./embed-worker.ts');
