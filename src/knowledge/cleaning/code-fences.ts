const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Applies a text rule to everything outside fenced code blocks: code keeps its spacing, its line
 * breaks and its characters. An unclosed fence runs to the end, as in CommonMark.
 */
export function mapOutsideCodeFences(text: string, rule: (prose: string) => string): string {
  const segments: { code: boolean; lines: string[] }[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const opening = fence === undefined ? FENCE_OPEN.exec(line) : null;
    const inCode = fence !== undefined || opening !== null;
    const last = segments[segments.length - 1];
    if (last && last.code === inCode && !opening) last.lines.push(line);
    else segments.push({ code: inCode, lines: [line] });
    if (opening) fence = opening[1];
    else if (fence !== undefined && closesFence(line, fence)) fence = undefined;
  }
  return segments
    .map((segment) => (segment.code ? segment.lines.join('\n') : rule(segment.lines.join('\n'))))
    .filter((part) => part !== '')
    .join('\n');
}

function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === fence[0].repeat(trimmed.length);
}
