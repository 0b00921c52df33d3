// Worker entry used when Facet runs from TypeScript sources (tsx, vitest): registers tsx in this
// worker thread, then loads the real entry (Node does not pass a parent's `--import tsx` on to workers).
import { register } from 'tsx/esm/api';

register();
await import('./layout-worker.ts');
