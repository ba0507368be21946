import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markBinsExecutable } from '../../scripts/bin-executable.js';

/** `npx samplan` in a checkout runs the built `dist/server/cli.js` only when the build left it executable. */
const root = resolve(__dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the build marks the package commands executable', () => {
  it.skipIf(process.platform === 'win32')('adds x where r is, to each bin file that exists, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-bin-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', bin: { x: 'dist/cli.js', y: 'dist/missing.js' } }));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/cli.js'), '#!/usr/bin/env node\n', { mode: 0o640 });
    expect(markBinsExecutable(dir)).toEqual(['dist/cli.js']);
    expect(statSync(join(dir, 'dist/cli.js')).mode & 0o777).toBe(0o750);
    expect(markBinsExecutable(dir)).toEqual([]);
  });

  it('is the build script\'s last step, after tsc writes the command', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin).toEqual({ samplan: 'dist/server/cli.js' });
    expect(pkg.scripts.build).toMatch(/^tsc -p tsconfig\.build\.json && .* && tsx scripts\/bin-executable\.ts$/);
  });
});
