import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { MODEL_ROLES, type QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { ChatModelFactory } from './chat';
import { embeddingModelProblems, modelAssets, type ModelAssets } from './model-assets';

@Injectable()
export class ModelsService implements OnModuleDestroy {
  readonly assets: ModelAssets;
  /** The chat models the agent's roles are configured with (none for `extractive`). */
  readonly chat: ChatModelFactory;

  constructor(@Inject(QUARRY_CONFIG) private readonly config: QuarryConfig) {
    this.assets = modelAssets(config);
    this.chat = new ChatModelFactory(config.chat, this.assets.chatModelPath);
  }

  /** The model spec each role uses. */
  get roles(): QuarryConfig['chat']['roles'] {
    return this.config.chat.roles;
  }

  /** Empty when every configured model can be loaded. */
  problems(): string[] {
    const problems = embeddingModelProblems(this.assets.embeddingModelDir);
    for (const role of MODEL_ROLES) {
      const spec = this.config.chat.roles[role];
      if (!spec.startsWith('gguf')) continue;
      const path = spec.slice('gguf:'.length) || this.assets.chatModelPath;
      if (!existsSync(path)) problems.push(`${role} model ${path} does not exist`);
    }
    return [...new Set(problems)];
  }

  async onModuleDestroy(): Promise<void> {
    await this.chat.close();
  }
}
