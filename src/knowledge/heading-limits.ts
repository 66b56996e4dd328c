/**
 * Headings and titles are copied into every chunk of their section and from there into search
 * hits and the agent's checkpoint (Temporal history). Bounded here, a 200,000-character heading
 * costs 200 characters per chunk instead of pushing a history payload towards Temporal's 2 MB
 * limit.
 */
export const MAX_HEADING_CHARS = 200;
export const MAX_TITLE_CHARS = 200;
/** Markdown and HTML have six heading levels; nothing deeper is kept. */
export const MAX_HEADING_DEPTH = 6;

/** The text cut to `max` characters with an ellipsis, never inside a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export function capHeading(text: string): string {
  return capText(text, MAX_HEADING_CHARS);
}

export function capTitle(text: string): string {
  return capText(text, MAX_TITLE_CHARS);
}

/** At most MAX_HEADING_DEPTH headings (the outermost), each at most MAX_HEADING_CHARS. */
export function capHeadingPath(path: readonly string[]): string[] {
  return path.slice(0, MAX_HEADING_DEPTH).map(capHeading);
}
