/** The option parsing every `facet <command>` shares: strict flags, common options, arity checks. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommonOptions } from './args.ts';
import { UsageError } from './usage-error.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  common: CommonOptions;
  /** Throws a UsageError unless exactly `count` positional arguments were given. */
  expectPositionals: (count: number, what: string) => void;
}

/** Parses the arguments after the command name; unknown flags become a UsageError naming the command. */
export function parseCommandArgs(command: string, options: Options, rest: readonly string[]): CommandArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`facet ${command}: ${(error as Error).message} (facet ${command} --help)`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  return {
    values,
    positionals,
    common: {
      dataDir: values['data-dir'] as string | undefined,
      modelDir: values['model-dir'] as string | undefined,
      json: values.json === true,
    },
    expectPositionals(count, what) {
      if (positionals.length !== count) {
        throw new UsageError(`facet ${command} takes ${what}, got ${positionals.length} argument(s) (facet ${command} --help)`);
      }
    },
  };
}
