/**
 * State files (checkpoints, settings, window state, exports) written atomically: the new content
 * goes to a temporary file in the same folder, is flushed, then renamed over the old one. A crash
 * leaves either the old file or the new one, never half of one.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Writes `text` (UTF-8) to `file` whole or not at all, creating its folder when missing. */
export function writeTextAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = fs.openSync(temporary, 'w');
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

export interface JsonWriteOptions {
  /** Indented, with a final newline: for files a person may open and edit by hand. Default compact. */
  pretty?: boolean;
}

export function writeJsonAtomic(file: string, value: unknown, options: JsonWriteOptions = {}): void {
  writeTextAtomic(file, options.pretty ? `${JSON.stringify(value, null, 2)}\n` : JSON.stringify(value));
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
