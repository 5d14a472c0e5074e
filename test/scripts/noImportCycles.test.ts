// The lint rule that keeps src/ free of import cycles (scripts/lint/noImportCycles.mjs), on a tree of its own.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';

describe('lint rule no-import-cycles', () => {
  let root: string;
  const files: Record<string, string> = {
    'a.ts': "import type { B } from './b';\nexport type A = B;\n",
    'b.ts': "export type { C as B } from './c';\n",
    'c.ts': "import { d } from './d.js';\nexport interface C { x: typeof d }\n",
    'd.ts': 'export const d = 1;\n',
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cycles-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function lint(name: string): Promise<string[]> {
    const { default: plugin } = (await import(path.resolve('scripts/lint/noImportCycles.mjs'))) as {
      default: ESLint.Plugin;
    };
    const linter = new Linter({ cwd: root });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { local: plugin },
        rules: { 'local/no-import-cycles': ['error', { root }] },
      },
    ];
    const file = path.join(root, name);
    return linter.verify(files[name] ?? '', config, file).map((m) => m.message);
  }

  it('passes a tree without cycles', async () => {
    assert.deepEqual(await lint('a.ts'), []);
  });

  it('fails a new cycle, through type-only imports and re-exports, and names every step of it', async () => {
    writeFileSync(path.join(root, 'd.ts'), "import type { A } from './a';\nexport const d = 1 as unknown as A;\n");
    assert.deepEqual(await lint('b.ts'), ['Import cycle: b.ts -> c.ts -> d.ts -> a.ts -> b.ts']);
  });
});
