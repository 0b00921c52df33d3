/** Small DOM helpers shared by components (ids of elements other components focus or click). */

export const SEARCH_INPUT_ID = 'search-input';
export const IMPORT_FILE_INPUT_ID = 'import-files';

export function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

/** Opens the system file picker of the (always present) import file input. */
export function chooseImportFiles(): void {
  document.getElementById(IMPORT_FILE_INPUT_ID)?.click();
}

/** Safe external link: only http(s) URLs are ever put into an href (no javascript: or data:). */
export function safeHttpUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export const READING_TAGS_INPUT_ID = 'reading-tags-input';

/** `t`: puts the caret in the open paper's tag input (when a paper is open). */
export function focusTags(): boolean {
  const input = document.getElementById(READING_TAGS_INPUT_ID);
  if (!(input instanceof HTMLInputElement)) return false;
  input.focus();
  return true;
}
