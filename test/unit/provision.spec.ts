import { join } from 'node:path';
import { ProvisionError, provisionTools, type ToolName } from '../../src/stack/provision';
import {
  ALL_TOOLS,
  CACHED,
  CONFIG_KEYS,
  ENV_VARS,
  noDownloads,
  removeTempDirs,
  tempDir,
  warmCache,
  writeFileAt,
  writeScript,
} from './provision-fixtures';

afterAll(removeTempDirs);

async function provisionError(promise: Promise<unknown>): Promise<ProvisionError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProvisionError);
  return err as ProvisionError;
}

describe('provisionTools: paths from env vars', () => {
  it.each(ALL_TOOLS)(
    '%s: a path that does not exist names the env var and the path',
    async (tool) => {
      const cacheDir = await tempDir();
      const missing = join(cacheDir, 'nowhere', 'thing');
      const err = await provisionError(
        provisionTools({
          cacheDir,
          tools: { [CONFIG_KEYS[tool]]: missing },
          only: [tool],
          downloaders: noDownloads,
        }),
      );
      expect(err.envVar).toBe(ENV_VARS[tool]);
      expect(err.message).toContain(ENV_VARS[tool]);
      expect(err.message).toContain(missing);
      expect(err.message).toContain('does not exist');
    },
  );

  it('rejects a binary that is not executable, and a model dir without a tokenizer', async () => {
    const dir = await tempDir();
    const bin = await writeFileAt(join(dir, 'temporal'), 'not a program');
    const model = join(dir, 'model');
    await writeFileAt(join(model, 'model.onnx'), 'onnx');
    const opts = { cacheDir: dir, downloaders: noDownloads };
    const e1 = await provisionError(provisionTools({ ...opts, tools: { temporalBin: bin } }));
    expect(e1.message).toContain(`QUARRY_TEMPORAL_BIN points at ${bin}, which is not executable`);
    const e2 = await provisionError(
      provisionTools({ ...opts, tools: { embeddingModelDir: model }, only: ['embedding'] }),
    );
    expect(e2.message).toContain('has no tokenizer json file');
  });

  it('returns valid env paths as they are, before looking at the cache', async () => {
    const dir = await tempDir();
    const tools = {
      temporalBin: await writeScript(join(dir, 'my-temporal'), 'echo hi'),
      weaviateBin: await writeScript(join(dir, 'my-weaviate'), 'echo hi'),
      embeddingModelDir: join(dir, 'bge'),
      chatModelPath: await writeFileAt(join(dir, 'chat.gguf'), 'gguf'),
    };
    await writeFileAt(join(dir, 'bge', 'x.onnx'), 'onnx');
    await writeFileAt(join(dir, 'bge', 'tokenizer.json'), '{}');
    const paths = await provisionTools({
      cacheDir: join(dir, 'cache'),
      tools,
      downloaders: noDownloads,
    });
    expect(paths).toEqual({
      temporal: tools.temporalBin,
      weaviate: tools.weaviateBin,
      embeddingModelDir: tools.embeddingModelDir,
      chatModelPath: tools.chatModelPath,
    });
  });
});

describe('provisionTools: the cache', () => {
  it('recognises a warm cache and downloads nothing', async () => {
    const cacheDir = await tempDir();
    await warmCache(cacheDir);
    const paths = await provisionTools({ cacheDir, tools: {}, downloaders: noDownloads, env: {} });
    expect(paths).toEqual({
      temporal: join(cacheDir, CACHED.temporal),
      weaviate: join(cacheDir, CACHED.weaviate),
      embeddingModelDir: join(cacheDir, CACHED.embeddingDir),
      chatModelPath: join(cacheDir, CACHED.chat),
    });
  });

  it('returns only the tools asked for', async () => {
    const cacheDir = await tempDir();
    await warmCache(cacheDir);
    const paths = await provisionTools({
      cacheDir,
      tools: {},
      only: ['chat'],
      downloaders: noDownloads,
    });
    expect(Object.keys(paths)).toEqual(['chatModelPath']);
  });

  it('uses a temporal 1.9.x found on PATH, but not another version', async () => {
    const bin = await tempDir();
    const onPath = await writeScript(join(bin, 'temporal'), 'echo "temporal version 1.9.0 (x)"');
    const opts = { tools: {}, only: ['temporal' as ToolName], env: { PATH: bin } };
    const found = await provisionTools({
      ...opts,
      cacheDir: await tempDir(),
      downloaders: noDownloads,
    });
    expect(found.temporal).toBe(onPath);

    await writeScript(onPath, 'echo "temporal version 1.8.2 (x)"');
    let downloads = 0;
    const downloaders = {
      temporal: async ({ stagingDir }: { stagingDir: string }) => {
        downloads += 1;
        await writeScript(join(stagingDir, 'temporal'), 'echo "temporal version 1.9.1"');
      },
    };
    const cacheDir = await tempDir();
    const fetched = await provisionTools({ ...opts, cacheDir, downloaders });
    expect(downloads).toBe(1);
    expect(fetched.temporal).toBe(join(cacheDir, CACHED.temporal));
  });
});

describe('provisionTools: missing client tools', () => {
  const clients: Record<ToolName, string> = {
    temporal: 'python3',
    weaviate: 'go',
    embedding: 'mvn',
    chat: 'python3',
    'temporal-server': 'go',
  };

  it.each(ALL_TOOLS)('%s: names the missing program and the env var, no stack', async (tool) => {
    const emptyBin = await tempDir();
    const err = await provisionError(
      provisionTools({
        cacheDir: await tempDir(),
        tools: {},
        only: [tool],
        env: { PATH: emptyBin, HOME: emptyBin },
      }),
    );
    expect(err.message).toContain(
      `${clients[tool]} is needed to fetch it but was not found on PATH`,
    );
    expect(err.message).toContain(`Set ${ENV_VARS[tool]} to`);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toMatch(/\bat .*\.[jt]s:\d+/);
  });
});
