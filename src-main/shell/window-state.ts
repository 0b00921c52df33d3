/**
 * The main window's size and position, remembered across launches in `window-state.json` in the
 * app's own folder (Electron's userData). The file is validated on read; a missing or broken file
 * gives the default size. Before use the bounds are fitted to the screens present now, so a window
 * saved on a monitor that has since been unplugged comes back on a visible one.
 */
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../core/util/atomic-file.ts';
import { readStateFile } from './json-state-file.ts';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent until the window has been placed once; the OS then picks the position. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

/** How much of the window (px, each way) must lie on a screen for the saved position to be kept. */
const MIN_VISIBLE = 100;
const MAX_COORDINATE = 100_000;

const size = z.number().min(1).max(MAX_COORDINATE);
const coordinate = z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE);

/** Finite sizes and coordinates in range (zod's numbers exclude NaN and infinities), x and y both or neither. */
const windowStateSchema = z
  .object({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: size,
    height: size,
    maximized: z.unknown().optional().transform((value) => value === true),
  })
  .refine((state) => (state.x === undefined) === (state.y === undefined))
  .transform((state): WindowState => {
    const rounded: WindowState = { width: Math.round(state.width), height: Math.round(state.height), maximized: state.maximized };
    if (state.x !== undefined && state.y !== undefined) {
      rounded.x = Math.round(state.x);
      rounded.y = Math.round(state.y);
    }
    return rounded;
  });

/** Validates parsed JSON. Returns null (and the caller uses the default) for anything malformed. */
export function parseWindowState(value: unknown): WindowState | null {
  const result = windowStateSchema.safeParse(value);
  return result.success ? result.data : null;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Fits a saved state to the current screens' work areas (the first one is the primary screen).
 * The size is clamped to the screen the window lands on; a position that leaves less than
 * MIN_VISIBLE px on every screen is dropped, and the window is centred on the primary screen.
 */
export function fitWindowState(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  const primary = workAreas[0];
  if (primary === undefined) return { ...state };
  const clampSize = (area: Rectangle) => ({
    width: Math.max(Math.min(state.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width)),
    height: Math.max(Math.min(state.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height)),
  });
  if (state.x !== undefined && state.y !== undefined) {
    const saved: Rectangle = { x: state.x, y: state.y, width: state.width, height: state.height };
    const host = workAreas.find((area) => {
      const shared = overlap(saved, area);
      return shared.width >= Math.min(MIN_VISIBLE, saved.width) && shared.height >= Math.min(MIN_VISIBLE, saved.height);
    });
    if (host !== undefined) {
      const size = clampSize(host);
      // Keep the title bar reachable: never above the work area or past its edges.
      const x = Math.min(Math.max(state.x, host.x), host.x + host.width - size.width);
      const y = Math.min(Math.max(state.y, host.y), host.y + host.height - size.height);
      return { x, y, ...size, maximized: state.maximized };
    }
  }
  const size = clampSize(primary);
  return {
    x: primary.x + Math.round((primary.width - size.width) / 2),
    y: primary.y + Math.round((primary.height - size.height) / 2),
    ...size,
    maximized: state.maximized,
  };
}

export interface WindowStateRead {
  state: WindowState;
  /** Why the saved file was not used, when it existed but was unreadable or invalid. */
  problem: string | null;
}

export function readWindowState(dir: string): WindowStateRead {
  const read = readStateFile(path.join(dir, WINDOW_STATE_FILE), windowStateSchema, 'not a window state; using the default size');
  return { state: read.value ?? { ...DEFAULT_WINDOW_STATE }, problem: read.problem };
}

/** Writes atomically (temp file + rename) so a crash mid-write never leaves a half file. */
export function writeWindowState(dir: string, state: WindowState): void {
  writeJsonAtomic(path.join(dir, WINDOW_STATE_FILE), state, { pretty: true });
}

/** The window calls this on move/resize/maximize; it saves at most once per `delayMs`. */
export function createDebouncedSaver(save: () => void, delayMs = 500): { schedule(): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        save();
      }, delayMs);
    },
    flush() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      save();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
