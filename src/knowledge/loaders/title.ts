/** The file name without folders and extension: the title of a document that names none. */
export function titleFromSource(source: string): string {
  const name = source.split(/[\\/]/).pop() ?? source;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return stem.trim() || name;
}

/** Whitespace-collapsed text for titles and heading names. */
export function inlineText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
