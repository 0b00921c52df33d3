/**
 * Streams the elements of a JSON array (or a run of top-level JSON values) one at a time, with the
 * line each starts on, without building the whole document. It tracks only string and bracket
 * state; each element's text is then parsed on its own with JSON.parse.
 */
import type { SourceLine } from './decode.ts';

export type ScannedValue =
  | { kind: 'value'; text: string; line: number }
  | { kind: 'error'; line: number; message: string };

/**
 * One element larger than this is reported and ends the scan, so memory stays bounded; no sane
 * record comes near it (each field is cut far below it later, see field-limits.ts).
 */
export const MAX_ELEMENT_CHARS = 16 * 1024 * 1024;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}

/**
 * Yields each element of a top-level array; if the document does not start with "[", yields each
 * top-level value instead (concatenated objects). Structural problems come back as errors.
 */
export async function* scanJsonValues(lines: AsyncIterable<SourceLine>): AsyncGenerator<ScannedValue> {
  /** Depth of the top-level container the elements live in: 1 inside "[", 0 otherwise. */
  let baseDepth: 0 | 1 | null = null;
  let arrayClosed = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let partStart = -1;
  let elementChars = 0;
  let elementLine = 0;
  let lastLine = 0;
  let inElement = false;

  for await (const { text: lineText, line, more } of lines) {
    lastLine = line;
    // A piece of a long line (decode.ts) continues in the next piece: no line break after it.
    const text = more ? lineText : lineText + '\n';
    partStart = inElement ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (code === BACKSLASH) escaped = true;
        else if (code === QUOTE) {
          inString = false;
          if (inElement && depth === baseDepth) {
            // a string element at the top level ends here
            parts.push(text.slice(partStart, i + 1));
            yield* emit();
          }
        }
        continue;
      }
      if (baseDepth === null) {
        if (isSpace(code)) continue;
        baseDepth = code === OPEN_BRACKET ? 1 : 0;
        if (baseDepth === 1) {
          depth = 1;
          continue;
        }
      }
      if (!inElement) {
        if (isSpace(code) || (code === COMMA && depth === baseDepth && baseDepth === 1)) continue;
        if (code === CLOSE_BRACKET && baseDepth === 1 && depth === 1) {
          depth = 0;
          arrayClosed = true;
          continue;
        }
        if (arrayClosed || depth !== baseDepth) {
          yield { kind: 'error', line, message: `unexpected "${text[i]}" after the end of the JSON array` };
          return;
        }
        inElement = true;
        elementLine = line;
        partStart = i;
      }
      if (code === QUOTE) {
        inString = true;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        depth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === baseDepth) {
          parts.push(text.slice(partStart, i + 1));
          yield* emit();
        } else if (depth < baseDepth) {
          // "]" closing the top-level array right after a bare value (number, true, ...)
          parts.push(text.slice(partStart, i));
          yield* emit();
          depth = 0;
          arrayClosed = true;
        }
      } else if (code === COMMA && depth === baseDepth) {
        parts.push(text.slice(partStart, i)); // end of a bare value
        yield* emit();
      }
    }
    if (inElement) {
      parts.push(text.slice(partStart));
      elementChars += text.length - partStart;
      if (elementChars > MAX_ELEMENT_CHARS) {
        yield { kind: 'error', line: elementLine, message: `the JSON value starting at line ${elementLine} is over ${MAX_ELEMENT_CHARS / (1024 * 1024)} MiB; reading stopped there` };
        return;
      }
    }
  }
  if (inElement) {
    const trailing = parts.join('').trim();
    if (baseDepth === 0 && depth === 0 && trailing) {
      yield { kind: 'value', text: trailing, line: elementLine };
    } else {
      yield { kind: 'error', line: elementLine, message: `the JSON value starting at line ${elementLine} is not closed by the end of the file (line ${lastLine})` };
    }
  } else if (baseDepth === 1 && !arrayClosed) {
    yield { kind: 'error', line: lastLine, message: 'the JSON array is not closed ("]" missing at the end of the file)' };
  }

  function* emit(): Generator<ScannedValue> {
    yield { kind: 'value', text: parts.join(''), line: elementLine };
    parts = [];
    elementChars = 0;
    inElement = false;
    partStart = -1;
  }
}
