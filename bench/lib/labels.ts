/** Label spelling for relevance: lower case, runs of anything but letters and digits as one space. */
export function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
