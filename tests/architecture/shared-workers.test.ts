/**
 * The shared-worker project (`vitest.config.ts`) runs many test files in one module cache: a
 * `vi.mock` there either stays for the files after it (a guard replaced for them) or never takes
 * effect (the module was loaded unmocked by an earlier file, so the test checks nothing). So a file
 * of a shared folder that mocks a module must be named in `KEPT_ISOLATED`, with its reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEPT_ISOLATED, SHARED_WORKERS } from '../../vitest.config.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MOCKS = /\bvi\.(?:do)?[mM]ock\s*\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

/**
 * Whether `path` is one of the files a shared-worker glob takes: `tests/<folder>/**\/*.test.ts`
 * takes the folder and its sub-folders, `tests/<folder>/*.test.ts` the folder's own files only.
 */
function globTakes(glob: string, path: string): boolean {
  if (glob.endsWith('/**/*.test.ts')) return path.startsWith(glob.slice(0, -'**/*.test.ts'.length));
  if (glob.endsWith('/*.test.ts')) {
    const folder = glob.slice(0, -'*.test.ts'.length);
    return path.startsWith(folder) && !path.slice(folder.length).includes('/');
  }
  throw new Error(`shared-worker glob of an unexpected shape: ${glob}`);
}

/** Files of the shared folders that mock a module and are not kept isolated. */
function mockingShared(files: { path: string; text: string }[], shared: readonly string[], kept: readonly string[]): string[] {
  return files.filter((f) => shared.some((g) => globTakes(g, f.path)) && !kept.includes(f.path) && MOCKS.test(f.text)).map((f) => f.path);
}

describe('the shared-worker project', () => {
  it('names the rule on samples: a mocking file of a shared folder is found unless kept isolated', () => {
    const files = [
      { path: 'tests/shared/a.test.ts', text: "vi.mock('../x.js', () => ({}));" },
      { path: 'tests/shared/b.test.ts', text: 'vi.doMock("y")' },
      { path: 'tests/shared/c.test.ts', text: 'it("mocks nothing", () => {})' },
      { path: 'tests/shared/d.test.ts', text: "vi.mock('z')" },
      { path: 'tests/server/e.test.ts', text: "vi.mock('z')" },
      { path: 'tests/server/f/g.test.ts', text: "vi.mock('z')" },
      { path: 'tests/addin/h.test.ts', text: "vi.mock('z')" },
    ];
    expect(mockingShared(files, ['tests/shared/**/*.test.ts'], ['tests/shared/d.test.ts'])).toEqual(['tests/shared/a.test.ts', 'tests/shared/b.test.ts']);
    // A folder's own files: not those of its sub-folders.
    expect(mockingShared(files, ['tests/server/*.test.ts'], [])).toEqual(['tests/server/e.test.ts']);
  });

  it('runs no file that mocks a module in a shared worker', () => {
    // This file mocks nothing: its samples above name `vi.mock` in strings.
    const self = relative(ROOT, import.meta.filename);
    const files = testFiles(join(ROOT, 'tests')).filter((path) => path !== self).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
    expect(mockingShared(files, SHARED_WORKERS, KEPT_ISOLATED)).toEqual([]);
  });
});
