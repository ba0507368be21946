/**
 * The examples of `samplan <command> --help` work when pasted, in the order a new team reads them
 * (workspace, unit, member, token) against a new database. An example with a placeholder in angle
 * brackets (`<id from token list>`) is a template, not run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { examplesOf } from '../../server/cli-usage.js';
import { cli } from './cli-capture.js';

/** Words of a command line as a shell splits them (double quotes kept together). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samplan-help-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('samplan --help examples', () => {
  it('run as pasted, in order, on a new database: workspace, unit, member, token', async () => {
    const db = join(dir, 'samplan.db');
    const order = ['workspace', 'unit', 'member', 'token'] as const;
    // member remove last, after the token example that names the member.
    const lines = order.flatMap((name) => examplesOf(name, 'en').filter((e) => !/<[^>]+>/.test(e)));
    const removal = lines.filter((l) => l.includes('member remove'));
    const ran: string[] = [];
    for (const line of [...lines.filter((l) => !removal.includes(l)), ...removal]) {
      const [samplan, ...args] = words(line);
      expect(samplan).toBe('samplan');
      const result = await cli([...args, '--db', db]);
      expect({ line, code: result.code, err: result.err }).toEqual({ line, code: 0, err: '' });
      ran.push(line);
    }
    expect(ran.length).toBeGreaterThanOrEqual(9);
  });
});
