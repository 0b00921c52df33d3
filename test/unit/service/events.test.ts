import { describe, expect, it } from 'vitest';
import { FacetEventEmitter } from '../../../src-main/core/service/events.ts';
import { SerialQueue } from '../../../src-main/core/service/serial-queue.ts';

describe('FacetEventEmitter', () => {
  it('delivers payloads to the listeners of that event until they unsubscribe', () => {
    const events = new FacetEventEmitter();
    const seen: number[] = [];
    const off = events.on('library.onDidChange', (p) => seen.push(p.papers));
    events.on('embed.onDidProgress', () => seen.push(-1));
    events.emit('library.onDidChange', { papers: 3 });
    off();
    events.emit('library.onDidChange', { papers: 4 });
    expect(seen).toEqual([3]);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in order and keeps going after a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => {
          log.push(name);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms),
      );
    const a = queue.run(task('a', 30));
    const b = queue.run(task('b', 1, true));
    const c = queue.run(task('c', 1));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    await queue.idle();
    expect(log).toEqual(['a', 'b', 'c']);
  });
});
