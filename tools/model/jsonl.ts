/** Streams the JSON objects of a (optionally gzipped) JSONL file, with the line number for error messages. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export async function* readJsonl(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      throw new Error(`${file}:${line}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
}
