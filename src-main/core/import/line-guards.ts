/**
 * Guards on the line stream between decoding and the format parsers: NUL characters are dropped
 * (with a warning naming the line) so a stray one neither rejects the file nor ends up in a
 * field, and lines are joined from their pieces only up to a limit, so one giant line cannot take
 * the memory of the whole file (the JSON scanner reads pieces directly and needs no joining).
 *
 * The guards run inside the parser's pull loop, so they cannot yield problems themselves; they
 * leave them in a ProblemQueue that readSource empties between the items it hands on.
 */
import type { ImportProblem } from '../../common/contract.ts';
import type { SourceLine } from './decode.ts';

export class ProblemQueue {
  private items: ImportProblem[] = [];

  push(problem: ImportProblem): void {
    this.items.push(problem);
  }

  /** The problems queued so far, oldest first; the queue is empty afterwards. */
  drain(): ImportProblem[] {
    const drained = this.items;
    this.items = [];
    return drained;
  }
}

/** Lines with NULs named one by one before the rest are counted in one closing warning. */
const NUL_LINES_NAMED = 10;

/** Drops NUL characters, warning once for each line that held any. */
export async function* withoutNul(lines: AsyncIterable<SourceLine>, source: string, problems: ProblemQueue): AsyncGenerator<SourceLine> {
  let lastLineWithNul = 0;
  let namedLines = 0;
  let unnamedLines = 0;
  for await (const piece of lines) {
    if (!piece.text.includes('\u0000')) {
      yield piece;
      continue;
    }
    if (piece.line !== lastLineWithNul) {
      lastLineWithNul = piece.line;
      if (namedLines < NUL_LINES_NAMED) {
        namedLines++;
        problems.push({ source, line: piece.line, record: null, severity: 'warning', message: `line ${piece.line} holds NUL characters (a damaged or binary part of the file); they were removed` });
      } else unnamedLines++;
    }
    yield { ...piece, text: piece.text.replaceAll('\u0000', '') };
  }
  if (unnamedLines > 0) {
    problems.push({ source, line: null, record: null, severity: 'warning', message: `NUL characters were also removed from ${unnamedLines} more line${unnamedLines === 1 ? '' : 's'}` });
  }
}

/**
 * Joins the pieces of each line. A line longer than `maxChars` is not joined past the limit: its
 * pieces are dropped, an error naming the line and the limit is queued, and an empty line keeps
 * the numbering of what follows.
 */
export async function* wholeLines(lines: AsyncIterable<SourceLine>, maxChars: number, source: string, problems: ProblemQueue): AsyncGenerator<SourceLine> {
  let parts: string[] = [];
  let chars = 0;
  let overLimit = false;
  for await (const piece of lines) {
    if (!piece.more && parts.length === 0 && !overLimit) {
      yield piece;
      continue;
    }
    if (!overLimit) {
      parts.push(piece.text);
      chars += piece.text.length;
      if (chars > maxChars) {
        overLimit = true;
        parts = [];
      }
    }
    if (piece.more) continue;
    if (overLimit) {
      problems.push({ source, line: piece.line, record: null, severity: 'error', message: `line ${piece.line} is longer than ${formatChars(maxChars)}, the most Facet reads as one line; the line was skipped` });
      yield { text: '', line: piece.line };
    } else {
      yield { text: parts.join(''), line: piece.line };
    }
    parts = [];
    chars = 0;
    overLimit = false;
  }
}

function formatChars(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round(chars / (1024 * 1024))} MiB` : `${chars} characters`;
}
