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

/** The folder a `tests/<folder>/**\/*.test.ts` glob names, with its trailing slash. */
function folderOf(glob: string): string {
  if (!glob.endsWith('/**/*.test.ts')) throw new Error(`shared-worker glob of an unexpected shape: ${glob}`);
  return glob.slice(0, -'**/*.test.ts'.length);
}

/** Files of the shared folders that mock a module and are not kept isolated. */
function mockingShared(files: { path: string; text: string }[], shared: readonly string[], kept: readonly string[]): string[] {
  const folders = shared.map(folderOf);
  return files.filter((f) => folders.some((d) => f.path.startsWith(d)) && !kept.includes(f.path) && MOCKS.test(f.text)).map((f) => f.path);
}

describe('the shared-worker project', () => {
  it('names the rule on samples: a mocking file of a shared folder is found unless kept isolated', () => {
    const files = [
      { path: 'tests/shared/a.test.ts', text: "vi.mock('../x.js', () => ({}));" },
      { path: 'tests/shared/b.test.ts', text: 'vi.doMock("y")' },
      { path: 'tests/shared/c.test.ts', text: 'it("mocks nothing", () => {})' },
      { path: 'tests/shared/d.test.ts', text: "vi.mock('z')" },
      { path: 'tests/server/e.test.ts', text: "vi.mock('z')" },
    ];
    expect(mockingShared(files, ['tests/shared/**/*.test.ts'], ['tests/shared/d.test.ts'])).toEqual(['tests/shared/a.test.ts', 'tests/shared/b.test.ts']);
  });

  it('runs no file that mocks a module in a shared worker', () => {
    const files = testFiles(join(ROOT, 'tests')).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
    expect(mockingShared(files, SHARED_WORKERS, KEPT_ISOLATED)).toEqual([]);
  });
});
