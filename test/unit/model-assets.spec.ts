import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { modelAssets } from '../../src/models/model-assets';

describe('modelAssets', () => {
  it('finds the models where `quarry setup` puts them in the cache', () => {
    const assets = modelAssets(loadConfig({ QUARRY_CACHE_DIR: '/cache' }));
    expect(assets).toEqual({
      embeddingModelDir: join('/cache', 'models', 'bge-small-zh-v1.5'),
      chatModelPath: join(
        '/cache',
        'models',
        'smollm2-135m-instruct',
        'SmolLM2-135M-Instruct.Q4_1.gguf',
      ),
    });
  });

  it('takes configured paths first', () => {
    const assets = modelAssets(
      loadConfig({
        QUARRY_CACHE_DIR: '/cache',
        QUARRY_EMBEDDING_MODEL_DIR: '/m/bge',
        QUARRY_CHAT_MODEL_PATH: '/m/chat.gguf',
      }),
    );
    expect(assets).toEqual({ embeddingModelDir: '/m/bge', chatModelPath: '/m/chat.gguf' });
  });
});
