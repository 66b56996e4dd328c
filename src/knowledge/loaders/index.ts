export { loadDocument } from './load-document';
export { isSupported, SUPPORTED_EXTENSIONS } from './formats';
export { decodeText } from './decode-text';
