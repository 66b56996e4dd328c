import { Inject, Injectable } from '@nestjs/common';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { embeddingModelProblems, modelAssets, type ModelAssets } from './model-assets';

@Injectable()
export class ModelsService {
  readonly assets: ModelAssets;

  constructor(@Inject(QUARRY_CONFIG) config: QuarryConfig) {
    this.assets = modelAssets(config);
  }

  /** Empty when every model Quarry needs by default can be loaded. */
  problems(): string[] {
    return embeddingModelProblems(this.assets.embeddingModelDir);
  }
}
