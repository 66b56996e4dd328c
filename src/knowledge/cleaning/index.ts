export { cleanDocument } from './clean-document';
export { joinCjkLineBreaks } from './cjk-line-breaks';
export { mapOutsideCodeFences } from './code-fences';
export { stripControlCharacters } from './control-characters';
export { undoHyphenation } from './hyphenation';
export { removeRepeatedPageLines, lineKey, DEFAULT_REPEATED_LINES } from './repeated-page-lines';
export type { RepeatedLineOptions } from './repeated-page-lines';
export { normalizeUnicode } from './unicode';
export { collapseDotLeaders, collapseWhitespace } from './whitespace';
