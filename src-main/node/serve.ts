/**
 * Browser mode: `npm run serve -- [--data-dir DIR] [--port N] [--model-dir DIR]`.
 *
 * Opens the core, starts the local bridge on 127.0.0.1 and prints the address to open, which
 * carries this run's access token. Ctrl+C (SIGINT) or SIGTERM closes the bridge and the core cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/data-dir.ts';
import { openFacet } from '../core/service.ts';
import { startBridge } from './bridge/index.ts';

const USAGE = `Usage: npm run serve -- [--data-dir DIR] [--port N] [--model-dir DIR]

  --data-dir DIR   library folder (default: ${defaultDataDir()}, shared with the desktop app)
  --port N         port on 127.0.0.1 (default: 0 = any free port)
  --model-dir DIR  aspect model folder (default: the model under resources/models)`;

export interface ServeOptions {
  dataDir: string;
  port: number;
  modelDir: string | undefined;
}

/** Reads the command line; throws an Error whose message says what is wrong. */
export function parseServeArgs(argv: readonly string[]): ServeOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'model-dir': { type: 'string' },
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

  console.log(`Opening the library in ${options.dataDir} …`);
  const core = await openFacet({ dataDir: options.dataDir, modelDir: options.modelDir, warmSimilarity: true });
  let bridge;
  try {
    bridge = await startBridge({ core, port: options.port, staticDir: rendererDir });
  } catch (error) {
    await core.close();
    throw error;
  }
  const model = await core.handlers['model.info']({});

  console.log(
    [
      '',
      'Facet is running in browser mode.',
      `  Library: ${options.dataDir}`,
      `  Model:   ${model.name}${model.provisional ? ' (provisional)' : ''}`,
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

// Run only as the entry point (tests import parseServeArgs).
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`facet serve: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
