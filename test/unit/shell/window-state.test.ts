import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, chooseDataDir, parseSettings, readSettings, writeSettings } from '../../../src-main/shell/settings.ts';
import {
  DEFAULT_WINDOW_STATE,
  MIN_WINDOW_SIZE,
  WINDOW_STATE_FILE,
  createDebouncedSaver,
  fitWindowState,
  parseWindowState,
  readWindowState,
  writeWindowState,
} from '../../../src-main/shell/window-state.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('parseWindowState', () => {
  it('accepts a saved state and rounds it', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 1000.6, height: 700, maximized: true })).toEqual({ x: 10, y: 20, width: 1001, height: 700, maximized: true });
    expect(parseWindowState({ width: 800, height: 600 })).toEqual({ width: 800, height: 600, maximized: false });
  });

  it('rejects malformed states', () => {
    for (const value of [null, [], 'x', {}, { width: 0, height: 600 }, { width: 'wide', height: 600 }, { width: 800, height: Number.NaN }, { width: 800, height: 600, x: 5 }, { width: 800, height: 600, x: 1e9, y: 0 }]) {
      expect(parseWindowState(value), JSON.stringify(value)).toBeNull();
    }
  });
});

describe('fitWindowState', () => {
  it('keeps a window that is on a connected screen', () => {
    expect(fitWindowState({ x: 1600, y: 100, width: 1200, height: 800, maximized: false }, [laptop, monitorRight])).toEqual({ x: 1600, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('moves a window from an unplugged screen to the centre of the primary one, shrunk to fit', () => {
    const fitted = fitWindowState({ x: 1600, y: 100, width: 2000, height: 1200, maximized: true }, [laptop]);
    expect(fitted).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: true });
    const small = fitWindowState({ x: 5000, y: 100, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(small).toEqual({ x: 220, y: 88, width: 1000, height: 700, maximized: false });
  });

  it('pulls a window that hangs off an edge back so its title bar is reachable', () => {
    expect(fitWindowState({ x: 1300, y: -50, width: 800, height: 600, maximized: false }, [laptop])).toEqual({ x: 640, y: 0, width: 800, height: 600, maximized: false });
  });

  it('centres a first-run window and never goes below the minimum size on a big screen', () => {
    expect(fitWindowState(DEFAULT_WINDOW_STATE, [monitorRight])).toEqual({ x: 1440 + 640, y: 298, width: 1280, height: 820, maximized: false });
    expect(fitWindowState({ width: 100, height: 100, maximized: false }, [laptop])).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
  });

  it('returns the state unchanged when no screen is known', () => {
    expect(fitWindowState({ width: 900, height: 600, maximized: false }, [])).toEqual({ width: 900, height: 600, maximized: false });
  });
});

describe('window state and settings files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-shell-state-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes and reads back the window state; a missing file gives the default quietly', () => {
    expect(readWindowState(dir)).toEqual({ state: DEFAULT_WINDOW_STATE, problem: null });
    writeWindowState(path.join(dir, 'nested'), { x: 5, y: 6, width: 900, height: 700, maximized: false });
    expect(readWindowState(path.join(dir, 'nested'))).toEqual({ state: { x: 5, y: 6, width: 900, height: 700, maximized: false }, problem: null });
    expect(fs.readdirSync(path.join(dir, 'nested'))).toEqual([WINDOW_STATE_FILE]);
  });

  it('names the file and the problem when the saved state is broken', () => {
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"width": 900,');
    const broken = readWindowState(dir);
    expect(broken.state).toEqual(DEFAULT_WINDOW_STATE);
    expect(broken.problem).toMatch(new RegExp(`${WINDOW_STATE_FILE}: not valid JSON`));
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"width": -3, "height": 10}');
    expect(readWindowState(dir).problem).toMatch(/not a window state/);
  });

  it('saves settings and reads them back, rejecting relative data folders', () => {
    expect(readSettings(dir)).toEqual({ settings: DEFAULT_SETTINGS, problem: null });
    const library = path.join(dir, 'library');
    writeSettings(dir, { dataDir: library });
    expect(readSettings(dir)).toEqual({ settings: { dataDir: library }, problem: null });
    expect(parseSettings({ dataDir: 'relative/dir' })).toBeNull();
    expect(parseSettings({})).toEqual({ dataDir: null });
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"dataDir": 42}');
    expect(readSettings(dir)).toMatchObject({ settings: DEFAULT_SETTINGS, problem: expect.stringMatching(/dataDir/) });
  });

  it('picks the library folder: argument, then saved setting, then the default', () => {
    const saved = { dataDir: '/saved/lib' };
    expect(chooseDataDir({ argDataDir: 'lib', cwd: '/home/me', settings: saved, defaultDir: '/def' })).toEqual({ dataDir: path.resolve('/home/me', 'lib'), source: 'argument' });
    expect(chooseDataDir({ argDataDir: null, cwd: '/home/me', settings: saved, defaultDir: '/def' })).toEqual({ dataDir: '/saved/lib', source: 'settings' });
    expect(chooseDataDir({ argDataDir: null, cwd: '/home/me', settings: DEFAULT_SETTINGS, defaultDir: '/def' })).toEqual({ dataDir: '/def', source: 'default' });
  });
});

describe('createDebouncedSaver', () => {
  it('saves once after a burst, and flush saves at once', () => {
    vi.useFakeTimers();
    try {
      let saves = 0;
      const saver = createDebouncedSaver(() => (saves += 1), 500);
      saver.schedule();
      saver.schedule();
      vi.advanceTimersByTime(499);
      expect(saves).toBe(0);
      vi.advanceTimersByTime(1);
      expect(saves).toBe(1);
      saver.schedule();
      saver.flush();
      expect(saves).toBe(2);
      vi.advanceTimersByTime(1000);
      expect(saves).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
