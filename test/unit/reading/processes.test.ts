/**
 * The reading journal under real processes: two writers racing on the same papers, a writer
 * killed with SIGKILL in the middle of saving large notes, and another process compacting the
 * journal under a long-running one (the CLI beside the app).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadingStore, JOURNAL_FILE, READING_DIR } from '../../../src-main/core/reading/index.ts';
import { compareStamps, decodeHeader, decodeLine } from '../../../src-main/core/reading/records.ts';
import type { Stamp } from '../../../src-main/core/reading/records.ts';

function toStamp([at, by, seq]: [number, string, number]): Stamp {
  return { at, by, seq };
}

const writerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'writer.ts');
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-reading-proc-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startWriter(writerId: string, mode: string, count: number): { child: ChildProcess; acks: number[]; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir, writerId, mode, String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: number[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`writer ${writerId} exited ${code ?? signal}: ${stderr}`));
      else resolve(code);
    });
  });
  return { child, acks, done };
}

describe('reading store across processes', () => {
  it('two processes editing the same papers end in the last-write-wins state, with nothing lost', async () => {
    const count = 60;
    const one = startWriter('proc-one', 'race', count);
    const two = startWriter('proc-two', 'race', count);
    await Promise.all([one.done, two.done]);
    expect(one.acks).toHaveLength(count);
    expect(two.acks).toHaveLength(count);

    // Every note write that reached the journal, with its stamp (edit lines, or entry lines if the
    // second writer's open compacted the first writer's early edits).
    const notes: { id: string; note: string; stamp: [number, string, number] }[] = [];
    const text = fs.readFileSync(path.join(dataDir, READING_DIR, JOURNAL_FILE), 'utf8');
    for (const line of text.trim().split('\n')) {
      if (decodeHeader(line) !== null) continue;
      const decoded = decodeLine(line);
      if (decoded.t === 'edit' && decoded.set.note !== undefined) notes.push({ id: decoded.id, note: decoded.set.note, stamp: [decoded.at, decoded.by, decoded.seq] });
      if (decoded.t === 'entry' && decoded.fields.note) {
        const { value, stamp } = decoded.fields.note;
        notes.push({ id: decoded.id, note: value, stamp: [stamp.at, stamp.by, stamp.seq] });
      }
    }
    expect(notes.length).toBeGreaterThan(10);
    const store = openReadingStore(dataDir, { onWarning: () => {} });
    expect(store.warnings).toEqual([]);
    // Nothing lost: each writer's own counter reached its last edit.
    expect(store.get('own-proc-one')?.note).toBe(String(count));
    expect(store.get('own-proc-two')?.note).toBe(String(count));
    for (let p = 0; p < 5; p++) {
      const state = store.get(`p${p}`);
      expect(state).not.toBeNull();
      // The note names the writer and edit number; each writer's edits to p<p> are n ≡ p (mod 5).
      const [writer, , n] = state!.note.split(' ');
      expect(['proc-one', 'proc-two']).toContain(writer);
      expect(Number(n) % 5).toBe(p);
      // Tags and status come from the same edit as the note (all three were written together).
      expect(state!.tags).toEqual([`${writer}-${n}`]);
      expect(state!.status).toBe(Number(n) % 2 === 0 ? 'reading' : 'to-read');
      // The winner is the note with the greatest stamp among all that reached the journal.
      const winner = notes
        .filter((entry) => entry.id === `p${p}`)
        .reduce((best, entry) => (compareStamps(toStamp(entry.stamp), toStamp(best.stamp)) > 0 ? entry : best));
      expect(state!.note).toBe(winner.note);
    }
    store.close();
  }, 60_000);

  it('a process killed while saving loses at most the edit it was writing', async () => {
    const writer = startWriter('victim', 'notes', 0);
    // Let it make some edits (each a ~256 KiB line), then kill it mid-stream.
    while (writer.acks.length < 8) await new Promise((resolve) => setTimeout(resolve, 20));
    writer.child.kill('SIGKILL');
    await writer.done;
    const lastAck = writer.acks.at(-1)!;

    const warnings: string[] = [];
    const store = openReadingStore(dataDir, { onWarning: (message) => warnings.push(message) });
    const state = store.get('big');
    const n = Number(state!.note.split('#').at(-1));
    // Every acknowledged edit is durable; the one in flight may or may not have landed.
    expect(n === lastAck || n === lastAck + 1).toBe(true);
    expect(state!.rating).toBe((n % 5) + 1);
    expect(state!.note.length).toBe(128 * 1024 + 1 + String(n).length);
    // Any torn tail was reported, never fatal.
    for (const warning of warnings) expect(warning).toMatch(/torn last line/);
    // The lock the killed process may have held is taken over: edits work again.
    store.set('big', { note: 'after crash' });
    store.close();
    expect(openReadingStore(dataDir).get('big')?.note).toBe('after crash');
  }, 60_000);

  it('a long-running store sees every edit of a CLI-like process that compacts on each command', async () => {
    const app = openReadingStore(dataDir, { onWarning: () => {} });
    const external = new Set<string>();
    app.onDidChange((change) => {
      if (change.external && change.current.status === 'to-read') external.add(change.paperId);
    });
    // The app's own papers sort after the other process's (the case an inode check missed, 50 of 50).
    app.set('z-app', { status: 'read' });
    const count = 20;
    const cli = startWriter('cli', 'cli', count);
    let refreshed = 0;
    // Refresh whenever the child acknowledges a command, as the app's poll would between commands.
    while (cli.acks.length < count || refreshed < count) {
      if (refreshed < cli.acks.length) {
        refreshed = cli.acks.length;
        app.refresh();
      } else {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    await cli.done;
    app.refresh();
    const expected = Array.from({ length: count }, (_, i) => `a-cli-${String(i + 1).padStart(2, '0')}`);
    expect([...external].sort()).toEqual(expected);
    expect(app.list({ status: ['to-read'] }).map((state) => state.paperId).sort()).toEqual(expected);
    expect(app.warnings).toEqual([]);
    app.close();
  }, 60_000);
});
