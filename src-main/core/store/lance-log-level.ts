/**
 * Quiets LanceDB's native logger before it loads. Import this module before `@lancedb/lancedb`.
 *
 * Why: the native module reads LANCEDB_LOG once, when it loads, and by default prints routine
 * notices at WARN on stderr, e.g. "No existing dataset at … it will be created" on every first
 * start. Those are not problems and a person cannot act on them. Errors still print.
 *
 * Promise: unless the person set LANCEDB_LOG (to see more, e.g. `LANCEDB_LOG=debug`), it is "error".
 */
export const LANCEDB_LOG_ENV = 'LANCEDB_LOG';
export const QUIET_LANCEDB_LOG = 'error';

/** Sets LANCEDB_LOG in `env` when unset or empty; returns the value in effect. */
export function ensureQuietLanceLog(env: NodeJS.ProcessEnv): string {
  const current = env[LANCEDB_LOG_ENV];
  if (current !== undefined && current.trim() !== '') return current;
  env[LANCEDB_LOG_ENV] = QUIET_LANCEDB_LOG;
  return QUIET_LANCEDB_LOG;
}

ensureQuietLanceLog(process.env);
