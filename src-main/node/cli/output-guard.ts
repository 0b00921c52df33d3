/**
 * The CLI's stdout and stderr when the reader goes away: `facet stats | head -1` closes the pipe
 * after one line, and the next write fails with EPIPE. Node would throw that as an unhandled
 * 'error' event (a stack trace, exit 1). Here a closed pipe only means nobody reads the rest, so
 * later writes to that stream are dropped and the command finishes as it would have; its exit
 * status is unchanged. A command that only produces output (embed to stdout) stops instead, by
 * throwing OutputClosed, which the CLI's entry turns into a quiet exit.
 *
 * Any other write failure (a full disk behind a redirect) is said once on stderr and makes the
 * exit status 1, since the output that was asked for is incomplete.
 */

export class OutputClosed extends Error {
  constructor() {
    super('the reader of the output closed it');
    this.name = 'OutputClosed';
  }
}

/** A write to a pipe or socket whose reading end is gone (or to the stream it destroyed). */
export function isBrokenPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

export interface GuardedOutput {
  /** True once the reader has closed this stream. */
  readonly closed: boolean;
}

type WriteFn = NodeJS.WriteStream['write'];

/**
 * Installs the guard on one stream (process.stdout or process.stderr). `reportError` receives a
 * non-pipe failure once, for a message on the other stream.
 */
export function guardOutput(stream: NodeJS.WriteStream, reportError: (error: Error) => void): GuardedOutput {
  const state = { closed: false, reported: false };
  const original: WriteFn = stream.write.bind(stream);
  stream.on('error', (error: Error) => {
    if (isBrokenPipe(error)) {
      state.closed = true;
      return;
    }
    if (state.reported) return;
    state.reported = true;
    state.closed = true;
    reportError(error);
  });
  stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (!state.closed) return (original as (...args: unknown[]) => boolean)(chunk, encoding, callback);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  });
  return {
    get closed() {
      return state.closed;
    },
  };
}
