import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { assertListenAllowed } from '../../src/config/listen-policy';
import { env, read, root } from '../support/compose-file';

// The image is checked against the compose file and package.json: the same port, the same Node.

interface Stage {
  from: string;
  instructions: { op: string; args: string }[];
}

function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const instruction = { op: op.toUpperCase(), args: rest.join(' ') };
    if (instruction.op === 'FROM') {
      stages.push({ from: instruction.args, instructions: [] });
    } else if (stages.length === 0 && instruction.op === 'ARG') {
      const [name = '', value = ''] = instruction.args.split('=');
      args[name] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

describe('Dockerfile', () => {
  const { args, stages } = parseDockerfile(read('Dockerfile'));
  const final = stages.at(-1) ?? { from: '', instructions: [] };
  const all = (op: string) => final.instructions.filter((i) => i.op === op).map((i) => i.args);
  const last = (op: string) => all(op).at(-1) ?? '';

  it('builds in several stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
  });

  it('runs as a user other than root', () => {
    expect(last('USER')).not.toBe('');
    expect(['root', '0']).not.toContain(last('USER').split(':')[0]);
  });

  it('exposes the port the compose file gives the API', () => {
    expect(
      all('EXPOSE')
        .flatMap((e) => e.split(/\s+/))
        .map((p) => Number(p.split('/')[0])),
    ).toEqual([Number(env('quarry-api').PORT)]);
  });

  it("runs Quarry's CLI, serving the API by default", () => {
    expect(JSON.parse(last('ENTRYPOINT'))).toEqual(['node', 'bin/quarry.js']);
    expect(JSON.parse(last('CMD'))).toEqual(['serve']);
    expect(existsSync(join(root, 'bin', 'quarry.js'))).toBe(true);
    expect(all('COPY').join('\n')).toMatch(/\/app\/dist \.\/dist/);
    expect(last('HEALTHCHECK')).toContain('/health');
  });

  it('serves on every interface, which Quarry allows only with API keys', () => {
    const image: Record<string, string> = {};
    for (const m of all('ENV')
      .join(' ')
      .matchAll(/(\w+)=(\S+)/g))
      image[m[1]] = m[2];
    expect(image.QUARRY_HOST).toBe('0.0.0.0');
    expect(() => assertListenAllowed(loadConfig(image))).toThrow(/QUARRY_API_KEYS/);
    expect(() => assertListenAllowed(loadConfig(env('quarry-api')))).not.toThrow();
  });

  it('runs on the Node the tests run on', () => {
    const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };
    const from = final.from.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? '');
    expect(from.split(' ')[0]).toBe(`node:${pkg.devDependencies.node}-bookworm-slim`);
  });

  it('installs production dependencies without running `prepare` (which builds)', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBeDefined();
    const install = all('RUN').find((r) => /\bnpm ci\b/.test(r)) ?? '';
    expect(install).toContain('--omit=dev');
    expect(install).toContain('--ignore-scripts');
  });

  it('keeps host dependencies, build output, git and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.env']));
  });
});
