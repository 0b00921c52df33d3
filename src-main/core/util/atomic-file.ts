/**
 * Small JSON state files (checkpoints, sync state) written atomically: the new content goes to a
 * temporary file in the same folder, is flushed, then renamed over the old one. A crash leaves
 * either the old file or the new one, never half of one.
 */
import fs from 'node:fs';
import path from 'node:path';

export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(value));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/**
 * The parsed JSON of a state file, or null when it does not exist. A file that is not valid JSON
 * throws with the file named: a state file someone edited by hand should not be silently reset.
 */
export function readJsonOrNull(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`state file ${file} is not valid JSON (${(error as Error).message}); delete it to start over`);
  }
}
