// `npm run build:node`, also run by `prepare` (so by every `npm install` and `npm ci`): compiles
// the Node entry points to out/node with vite.node.config.ts. Where vite is not installed (an
// install without devDependencies) it says so and leaves the entry points on the tsx fallback.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let vite;
try {
  vite = await import('vite');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.warn('build:node: vite is not installed (devDependencies omitted); facet and browser mode will run from the TypeScript sources through tsx.');
  process.exit(0);
}
await vite.build({ configFile: path.join(root, 'vite.node.config.ts') });
console.log(`build:node: compiled the CLI, the server and their workers to ${path.join(root, 'out', 'node')}`);
