/**
 * Browser mode's FileOpener: the server runs on the person's own machine, so it hands a file to
 * the program the desktop uses for it (xdg-open on Linux, open on macOS, start on Windows), as
 * Electron's shell.openPath does in the app. The command is started detached and not waited for.
 */
import { spawn } from 'node:child_process';
import { FacetError } from '../common/contract.ts';
import type { FileOpener } from '../core/service/paper-file.ts';

/** The command and arguments that open `file` with the desktop's default program on `platform`. */
export function openCommand(file: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [file] };
  // start's first quoted argument is a window title; the empty one keeps a quoted path a path.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', file] };
  return { command: 'xdg-open', args: [file] };
}

export const openWithSystem: FileOpener = (file) =>
  new Promise((resolve, reject) => {
    const { command, args } = openCommand(file);
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', (error) => reject(new FacetError('INTERNAL', `could not open ${file}: ${command} is not available (${error.message})`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
