/**
 * A bad flag is refused in the CLI's words, not zod's ("Too small: expected string to have >=1
 * characters"): `workspace create`, `unit add`, `member add`, `rounds close --reason`, through `main`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEn } from './cli-capture.js';

const ZOD_ENGLISH = /Too (small|big)|Invalid (input|option|string)|expected (string|one of)|received/;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samplan-cli-words-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('samplan flag refusals', () => {
  it('says an empty --name must not be empty, for a workspace and a unit', async () => {
    const db = join(dir, 'samplan.db');
    const ws = await cliEn(['workspace', 'create', '--id', 'hbi-x', '--name', '', '--db', db]);
    expect(ws.code).toBe(2);
    expect(ws.err).toContain('--name must not be empty.');
    expect(ws.err).not.toMatch(ZOD_ENGLISH);
    expect((await cliEn(['workspace', 'create', '--id', 'hbi-x', '--name', 'X', '--db', db])).code).toBe(0);
    const unit = await cliEn(['unit', 'add', '--workspace', 'hbi-x', '--code', 'region', '--name', '', '--db', db]);
    expect(unit.code).toBe(2);
    expect(unit.err).toMatch(/--name must not be empty\./);
    expect(unit.err).not.toMatch(ZOD_ENGLISH);
  });

  it('says an empty --name of a member must not be empty', async () => {
    const db = join(dir, 'samplan.db');
    const member = await cliEn(['member', 'add', '--workspace', 'hbi-x', '--id', 'anna@x.se', '--name', '', '--role', 'editor', '--db', db]);
    expect(member.code).toBe(2);
    expect(member.err).toContain('--name must not be empty.');
    expect(member.err).not.toMatch(ZOD_ENGLISH);
  });
});
