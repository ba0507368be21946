/**
 * The update check reads Yjs' V1 encoding byte by byte (`cell-write.ts`, `v1-bytes.ts`, the raw
 * net's readings of an update) and integrates structs as Yjs 13.6.33 does (`key-winner.ts`): a
 * newer Yjs or lib0 that encodes or settles otherwise must come in by a change that says so and
 * runs these checks' tests, never by a fresh install. So both are pinned to one version, and the
 * lock file and the copies installed are those versions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
  packages?: Record<string, Manifest>;
}

const read = (path: string): Manifest => JSON.parse(readFileSync(ROOT + path, 'utf8')) as Manifest;

describe('the Yjs the update check was written against', () => {
  it.each([
    ['yjs', '13.6.33'],
    ['lib0', '0.2.120'],
  ])('pins %s to %s in package.json and the lock file, and that is the one installed', (name, version) => {
    expect(read('package.json').dependencies?.[name]).toBe(version);
    const lock = read('package-lock.json').packages;
    expect(lock?.['']?.dependencies?.[name]).toBe(version);
    expect(lock?.[`node_modules/${name}`]?.version).toBe(version);
    expect(read(`node_modules/${name}/package.json`).version).toBe(version);
  });
});
