/**
 * A command refused for the person's mistake exits 2 with the API's sentence, nothing written: a
 * unit code or a workspace id that is taken, a unit name like another's, a unit put under itself,
 * an editor given no unit. A taken unit code ended as a failure, exit 1, as a broken disk does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEn } from './cli-capture.js';

describe('samplan: a mistake the store refuses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-mistakes-'));
  const db = join(dir, 'samplan.db');
  beforeAll(async () => {
    expect((await cliEn(['workspace', 'create', '--id', 'ws', '--name', 'Region', '--db', db])).code).toBe(0);
    expect((await cliEn(['unit', 'add', '--workspace', 'ws', '--code', 'region', '--name', 'Region', '--db', db])).code).toBe(0);
    expect((await cliEn(['unit', 'add', '--workspace', 'ws', '--code', 'vc-a', '--name', 'VC A', '--parent', 'region', '--db', db])).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a unit code that is taken', ['unit', 'add', '--workspace', 'ws', '--code', 'vc-a', '--name', 'VC B'], /^samplan: The workspace already has a unit vc-a; use unit rename\.$/],
    ['a workspace id that is taken', ['workspace', 'create', '--id', 'ws', '--name', 'Annan region'], /^samplan: There is already a workspace "ws"\.$/],
    ['a unit name like another’s', ['unit', 'add', '--workspace', 'ws', '--code', 'vc-b', '--name', 'vc  a'], /^samplan: The workspace already has a unit named "VC A" \(vc-a\);/],
    ['a unit put under itself', ['unit', 'rename', '--workspace', 'ws', '--code', 'region', '--name', 'Region', '--parent', 'vc-a'], /^samplan: Unit region cannot be placed under vc-a, which lies under it\.$/],
    ['an editor given no unit', ['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', 'Nina', '--role', 'editor'], /^samplan: An editor must belong to at least one unit/],
  ])('refuses %s with exit 2 and one line, changing nothing', async (_what, args, line) => {
    const run = await cliEn([...args, '--db', db]);
    expect(run).toMatchObject({ code: 2, out: '' });
    expect(run.err).toMatch(line);
    expect(run.err.split('\n')).toHaveLength(1);
    expect((await cliEn(['unit', 'list', '--workspace', 'ws', '--db', db])).out).toBe('region\t-\tRegion\nvc-a\tregion\tVC A');
    expect((await cliEn(['member', 'list', '--workspace', 'ws', '--db', db])).out).toBe('');
  });
});
