/**
 * Notes render Markdown, sanitised: the reader keeps headings, lists, emphasis, code and safe
 * links, and drops raw HTML (script tags with their content), unsafe link targets and images.
 */
import { describe, expect, it } from 'vitest';
import { linkifyText, parseInline, parseMarkdown, plainText, safeLinkTarget, stripHtml, type Block, type Inline } from '../../../src-renderer/src/lib/markdown.ts';

/** Every link target anywhere in the tree. */
function hrefs(blocks: readonly Block[]): string[] {
  const fromInlines = (items: readonly Inline[]): string[] =>
    items.flatMap((item) => (item.kind === 'link' ? [item.href, ...fromInlines(item.children)] : item.kind === 'strong' || item.kind === 'em' ? fromInlines(item.children) : []));
  return blocks.flatMap((block) => {
    if (block.kind === 'paragraph' || block.kind === 'heading') return fromInlines(block.inlines);
    if (block.kind === 'list') return block.items.flatMap(fromInlines);
    if (block.kind === 'quote') return hrefs(block.blocks);
    return [];
  });
}

describe('note Markdown', () => {
  it('reads headings, emphasis, inline code, lists, quotes, code blocks and rules', () => {
    const blocks = parseMarkdown('# Worth a look\n\nA **second** look at *§3* and `loss.py`.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\nconst a = 1;\n```\n\n---');
    expect(blocks.map((block) => block.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code', 'rule']);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: 'A ' },
        { kind: 'strong', children: [{ kind: 'text', text: 'second' }] },
        { kind: 'text', text: ' look at ' },
        { kind: 'em', children: [{ kind: 'text', text: '§3' }] },
        { kind: 'text', text: ' and ' },
        { kind: 'code', text: 'loss.py' },
        { kind: 'text', text: '.' },
      ],
    });
    expect(blocks[2]).toMatchObject({ kind: 'list', ordered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true });
    expect(blocks[5]).toEqual({ kind: 'code', text: 'const a = 1;' });
  });

  it('keeps http(s) and mailto links, and links bare URLs', () => {
    const blocks = parseMarkdown('[code](https://github.com/a/b) and https://arxiv.org/abs/2002.05709. Mail [me](mailto:a@b.org)');
    expect(hrefs(blocks)).toEqual(['https://github.com/a/b', 'https://arxiv.org/abs/2002.05709', 'mailto:a@b.org']);
    expect(plainText(blocks)).toBe('code and https://arxiv.org/abs/2002.05709. Mail me');
  });

  it('drops script tags with their content, and every other raw HTML tag', () => {
    const blocks = parseMarkdown('Before<script>alert("x")</script> after <b onclick="steal()">bold</b>\n\n<iframe src="https://evil.example"></iframe><!-- hidden -->\n\n<SCRIPT type="module">\nfetch("/x")\n</SCRIPT>end');
    const text = plainText(blocks);
    expect(text).not.toMatch(/alert|steal|onclick|iframe|hidden|fetch|<|>/i);
    expect(text).toContain('Before after bold');
    expect(text).toContain('end');
    expect(hrefs(blocks)).toEqual([]);
  });

  it('keeps a comparison like "a < b" and HTML written inside a code fence (shown as text)', () => {
    expect(stripHtml('recall < 0.5 and > 0.2')).toBe('recall < 0.5 and > 0.2');
    const blocks = parseMarkdown('```\n<div>kept as text</div>\n```');
    expect(blocks).toEqual([{ kind: 'code', text: '<div>kept as text</div>' }]);
  });

  it('turns javascript:, data:, vbscript:, file: and relative links into plain text', () => {
    const blocks = parseMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:x) [f](file:///etc/passwd) [g](/relative) [h](  javascript:void(0)  )',
    );
    expect(hrefs(blocks)).toEqual([]);
    expect(plainText(blocks)).toContain('a b c d e f g h');
    for (const target of ['javascript:alert(1)', ' javascript:x', 'data:,x', 'file:///x', '//evil.example/x', 'about:blank']) expect(safeLinkTarget(target)).toBeNull();
    expect(safeLinkTarget('https://example.org/a b')).toBe('https://example.org/a%20b');
  });

  it('never loads an image: remote, local or data images become their alt text', () => {
    const blocks = parseMarkdown('See ![the figure](https://evil.example/track.png) and ![](data:image/png;base64,AAAA) and ![local](./fig.png)');
    const inlines = (blocks[0] as Extract<Block, { kind: 'paragraph' }>).inlines;
    expect(inlines.filter((item) => item.kind === 'image-left-out')).toEqual([
      { kind: 'image-left-out', alt: 'the figure' },
      { kind: 'image-left-out', alt: '' },
      { kind: 'image-left-out', alt: 'local' },
    ]);
    expect(hrefs(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).not.toContain('evil.example');
  });

  it('does not read underscores inside words as emphasis, and honours escapes', () => {
    expect(parseInline('snake_case_name')).toEqual([{ kind: 'text', text: 'snake_case_name' }]);
    expect(parseInline('\\*not em\\*')).toEqual([{ kind: 'text', text: '*not em*' }]);
  });

  it('reads plain text and Unicode notes unchanged', () => {
    expect(plainText(parseMarkdown('Worth a **second** look — קריאה'))).toBe('Worth a second look — קריאה');
    expect(parseMarkdown('')).toEqual([]);
  });
});

describe('links in abstracts', () => {
  it('turns http(s) URLs into links, leaving trailing punctuation and other text as text', () => {
    expect(linkifyText('Code will be at: https://github.com/MedicineToken/Medical-Graph-RAG/tree/main. Thanks')).toEqual([
      { kind: 'text', text: 'Code will be at: ' },
      { kind: 'link', href: 'https://github.com/MedicineToken/Medical-Graph-RAG/tree/main', text: 'https://github.com/MedicineToken/Medical-Graph-RAG/tree/main' },
      { kind: 'text', text: '. Thanks' },
    ]);
  });

  it('never links other schemes', () => {
    expect(linkifyText('javascript:alert(1) and ftp://x.org and data:text/html,x')).toEqual([{ kind: 'text', text: 'javascript:alert(1) and ftp://x.org and data:text/html,x' }]);
  });
});
