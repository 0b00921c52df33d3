/** Streams the lines of a (gzipped when the name ends in .gz) JSON Lines file as parsed objects. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export async function* readJsonl(path: string): AsyncGenerator<{ line: number; value: unknown }> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path}:${line}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    yield { line, value };
  }
}
