import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultDownloaders, runSetup } from '../../src/stack/provision';
import {
  CACHED,
  noDownloads,
  removeTempDirs,
  tempDir,
  warmCache,
  writeScript,
} from './provision-fixtures';

afterAll(removeTempDirs);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (l: string) => out.push(l), errorLog: (l: string) => err.push(l) };
}

describe('runSetup', () => {
  it('prints one line per tool and exits 0 on a warm cache', async () => {
    const cacheDir = await tempDir();
    await warmCache(cacheDir);
    const io = capture();
    const code = await runSetup({ cacheDir, tools: {}, downloaders: noDownloads, ...io });
    expect(code).toBe(0);
    expect(io.err).toEqual([]);
    expect(io.out).toHaveLength(4);
    expect(io.out[0]).toMatch(/^temporal {3}1\.9\.1 +\S+temporal-1\.9\.1\/temporal \(cached\)$/);
    expect(io.out[1]).toContain(`${join(cacheDir, CACHED.weaviate)} (cached)`);
  });

  it('reports a bad env path as one line on stderr, keeps going, and exits 1', async () => {
    const cacheDir = await tempDir();
    await warmCache(cacheDir);
    const io = capture();
    const code = await runSetup({
      cacheDir,
      tools: { weaviateBin: '/nope/weaviate-server' },
      downloaders: noDownloads,
      ...io,
    });
    expect(code).toBe(1);
    expect(io.err).toEqual([
      'quarry setup: QUARRY_WEAVIATE_BIN points at /nope/weaviate-server, which does not exist. Set QUARRY_WEAVIATE_BIN to the path of an existing weaviate-server binary, or unset QUARRY_WEAVIATE_BIN to let quarry setup fetch Weaviate server v1.38.11.',
    ]);
    expect(io.out.map((l) => l.split(' ')[0])).toEqual(['temporal', 'embedding', 'chat']);
  });

  it('builds weaviate with go install into the cache (fake go on PATH)', async () => {
    const cacheDir = await tempDir();
    const bin = await tempDir();
    const argsFile = join(bin, 'go-args');
    await writeScript(
      join(bin, 'go'),
      [
        `echo "$CGO_ENABLED $@" > ${argsFile}`,
        'echo "go: downloading github.com/weaviate/weaviate v1.38.11" >&2',
        'echo "go: downloading golang.org/x/sys v0.46.0" >&2',
        'printf \'#!/bin/sh\\necho "Usage: weaviate-server [OPTIONS]"\\n\' > "$GOBIN/weaviate-server"',
        'chmod 755 "$GOBIN/weaviate-server"',
      ].join('\n'),
    );
    const io = capture();
    const code = await runSetup({
      cacheDir,
      tools: {},
      only: ['weaviate'],
      env: { PATH: `${bin}:/usr/bin:/bin` },
      downloaders: { ...noDownloads, weaviate: defaultDownloaders.weaviate },
      ...io,
    });
    expect(io.err).toEqual([]);
    expect(code).toBe(0);
    expect(await readFile(argsFile, 'utf8')).toBe(
      '0 install github.com/weaviate/weaviate/cmd/weaviate-server@v1.38.11\n',
    );
    await access(join(cacheDir, CACHED.weaviate));
    expect(io.out.at(-1)).toContain(`${join(cacheDir, CACHED.weaviate)} (built)`);
  });

  it('explains a failed go build with its last stderr line', async () => {
    const bin = await tempDir();
    await writeScript(
      join(bin, 'go'),
      'echo "go: github.com/weaviate/weaviate: dial tcp: no route to host" >&2\nexit 1',
    );
    const io = capture();
    const code = await runSetup({
      cacheDir: await tempDir(),
      tools: {},
      only: ['weaviate'],
      env: { PATH: `${bin}:/usr/bin:/bin` },
      ...io,
    });
    expect(code).toBe(1);
    expect(io.err).toEqual([
      'quarry setup: Could not get Weaviate server v1.38.11: `CGO_ENABLED=0 go install github.com/weaviate/weaviate/cmd/weaviate-server@v1.38.11` failed: go: github.com/weaviate/weaviate: dial tcp: no route to host. Set QUARRY_WEAVIATE_BIN to the path of an existing weaviate-server binary.',
    ]);
  });

  it('points at QUARRY_CACHE_DIR when the cache cannot be written', async () => {
    const notADir = await writeScript(join(await tempDir(), 'file'), 'true');
    const io = capture();
    const code = await runSetup({ cacheDir: notADir, tools: {}, only: ['chat'], ...io });
    expect(code).toBe(1);
    expect(io.err[0]).toContain('ENOTDIR');
    expect(io.err[0]).toContain('QUARRY_CACHE_DIR must be a writable folder');
  });
});
