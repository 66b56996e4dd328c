import { UnprocessableDocumentError } from '../types';

/** Control characters that text files do carry: tab, newline, form feed, carriage return. */
const TEXT_CONTROLS = new Set(['\t', '\n', '\f', '\r']);

/**
 * Bytes to text: a UTF-16 byte-order mark wins; then strict UTF-8; then the charset the sender
 * declared, if any; then GB18030 (a superset of GBK, what Chinese files not in UTF-8 are nearly
 * always in). Anything else is undecodable.
 */
export function decodeText(bytes: Uint8Array, source: string, declaredCharset?: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.includes(0)) {
    throw new UnprocessableDocumentError(
      source,
      'binary content (NUL bytes), not text',
      'undecodable',
    );
  }
  for (const encoding of ['utf-8', declaredCharset, 'gb18030']) {
    const text = encoding ? tryDecode(encoding, bytes) : undefined;
    if (text !== undefined && (encoding === 'utf-8' || !looksBinary(text))) return text;
  }
  throw new UnprocessableDocumentError(
    source,
    `the text is neither valid UTF-8 nor ${declaredCharset ? `${declaredCharset} nor ` : ''}GB18030/GBK`,
    'undecodable',
  );
}

/** The charset parameter of a content type (`text/html; charset=gbk` → `gbk`). */
export function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset="?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
}

function tryDecode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    // The default ignoreBOM: false drops a UTF-8 byte-order mark.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    // An unknown label (RangeError) or bytes invalid in that encoding (TypeError).
    return undefined;
  }
}

/** GB18030 gives most byte pairs some character, so binary data can decode without an error. */
function looksBinary(text: string): boolean {
  const controls = (text.match(/\p{Cc}/gu) ?? []).filter((c) => !TEXT_CONTROLS.has(c)).length;
  return controls > Math.max(2, text.length / 100);
}
