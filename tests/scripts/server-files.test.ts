/**
 * The build copies the server's shell files (the print launcher) into `dist/server`, executable,
 * where the compiled `print/browser.js` looks for it beside itself.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyServerFiles } from '../../scripts/server-files.js';

const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the build copies the server\'s shell files into dist', () => {
  it.skipIf(process.platform === 'win32')('copies every .sh under server/ to the same place under dist/server, its mode kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-server-files-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'server/print'), { recursive: true });
    writeFileSync(join(dir, 'server/print/launch.sh'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
    writeFileSync(join(dir, 'server/print/browser.ts'), 'export {};\n');
    expect(copyServerFiles(dir)).toEqual([join('dist/server/print/launch.sh')]);
    expect(readFileSync(join(dir, 'dist/server/print/launch.sh'), 'utf8')).toBe('#!/bin/sh\nexec "$@"\n');
    expect(statSync(join(dir, 'dist/server/print/launch.sh')).mode & 0o777).toBe(0o755);
  });

  it('copies the print launcher the compiled print/browser.js looks for', () => {
    expect(statSync(join(root, 'server/print/chromium-features.sh')).mode & 0o111).not.toBe(0);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/^tsc -p tsconfig\.build\.json && .*&& tsx scripts\/server-files\.ts && /);
  });
});
