import { describe, expect, it } from 'vitest';
import { scanJsonValues, type ScannedValue } from '../../../src-main/core/import/json-scan.ts';

async function scan(text: string): Promise<ScannedValue[]> {
  async function* lines() {
    let line = 0;
    for (const part of text.split('\n')) yield { text: part, line: ++line };
  }
  const values: ScannedValue[] = [];
  for await (const value of scanJsonValues(lines())) values.push(value);
  return values;
}

describe('scanJsonValues', () => {
  it('yields each array element with its start line, whatever the strings contain', async () => {
    const text = [
      '[',
      '  {"a": "brackets ] } [ { in a string", "b": [1, [2, 3]]},',
      '  {"c": "escaped \\" quote and \\\\", "d": {"e":',
      '  "next line"}}, {"f": 1}',
      ']',
    ].join('\n');
    const values = await scan(text);
    expect(values.map((value) => (value.kind === 'value' ? [value.line, JSON.parse(value.text)] : value))).toEqual([
      [2, { a: 'brackets ] } [ { in a string', b: [1, [2, 3]] }],
      [3, { c: 'escaped " quote and \\', d: { e: 'next line' } }],
      [4, { f: 1 }],
    ]);
  });

  it('yields bare values as values (the caller rejects them) and an empty array as nothing', async () => {
    expect(await scan('[1, "two", null]')).toEqual([
      { kind: 'value', text: '1', line: 1 },
      { kind: 'value', text: '"two"', line: 1 },
      { kind: 'value', text: 'null', line: 1 },
    ]);
    expect(await scan('[\n]\n')).toEqual([]);
  });

  it('reads concatenated top-level objects', async () => {
    const values = await scan('{"a": 1}\n\n{"b":\n 2}\n');
    expect(values).toEqual([
      { kind: 'value', text: '{"a": 1}', line: 1 },
      { kind: 'value', text: '{"b":\n 2}', line: 3 },
    ]);
  });

  it('reports text after the array and an array left open', async () => {
    expect(await scan('[{"a": 1}] trailing')).toEqual([
      { kind: 'value', text: '{"a": 1}', line: 1 },
      { kind: 'error', line: 1, message: 'unexpected "t" after the end of the JSON array' },
    ]);
    expect(await scan('[{"a": 1},\n')).toEqual([
      { kind: 'value', text: '{"a": 1}', line: 1 },
      { kind: 'error', line: 2, message: 'the JSON array is not closed ("]" missing at the end of the file)' },
    ]);
  });
});
