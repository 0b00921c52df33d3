/**
 * Reads one of the shell's small JSON files (settings, window state), validated by a zod schema.
 * A missing file gives null quietly; an unreadable, unparsable or invalid one gives null and a
 * problem naming the file, so the caller falls back to its default and can say why.
 */
import fs from 'node:fs';
import type { z } from 'zod';

export interface StateFileRead<T> {
  value: T | null;
  problem: string | null;
}

/** `invalid` is the problem reported when the JSON parses but does not fit `schema`. */
export function readStateFile<S extends z.ZodType>(file: string, schema: S, invalid: string): StateFileRead<z.output<S>> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: null, problem: null };
    return { value: null, problem: `${file}: ${(error as Error).message}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { value: null, problem: `${file}: not valid JSON (${(error as Error).message})` };
  }
  const result = schema.safeParse(parsed);
  return result.success ? { value: result.data, problem: null } : { value: null, problem: `${file}: ${invalid}` };
}
