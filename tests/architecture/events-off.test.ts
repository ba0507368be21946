/**
 * Excel applies a batch's commands up to the one that fails, so a request that turned the add-in's
 * events off and was then refused part-way left them off: what the person typed from then on never
 * reached the document. Every request that turns events off goes through `quietRequest`
 * (`addin/excel/sheet/quiet-request.ts`), whose `quietSync` queues both ends (off before the
 * commands it is given, on after them) and which turns them back on after a refusal; no other file
 * of the add-in may set `enableEvents` at all, so no body can forget to turn them on again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const HELPER = 'addin/excel/sheet/quiet-request.ts';
// Any assignment (`= false`, `= true`, `= on`), not a comparison.
const SETS = /enableEvents['"\]]*\s*=(?!=)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|js|mjs)$/.test(e.name) ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

describe('turning events off', () => {
  it('happens only in quietRequest, which turns them on again after its commands and after a refused request', () => {
    const files = sources(join(ROOT, 'addin'));
    expect(files).toContain(HELPER);
    const setting = files.filter((f) => SETS.test(readFileSync(join(ROOT, f), 'utf8')));
    // The helper itself is found, so the pattern does match what it forbids.
    expect(setting).toContain(HELPER);
    expect(setting.filter((f) => f !== HELPER)).toEqual([]);
  });
});
