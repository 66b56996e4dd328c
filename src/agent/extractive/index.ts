export { ExtractiveEngine } from './extractive-engine';
export { DEFAULT_EXTRACTIVE_OPTIONS, type Embed, type ExtractiveOptions } from './options';
