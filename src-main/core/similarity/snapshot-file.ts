/**
 * A binary file replaced atomically: the bytes go to a temporary file in the same folder, are
 * flushed to disk, then renamed over the old file. A process killed at any point leaves the old
 * file or the new one whole (and perhaps a temporary file, which readers never look at and the
 * next writer removes once it is old).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A temporary file this old belongs to a writer that died: no live write takes this long. */
const STALE_TEMP_MS = 10 * 60_000;

function tempPrefix(file: string): string {
  return `${path.basename(file)}.tmp-`;
}

export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  removeStaleTemps(file);
  const temporary = path.join(dir, `${tempPrefix(file)}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await fs.promises.open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, file);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The file's bytes, or null when it does not exist or cannot be read. */
export async function readFileOrNull(file: string): Promise<Uint8Array | null> {
  try {
    return await fs.promises.readFile(file);
  } catch {
    return null;
  }
}

function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const prefix = tempPrefix(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(dir, name);
    try {
      if (now - fs.statSync(full).mtimeMs > STALE_TEMP_MS) fs.rmSync(full, { force: true });
    } catch {
      // Gone already, or not ours to remove: the next writer tries again.
    }
  }
}
