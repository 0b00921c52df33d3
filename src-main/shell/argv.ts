/**
 * The desktop app's command line: `Facet [--data-dir <folder>] [file …]`.
 *
 * Electron's argv starts with the executable. Run unpackaged (`electron .`; Electron sets
 * process.defaultApp then), the first argument that is not a switch is the app path, possibly after
 * switches for Electron itself (`electron --inspect=0 . refs.bib`, as Playwright launches it).
 * Chromium and macOS add switches of their own (`--original-process-start-time=…`, `-psn_0_…`), so
 * any other argument starting with "-" is ignored rather than taken for a file.
 */

export interface ShellArgs {
  /** The library folder given with --data-dir, or null to use the saved/default one. */
  dataDir: string | null;
  /** Files to import, as given (relative paths are resolved later against the launch folder). */
  files: string[];
  /** Problems with the arguments, in words, e.g. "--data-dir needs a folder". */
  problems: string[];
}

export interface ArgvOptions {
  /** process.defaultApp: true when Electron runs an unpackaged app, whose path is then in argv. */
  defaultApp: boolean;
}

export function parseShellArgs(argv: readonly string[], options: ArgvOptions): ShellArgs {
  const args = argv.slice(1);
  const result: ShellArgs = { dataDir: null, files: [], problems: [] };
  let onlyFiles = false;
  let appPathPending = options.defaultApp;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (onlyFiles) {
      result.files.push(arg);
    } else if (arg === '--') {
      onlyFiles = true;
    } else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      let value: string | undefined;
      if (arg === '--data-dir') {
        value = args[index + 1];
        if (value !== undefined && !value.startsWith('-')) index += 1;
        else value = undefined;
      } else {
        value = arg.slice('--data-dir='.length);
      }
      if (value === undefined || value.trim() === '') result.problems.push('--data-dir needs a folder, e.g. --data-dir ~/Papers/facet');
      else result.dataDir = value;
    } else if (arg.startsWith('-')) {
      continue;
    } else if (appPathPending) {
      appPathPending = false;
    } else if (arg !== '') {
      result.files.push(arg);
    }
  }
  return result;
}

/**
 * What a second launch sends to the running instance through requestSingleInstanceLock (a type
 * alias, not an interface, so it fits Electron's Record-typed additionalData).
 */
export type SecondInstanceData = {
  cwd: string;
  files: string[];
};

export function secondInstanceData(cwd: string, files: readonly string[]): SecondInstanceData {
  return { cwd, files: [...files] };
}

/**
 * Reads the additionalData of a 'second-instance' event. Returns null when it is not ours (an
 * older build, or another user's launch), so the caller can fall back to parsing argv.
 */
export function parseSecondInstanceData(value: unknown): SecondInstanceData | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.cwd !== 'string' || !Array.isArray(record.files)) return null;
  if (!record.files.every((file): file is string => typeof file === 'string')) return null;
  return { cwd: record.cwd, files: record.files };
}
