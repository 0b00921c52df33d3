/** A command line the CLI cannot run: the message says what was wrong and how to ask for help (exit status 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A whole number from 1 to max given as a flag's text, or a UsageError naming the flag. */
export function positiveInt(flag: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? '') || !Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(`--${flag} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}
