/**
 * What the window was showing, kept in the browser's local storage so a reload (or the desktop
 * app's next start) comes back to it. Storage can be missing or full (private windows, quotas):
 * then nothing is kept and nothing fails.
 */
const DIGEST_KEY = 'facet.digest-view';

export interface SavedDigestView {
  ids: string[];
  sources: string[];
  /** Papers already read or dismissed are shown too. */
  includeSeen: boolean;
  /** True while the digest is the view on screen. */
  open: boolean;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadDigestView(): SavedDigestView | null {
  try {
    const raw = storage()?.getItem(DIGEST_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<SavedDigestView>;
    const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
    if (!strings(parsed.ids) || parsed.ids.length === 0 || !strings(parsed.sources)) return null;
    return { ids: parsed.ids, sources: parsed.sources, includeSeen: parsed.includeSeen === true, open: parsed.open === true };
  } catch {
    return null;
  }
}

export function saveDigestView(view: SavedDigestView | null): void {
  try {
    const store = storage();
    if (view === null) store?.removeItem(DIGEST_KEY);
    else store?.setItem(DIGEST_KEY, JSON.stringify(view));
  } catch {
    // A full or blocked storage only means the view is not restored after a reload.
  }
}
