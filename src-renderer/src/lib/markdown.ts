/**
 * A small Markdown reader for reading-list notes: paragraphs, headings, lists, quotes, code,
 * rules, emphasis, inline code and links. It returns a tree of plain data that a component
 * renders with ordinary elements, so no HTML string from a note ever reaches the page.
 *
 * Sanitising is part of reading:
 * - raw HTML is dropped: tags, comments, and whatever sits inside script, style, iframe and the
 *   like (a note is text a person wrote or pasted; it never needs markup of its own);
 * - a link keeps its target only for http:, https: and mailto: (javascript:, data:, file: and
 *   relative targets become plain text);
 * - images are never loaded: `![alt](url)` becomes its alt text, marked as an image left out, so
 *   a note cannot make the app fetch anything.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'image-left-out'; alt: string };

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'rule' };

const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:'];

/** The link target as it may go into an href, or null when it is not an absolute http(s)/mailto URL. */
export function safeLinkTarget(raw: string): string | null {
  const target = raw.trim().replace(/^<|>$/g, '');
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): so does this check.
  const compact = [...target].filter((char) => char.charCodeAt(0) > 0x20 && char.charCodeAt(0) !== 0x7f).join('');
  try {
    if (!SAFE_PROTOCOLS.includes(new URL(compact).protocol)) return null;
    const url = new URL(target);
    return SAFE_PROTOCOLS.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Elements whose content is dropped with them, not only their tags. */
const DROPPED_WITH_CONTENT = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'textarea', 'title'];

/** The text without HTML comments, tags, and the content of script-like elements. */
export function stripHtml(text: string): string {
  let out = text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const name of DROPPED_WITH_CONTENT) {
    out = out.replace(new RegExp(`<${name}\\b[\\s\\S]*?(?:</${name}\\s*>|$)`, 'gi'), '');
  }
  // Any remaining start or end tag (a "<" followed by a letter or "/letter"); "a < b" stays.
  return out.replace(/<\/?[a-zA-Z][^<>]*(?:>|$)/g, '');
}

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(withoutHtmlOutsideFences(source.replace(/\r\n?/g, '\n')).split('\n'));
}

/** Strips HTML from the text between fenced code blocks; a fence's lines (shown as text) stay as written. */
function withoutHtmlOutsideFences(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flushProse = () => {
    if (prose.length > 0) out.push(stripHtml(prose.join('\n')));
    prose = [];
  };
  for (const line of lines) {
    const marker = /^\s{0,3}(```|~~~)/.exec(line)?.[1] ?? null;
    if (fence === null && marker !== null) {
      flushProse();
      fence = marker;
      out.push(line);
    } else if (fence !== null) {
      out.push(line);
      if (line.trimStart().startsWith(fence)) fence = null;
    } else {
      prose.push(line);
    }
  }
  flushProse();
  return out.join('\n');
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let index = 0;
  const paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join('\n')) });
    paragraph.length = 0;
  };
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = /^\s{0,3}(```|~~~)/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      index++;
      while (index < lines.length && !lines[index]!.trimStart().startsWith(fence[1]!)) body.push(lines[index++]!);
      index++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flush();
      index++;
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(3, heading[1]!.length) as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, inlines: parseInline(heading[2]!) });
      index++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      blocks.push({ kind: 'rule' });
      index++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      flush();
      const quoted: string[] = [];
      while (index < lines.length && /^\s{0,3}>/.test(lines[index]!)) quoted.push(lines[index++]!.replace(/^\s{0,3}>\s?/, ''));
      blocks.push({ kind: 'quote', blocks: parseBlocks(quoted) });
      continue;
    }
    const bullet = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+/.exec(line);
    if (bullet) {
      flush();
      const ordered = /\d/.test(bullet[1]!);
      const marker = ordered ? /^\s{0,3}\d{1,9}[.)]\s+/ : /^\s{0,3}[-*+]\s+/;
      const items: string[][] = [];
      while (index < lines.length) {
        const current = lines[index]!;
        if (marker.test(current)) items.push([current.replace(marker, '')]);
        else if (current.trim() !== '' && /^\s+/.test(current) && items.length > 0) items.at(-1)!.push(current.trim());
        else break;
        index++;
      }
      blocks.push({ kind: 'list', ordered, items: items.map((item) => parseInline(item.join('\n'))) });
      continue;
    }
    paragraph.push(line);
    index++;
  }
  flush();
  return blocks;
}

/** Finds the `](…)` part after a bracketed label that starts at `open`; null when there is none. */
function bracketed(text: string, open: number): { label: string; target: string; end: number } | null {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    const char = text[at];
    if (char === '\\') {
      at++;
      continue;
    }
    if (char === '[') depth++;
    else if (char === ']' && --depth === 0) {
      if (text[at + 1] !== '(') return null;
      // The target ends at the ")" that balances its "(" (URLs may hold pairs: "…/Foo_(bar)").
      let close = -1;
      let parens = 0;
      for (let end = at + 2; end < text.length && close < 0; end++) {
        if (text[end] === '(') parens++;
        else if (text[end] === ')' && parens-- === 0) close = end;
      }
      if (close < 0) return null;
      // A title after the URL ("url "title"") is not kept.
      const target = text.slice(at + 2, close).trim().split(/\s+/)[0] ?? '';
      return { label: text.slice(open + 1, at), target, end: close + 1 };
    }
  }
  return null;
}

const BARE_URL = /^https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"*_]/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const pushText = (value: string) => {
    plain += value;
  };
  const flush = () => {
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    const rest = text.slice(at);
    if (char === '\\' && at + 1 < text.length && /[\\`*_[\]()#+\-.!>~]/.test(text[at + 1]!)) {
      pushText(text[at + 1]!);
      at += 2;
      continue;
    }
    if (char === '`') {
      const close = text.indexOf('`', at + 1);
      if (close > at) {
        flush();
        out.push({ kind: 'code', text: text.slice(at + 1, close) });
        at = close + 1;
        continue;
      }
    }
    if (char === '!' && text[at + 1] === '[') {
      const image = bracketed(text, at + 1);
      if (image) {
        flush();
        out.push({ kind: 'image-left-out', alt: image.label.trim() });
        at = image.end;
        continue;
      }
    }
    if (char === '[') {
      const link = bracketed(text, at);
      if (link) {
        flush();
        const children = parseInline(link.label);
        const href = safeLinkTarget(link.target);
        if (href) out.push({ kind: 'link', href, children });
        else out.push(...children);
        at = link.end;
        continue;
      }
    }
    const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest);
    if (strong) {
      flush();
      out.push({ kind: 'strong', children: parseInline(strong[2]!) });
      at += strong[0].length;
      continue;
    }
    const em = /^([*_])(?=\S)([\s\S]*?\S)\1/.exec(rest);
    // Underscores inside words (snake_case) are not emphasis.
    if (em && !(em[1] === '_' && /\w/.test(text[at - 1] ?? ''))) {
      flush();
      out.push({ kind: 'em', children: parseInline(em[2]!) });
      at += em[0].length;
      continue;
    }
    if ((char === 'h' || char === 'H') && !/\w/.test(text[at - 1] ?? '')) {
      const url = BARE_URL.exec(rest);
      const href = url ? safeLinkTarget(url[0]) : null;
      if (url && href) {
        flush();
        out.push({ kind: 'link', href, children: [{ kind: 'text', text: url[0] }] });
        at += url[0].length;
        continue;
      }
    }
    pushText(char);
    at++;
  }
  flush();
  return out;
}

/** The note as plain text (headings, emphasis and links flattened): for tests and previews. */
export function plainText(blocks: readonly Block[]): string {
  const inline = (items: readonly Inline[]): string =>
    items
      .map((item) => {
        if (item.kind === 'text' || item.kind === 'code') return item.text;
        if (item.kind === 'image-left-out') return `[image: ${item.alt}]`;
        return inline(item.children);
      })
      .join('');
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph' || block.kind === 'heading') return inline(block.inlines);
      if (block.kind === 'list') return block.items.map((item) => `- ${inline(item)}`).join('\n');
      if (block.kind === 'code') return block.text;
      if (block.kind === 'quote') return plainText(block.blocks);
      return '---';
    })
    .join('\n\n');
}

export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

/**
 * Plain text (an abstract) cut into text and http(s) links, for showing URLs as links and
 * everything else as text. Trailing punctuation stays outside the link.
 */
export function linkifyText(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  const pattern = /https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"*_]/gi;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const href = safeLinkTarget(match[0]);
    if (href === null) continue;
    if (match.index > last) pieces.push({ kind: 'text', text: text.slice(last, match.index) });
    pieces.push({ kind: 'link', href, text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}
