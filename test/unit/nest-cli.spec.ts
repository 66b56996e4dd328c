import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('nest-cli.json', () => {
  it('names an entry file that exists, and the build configuration there is', () => {
    const nest = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
      entryFile: string;
      compilerOptions: { tsConfigPath: string };
    };
    // Nest runs <outDir>/<entryFile>.js; tsconfig.build.json compiles from the repository root.
    expect(existsSync(join(root, `${nest.entryFile}.ts`))).toBe(true);
    expect(existsSync(join(root, nest.compilerOptions.tsConfigPath))).toBe(true);
  });
});
