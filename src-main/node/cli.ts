/**
 * The `facet` command line (run with tsx: `npm run facet -- …` or bin/facet.mjs). See
 * cli/args.ts for the commands and `facet --help` for usage.
 */
// First: ONNX Runtime telemetry off before anything can load the runtime.
import '../core/embed/ort-telemetry-off.ts';
import { parseCommand, UsageError } from './cli/args.ts';
import { isLibraryCommandName, parseLibraryCommand } from './cli/library-args.ts';
import { failureText } from './cli/failure-text.ts';
import { guardOutput, OutputClosed } from './cli/output-guard.ts';

// LanceDB's native logger prints routine notices ("No existing dataset … will be created") at
// WARN on stderr; the CLI keeps stderr for its own progress and problems. It reads the level once,
// when the native module loads, so it is set before the core is imported (below, dynamically).
process.env.LANCEDB_LOG ??= 'error';

/** Installs the broken-pipe guards on stdout and stderr (see cli/output-guard.ts). */
export function guardStdio(): void {
  const writeFailed = (stream: string) => (error: Error) => {
    process.exitCode = 1;
    if (stream === 'stdout') process.stderr.write(`facet: cannot write the output to stdout: ${error.message}\n`);
  };
  guardOutput(process.stdout, writeFailed('stdout'));
  guardOutput(process.stderr, writeFailed('stderr'));
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    if (argv[0] === 'settings') {
      const { parseSettingsCommand, runSettingsCommand } = await import('./cli/settings-command.ts');
      return runSettingsCommand(parseSettingsCommand(argv.slice(1)), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    if (isLibraryCommandName(argv[0])) {
      const { runLibraryCommand } = await import('./cli/library-commands.ts');
      return await runLibraryCommand(parseLibraryCommand(argv), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    const command = parseCommand(argv);
    const { runCommand } = await import('./cli/commands.ts');
    return await runCommand(command, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    if (error instanceof OutputClosed) return 0;
    if (error instanceof UsageError) {
      process.stderr.write(`facet: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`facet: ${failureText(error, process.env.FACET_DEBUG === '1')}\n`);
    return 1;
  }
}

guardStdio();
const status = await main(process.argv.slice(2));
// A write failure the guard reported has set exit status 1 already; keep it.
process.exitCode = process.exitCode === 1 ? 1 : status;

