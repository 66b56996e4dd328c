/**
 * HTML elements a Markdown file embeds for layout. Only these names count as markup: `<孩子>` or
 * `<text to summarize>` in a prompt example are text and stay.
 */
const BLOCK_TAGS =
  'div|p|br|hr|h[1-6]|table|thead|tbody|tfoot|tr|caption|ul|ol|li|dl|dt|dd|html|head|body|center|section|article|header|footer|figure|figcaption|blockquote|pre|details|summary|nav|main|aside|title|meta|link';
const INLINE_TAGS =
  'span|a|b|i|u|s|em|strong|font|sup|sub|small|big|code|kbd|mark|img|abbr|cite|del|ins|q|tt|var|picture|source|video|audio';
const BLOCK = new RegExp(`</?(?:${BLOCK_TAGS})(?:\\s[^<>]*)?/?>`, 'gi');
const INLINE = new RegExp(`</?(?:${INLINE_TAGS})(?:\\s[^<>]*)?/?>`, 'gi');
const CELL = /<(t[hd])(?:\s[^<>]*)?>([\s\S]*?)<\/\1\s*>/gi;
const ROW = /<tr(?:\s[^<>]*)?>([\s\S]*?)<\/tr\s*>/gi;
const DROPPED = /<(style|script)(?:\s[^<>]*)?>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** One line per table row, its cells joined by ` | `, so a row reads as one item. */
function htmlRows(text: string): string {
  return text.replace(ROW, (_, inner: string) => {
    const cells = [...inner.matchAll(CELL)].map((m) => m[2].replace(/\s+/g, ' ').trim());
    return cells.length ? `\n${cells.join(' | ')}\n` : '\n';
  });
}

/** HTML layout removed, text kept: block elements end a line, inline ones vanish. */
export function stripHtml(text: string): string {
  if (!/<[a-z!/]/i.test(text)) return text;
  return htmlRows(text.replace(DROPPED, ''))
    .replace(BLOCK, '\n')
    .replace(INLINE, '')
    .replace(/&(nbsp|amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]);
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

/** One Markdown line as text: table pipes, quote marks, emphasis, links and images removed. */
function markdownLine(line: string): string | undefined {
  if (TABLE_SEPARATOR.test(line) && line.includes('-') && line.includes('|')) return undefined;
  if (RULE.test(line)) return undefined;
  const row = TABLE_ROW.exec(line);
  let out = row
    ? row[1]
        .split('|')
        .map((c) => c.trim())
        .join(' | ')
    : line;
  out = out
    .replace(/^\s{0,3}>\s?/, '')
    // Link and image text holds no `[`, their targets no bracket or parenthesis: a run of
    // unclosed ones then costs one pass, not one scan to the line's end each (200,000 `[` took
    // 90 s, 50,000 `[a](` 31 s).
    .replace(/!\[([^[\]]*)\]\([^()]*\)/g, '')
    .replace(/\[([^[\]]+)\]\((?:[^()[\]\s]+)(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1');
  return out;
}

/**
 * Markdown syntax and embedded HTML removed from prose, so what is chunked, searched and quoted is
 * the text a reader sees: `**强化学习**` is 强化学习, `<div align=center>图 1.7</div>` is 图 1.7, a
 * table row is one line of cells. Run outside code fences only: code keeps its characters.
 */
export function stripMarkup(text: string): string {
  return stripHtml(text)
    .split('\n')
    .map(markdownLine)
    .filter((line): line is string => line !== undefined)
    .join('\n');
}
