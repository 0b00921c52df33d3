import { describe, expect, it } from 'vitest';
import { applyLine, compareStamps, decodeLine, encodeLine, entryLineFor, toReadingState } from '../../../src-main/core/reading/records.ts';
import type { JournalLine, PaperRecord } from '../../../src-main/core/reading/records.ts';

function seededShuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('journal records', () => {
  const lines: JournalLine[] = [
    { v: 1, t: 'edit', id: 'p', at: 10, by: 'a', seq: 1, set: { status: 'to-read', note: 'a1' } },
    { v: 1, t: 'edit', id: 'p', at: 20, by: 'b', seq: 1, set: { note: 'b1', rating: 2 } },
    { v: 1, t: 'edit', id: 'p', at: 20, by: 'a', seq: 2, set: { rating: 4 } },
    { v: 1, t: 'edit', id: 'p', at: 30, by: 'a', seq: 3, set: { status: 'read' } },
    { v: 1, t: 'edit', id: 'q', at: 15, by: 'b', seq: 2, set: { tags: ['x'] } },
  ];

  it('merges per field by the greatest stamp, whatever the order the lines arrive in', () => {
    const expected = { status: 'read', note: 'b1', rating: 2, tags: [] };
    for (let seed = 1; seed <= 20; seed++) {
      const records = new Map<string, PaperRecord>();
      for (const line of seededShuffle(lines, seed)) applyLine(records, line);
      expect(toReadingState(records.get('p')!)).toMatchObject(expected);
      expect(toReadingState(records.get('p')!).createdAt).toBe(new Date(10).toISOString());
    }
  });

  it('compacted entry lines replay to the same state', () => {
    const records = new Map<string, PaperRecord>();
    for (const line of lines) applyLine(records, line);
    const replayed = new Map<string, PaperRecord>();
    for (const record of records.values()) applyLine(replayed, decodeLine(encodeLine(entryLineFor(record)).trim()));
    expect(toReadingState(replayed.get('p')!)).toEqual(toReadingState(records.get('p')!));
    expect(toReadingState(replayed.get('q')!)).toEqual(toReadingState(records.get('q')!));
  });

  it('orders stamps by time, then writer, then sequence', () => {
    expect(compareStamps({ at: 1, by: 'z', seq: 9 }, { at: 2, by: 'a', seq: 0 })).toBe(-1);
    expect(compareStamps({ at: 2, by: 'b', seq: 0 }, { at: 2, by: 'a', seq: 9 })).toBe(1);
    expect(compareStamps({ at: 2, by: 'a', seq: 3 }, { at: 2, by: 'a', seq: 3 })).toBe(0);
  });

  it('rejects lines from another version or with bad values, saying why', () => {
    expect(() => decodeLine('{"v":2,"t":"edit","id":"p","at":1,"by":"a","seq":1,"set":{}}')).toThrow(/v:/);
    expect(() => decodeLine('{"v":1,"t":"edit","id":"p","at":1,"by":"a","seq":1,"set":{"status":"done"}}')).toThrow(/set\.status/);
    expect(() => decodeLine('{"v":1,"t":"edit","id":"p","at":1,"by":"a","seq":1,')).toThrow(/not JSON/);
  });
});
