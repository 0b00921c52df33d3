/** A small flag parser for the benchmark CLIs: --name value, --name=value and bare --flag. */

export interface ParsedFlags {
  values: Map<string, string>;
  flags: Set<string>;
}

export function parseFlags(argv: readonly string[], known: { values: readonly string[]; flags: readonly string[] }): ParsedFlags {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (flags start with --)`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.flags.includes(name)) {
      if (inline !== undefined) throw new Error(`--${name} takes no value`);
      flags.add(name);
    } else if (known.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      values.set(name, value);
    } else {
      const all = [...known.flags, ...known.values].map((f) => `--${f}`).join(', ');
      throw new Error(`unknown flag --${name} (known: ${all})`);
    }
  }
  return { values, flags };
}

/** Splits a comma list and checks each item against the allowed names. */
export function parseList<T extends string>(raw: string, allowed: readonly T[], what: string): T[] {
  const items = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new Error(`unknown ${what} "${item}" (choose from ${allowed.join(', ')})`);
    }
  }
  if (items.length === 0) throw new Error(`no ${what} given`);
  return items as T[];
}
