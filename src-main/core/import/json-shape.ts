/**
 * Says what a .json / .jsonl file holds when it is valid JSON but no records: a number, a string,
 * true/false or null at the top level. Facet cannot import it, and "cannot tell what format" would
 * send the user looking in the wrong place, so the message names what was found and what is read.
 */

const JSON_EXTENSION = /\.(?:json|jsonl|ndjson)$/i;

export const EXPECTED_JSON = 'Facet reads a JSON array of records ([{"title": "…", "abstract": "…"}, …]), one record object, CSL-JSON, or JSON Lines (one record object a line)';

/** A description of a non-record JSON value, as "a JSON number (42)". */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return 'a JSON array';
  const shown = JSON.stringify(value);
  const short = shown.length > 40 ? `${shown.slice(0, 37)}…` : shown;
  return `a JSON ${typeof value === 'boolean' ? 'boolean' : typeof value} (${short})`;
}

/**
 * For a file named like JSON whose whole text (`head`, when it holds the whole file) is a JSON
 * scalar: the error message. Null for anything else (the caller's own message applies).
 */
export function describeNonRecordJson(name: string, fileName: string, head: string): string | null {
  if (!JSON_EXTENSION.test(fileName)) return null;
  const text = head.replace(/^\uFEFF/, '').trim();
  if (text === '' || text.startsWith('[') || text.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return `${name} holds ${describeJsonValue(value)}, not records: ${EXPECTED_JSON}`;
}
