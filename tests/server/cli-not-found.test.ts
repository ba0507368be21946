/**
 * Something a command names that is not there is a refusal, exit 2, whatever it is: a workspace
 * was refused with 2, a document, a member or a unit that the API answers 404 for ended as a
 * failure, exit 1, as a broken disk does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEn } from './cli-capture.js';

describe('samplan: what is not there', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-not-found-'));
  const db = join(dir, 'samplan.db');
  const csv = join(dir, 'plan.csv');
  beforeAll(async () => {
    writeFileSync(csv, 'Aktivitet\nPromenadgrupp\n');
    expect((await cliEn(['workspace', 'create', '--id', 'ws', '--name', 'Region', '--db', db])).code).toBe(0);
    expect((await cliEn(['unit', 'add', '--workspace', 'ws', '--code', 'vc-a', '--name', 'VC A', '--db', db])).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a workspace', ['export', 'nowhere', 'plan'], /^samplan: There is no workspace "nowhere" in this database; it has ws\.$/],
    ['a document to export', ['export', 'ws', 'plan'], /^samplan: There is no document "plan" in workspace "ws"\.$/],
    ['a document to import into', ['import', 'ws', 'plan', csv], /^samplan: There is no document "plan" in workspace "ws"\.$/],
    ['a member to make a token for', ['token', 'create', '--workspace', 'ws', '--member', 'nina'], /^samplan: There is no member "nina" in workspace "ws"\.$/],
    ['a member to remove', ['member', 'remove', '--workspace', 'ws', '--id', 'nina'], /^samplan: There is no member "nina" in ws;/],
    ['a unit of a member', ['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', 'Nina', '--role', 'editor', '--units', 'vc-b'], /^samplan: The workspace has no unit vc-b; did you mean vc-a\?$/],
    ['a parent unit', ['unit', 'add', '--workspace', 'ws', '--code', 'vc-c', '--name', 'VC C', '--parent', 'vc-b'], /^samplan: The workspace has no unit vc-b; did you mean vc-a\?$/],
    ['a unit far from any', ['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', 'Nina', '--role', 'editor', '--units', 'rinkeby'], /^samplan: The workspace has no unit rinkeby\.$/],
    ['a unit to rename', ['unit', 'rename', '--workspace', 'ws', '--code', 'vc-b', '--name', 'VC B'], /^samplan: Workspace ws has no unit with code "vc-b"/],
    ['a member to define a round as', ['rounds', 'define', '--workspace', 'ws', '--period', '2026 kv 1', '--due', '2026-04-15', '--member', 'nobody'], /^samplan: There is no member "nobody" in ws; samplan member list --workspace ws lists them\.$/],
  ])('refuses %s that is not there with exit 2 and one line, changing nothing', async (_what, args, line) => {
    const run = await cliEn([...args, '--db', db]);
    expect(run).toMatchObject({ code: 2, out: '' });
    expect(run.err).toMatch(line);
    expect(run.err.split('\n')).toHaveLength(1);
    expect((await cliEn(['member', 'list', '--workspace', 'ws', '--db', db])).out).toBe('');
    expect((await cliEn(['unit', 'list', '--workspace', 'ws', '--db', db])).out).toBe('vc-a\t-\tVC A');
    expect((await cliEn(['rounds', 'list', '--workspace', 'ws', '--db', db])).out).toBe('');
  });

  it('refuses a token expiry that has passed with exit 2, as a wrong --expires is', async () => {
    const run = await cliEn(['token', 'create', '--workspace', 'ws', '--member', 'nina', '--expires', '2020-01-01', '--db', db]);
    expect(run).toEqual({ code: 2, out: '', err: 'samplan: The expiry time has already passed.' });
  });
});
