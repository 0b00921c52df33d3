/**
 * Browser mode: `npm run serve -- [--data-dir DIR] [--port N] [--model-dir DIR] [--folder DIR]…` (bin/facet-serve.mjs,
 * which runs the compiled out/node/serve.js when it is current), or `node out/node/serve.js …`.
 *
 * Opens the core, starts the local bridge on 127.0.0.1 and prints the address to open, which
 * carries this run's access token. Ctrl+C (SIGINT) or SIGTERM closes the bridge and the core cleanly.
 * The page cannot name paths; each --folder is granted to it for reading (a PDF folder or a
 * Zotero data folder to import), since a browser has no folder dialog that would tell us a path.
 */
// First: ONNX Runtime telemetry off before anything can load the runtime.
import '../core/embed/ort-telemetry-off.ts';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/data-dir.ts';
import { openFacet } from '../core/service.ts';
import { startBridge } from './bridge/index.ts';

const USAGE = `Usage: npm run serve -- [--data-dir DIR] [--port N] [--model-dir DIR] [--folder DIR]…

  --data-dir DIR   library folder (default: ${defaultDataDir()}, shared with the desktop app)
  --port N         port on 127.0.0.1 (default: 0 = any free port)
  --model-dir DIR  aspect model folder (default: the model under resources/models)
  --folder DIR     lets the page import this PDF folder or Zotero data folder (repeatable);
                   the page can read no other folder`;

export interface ServeOptions {
  dataDir: string;
  port: number;
  modelDir: string | undefined;
  /** Folders the page may import from (absolute). */
  folders: string[];
}

/** Reads the command line; throws an Error whose message says what is wrong. */
export function parseServeArgs(argv: readonly string[]): ServeOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'model-dir': { type: 'string' },
      folder: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const portText = values.port ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got "${portText}"`);
  return {
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
    port,
    modelDir: values['model-dir'] === undefined ? undefined : path.resolve(values['model-dir']),
    folders: [...new Set((values.folder ?? []).map((folder) => path.resolve(folder)))],
  };
}

const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer');

async function main(): Promise<void> {
  let options: ServeOptions | 'help';
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`facet serve: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.warn(`facet serve: the renderer is not built (${rendererDir} has no index.html); run "npm run build:renderer" first.`);
  }

  for (const folder of options.folders) {
    if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--folder ${folder}: no such folder`);
  }
  console.log(`Opening the library in ${options.dataDir} …`);
  const core = await openFacet({ dataDir: options.dataDir, modelDir: options.modelDir, warmSimilarity: true });
  let bridge;
  try {
    bridge = await startBridge({ core, port: options.port, staticDir: rendererDir });
  } catch (error) {
    await core.close();
    throw error;
  }
  for (const folder of options.folders) bridge.grants.issue({ path: folder, kind: 'folder', access: 'read' });
  const model = await core.handlers['model.info']({});

  console.log(
    [
      '',
      'Facet is running in browser mode.',
      `  Library: ${options.dataDir}`,
      `  Model:   ${model.name}${model.provisional ? ' (provisional)' : ''}`,
      ...options.folders.map((folder) => `  Folder the page may import: ${folder}`),
      '',
      '  Open this address in your browser (it carries this run\'s access token):',
      '',
      `    ${bridge.url}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`facet serve: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping …`);
    void (async () => {
      try {
        await bridge.close();
        await core.close();
        console.log('Stopped.');
        process.exit(0);
      } catch (error) {
        console.error(`facet serve: shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs browser mode with this process's arguments; a failure is printed and ends the process. */
export function runServe(): void {
  main().catch((error: unknown) => {
    console.error(`facet serve: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

// Run only as the entry point (tests import parseServeArgs; bin/facet-serve.mjs calls runServe).
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runServe();
