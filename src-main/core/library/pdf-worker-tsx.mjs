// Worker entry used when Facet runs from TypeScript sources (tsx, vitest): registers tsx in this
// worker thread (Node 20 does not pass a parent's loader to workers), then loads the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./pdf-worker.ts');
