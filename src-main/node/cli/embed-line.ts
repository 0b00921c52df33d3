/**
 * One output line of `facet embed`: {"id":…,"vectors":{"generic":[…],"task":[…],"method":[…],"dataset":[…]}}.
 *
 * The vectors are float32, so each component is printed with 9 significant digits, the fewest
 * that read back to the same float32 in every case (printing the float64 widening with up to 17
 * digits made lines about a third longer for no information). JSON.parse of a component followed
 * by Math.fround (or a Float32Array store) gives back the exact bits.
 *
 * Lines are built as UTF-8 bytes (float32-json.ts writes the numbers straight into the buffer):
 * a batch of lines becomes one Buffer, written to the output in one call.
 */
import { ASPECTS } from '../../common/contract.ts';
import type { AspectVectors } from '../../core/types.ts';
import { FLOAT32_TEXT_MAX_BYTES, writeFloat32 } from './float32-json.ts';

export { FLOAT32_DIGITS, float32Text } from './float32-json.ts';

export interface EmbedLineInput {
  id: string;
  vectors: AspectVectors;
}

const LINE_START = '{"id":';
const VECTORS_START = ',"vectors":{';
const LINE_END = '}}\n';
/** `"generic":[`, `,"task":[`, …: the text before each aspect's numbers. */
const ASPECT_STARTS = ASPECTS.map((aspect, i) => `${i === 0 ? '' : ','}${JSON.stringify(aspect)}:[`);
const COMMA = 44;
const CLOSE_BRACKET = 93;

/** The most bytes a line can take: every component at its longest, plus a comma after it. */
function lineBound(idJson: string, vectors: AspectVectors): number {
  let bytes = LINE_START.length + Buffer.byteLength(idJson) + VECTORS_START.length + LINE_END.length;
  ASPECTS.forEach((aspect, i) => {
    bytes += ASPECT_STARTS[i]!.length + 1 + vectors[aspect].length * (FLOAT32_TEXT_MAX_BYTES + 1);
  });
  return bytes;
}

/** The lines for these papers, newline included on each, as UTF-8. */
export function encodeEmbedLines(papers: readonly EmbedLineInput[]): Buffer {
  const ids = papers.map((paper) => JSON.stringify(paper.id));
  const bound = papers.reduce((sum, paper, i) => sum + lineBound(ids[i]!, paper.vectors), 0);
  const out = Buffer.allocUnsafe(bound);
  let pos = 0;
  papers.forEach((paper, i) => {
    pos += out.write(LINE_START, pos, 'latin1');
    pos += out.write(ids[i]!, pos, 'utf8');
    pos += out.write(VECTORS_START, pos, 'latin1');
    ASPECTS.forEach((aspect, a) => {
      pos += out.write(ASPECT_STARTS[a]!, pos, 'latin1');
      const vector = paper.vectors[aspect];
      for (let c = 0; c < vector.length; c++) {
        if (c > 0) out[pos++] = COMMA;
        pos = writeFloat32(vector[c]!, out, pos);
      }
      out[pos++] = CLOSE_BRACKET;
    });
    pos += out.write(LINE_END, pos, 'latin1');
  });
  return out.subarray(0, pos);
}

/** The line for one paper, newline included. */
export function embedLine(id: string, vectors: AspectVectors): string {
  return encodeEmbedLines([{ id, vectors }]).toString('utf8');
}
