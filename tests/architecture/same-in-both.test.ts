/**
 * The text that is the same in both languages (`{ sv: text, en: text }`: a command line, a name, a
 * driver's words) is made by one function, `both` of `server/cli-lang.ts`: it was written three
 * times (the help table's, the connection errors', migrate's target's), each file its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every `.ts` file under `dir` (relative to the root), tests and declaration files left out. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * A function of one text whose whole body gives it as both languages: `function x(t) { return { sv: t, en: t }; }`
 * or `const x = (t) => ({ sv: t, en: t })`, its parameter typed or not.
 */
const SAME_IN_BOTH =
  /function\s+(\w+)\s*\(\s*(\w+)[^)]*\)[^{]*\{\s*return\s*\{\s*sv:\s*\2\s*,\s*en:\s*\2\s*\};?\s*\}|const\s+(\w+)\s*=\s*\(\s*(\w+)[^)]*\)[^=]*=>\s*\(\{\s*sv:\s*\4\s*,\s*en:\s*\4\s*\}\)/g;

describe('a text the same in both languages', () => {
  it('is made by one function, in cli-lang.ts', () => {
    const found = ['server', 'shared', 'addin'].flatMap(tsFiles).flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(SAME_IN_BOTH)].map((m) => `${file}: ${m[1] ?? m[3]}`));
    expect(found).toEqual([join('server', 'cli-lang.ts') + ': both']);
  });
});
