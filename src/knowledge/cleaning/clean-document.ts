import type { DocumentSection, LoadedDocument } from '../types';
import { joinCjkLineBreaks } from './cjk-line-breaks';
import { mapOutsideCodeFences } from './code-fences';
import { stripControlCharacters } from './control-characters';
import { undoHyphenation } from './hyphenation';
import { removeRepeatedPageLines } from './repeated-page-lines';
import { stripMarkup } from './markup';
import { isTableOfContentsPage } from './table-of-contents';
import { normalizeUnicode } from './unicode';
import { collapseDotLeaders, collapseWhitespace } from './whitespace';

/** The rules for prose, in order: characters first, then line structure, then spacing. */
function cleanProse(text: string): string {
  return collapseWhitespace(collapseDotLeaders(joinCjkLineBreaks(undoHyphenation(text))));
}

/**
 * Fixes what real documents carry before they are chunked: control characters, compatibility
 * forms, running headers and footers of PDF pages, broken wraps and hyphenation, runs of
 * whitespace, and in Markdown the syntax and embedded HTML (quotes stay verbatim from the cleaned
 * text). Code fences keep their text. Sections left empty are dropped.
 */
export function cleanDocument(doc: LoadedDocument): LoadedDocument {
  let texts = doc.sections.map((section) =>
    mapOutsideCodeFences(stripControlCharacters(section.text), (prose) =>
      doc.format === 'markdown' ? stripMarkup(normalizeUnicode(prose)) : normalizeUnicode(prose),
    ),
  );
  if (doc.format === 'pdf') texts = removeRepeatedPageLines(texts);
  const sections: DocumentSection[] = doc.sections
    .map((section, i) => ({ ...section, text: mapOutsideCodeFences(texts[i], cleanProse).trim() }))
    .filter(
      (section) =>
        section.text !== '' && !(doc.format === 'pdf' && isTableOfContentsPage(section.text)),
    );
  return { ...doc, sections };
}
