/**
 * Where `samplan export --out` and `samplan report --out/--pdf` may write (`checkOutputFile`): never
 * onto a file of the SQLite database or of the server running on it. An export written onto the
 * notice file was emptied by the server watching it, and one onto the demo's token file lost the
 * demo's tokens; both are refused now, as the database's log and lock files were.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFile } from '../../server/output-file.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-output-file-'));
const db = join(dir, 'samplan.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkOutputFile', () => {
  it.each([
    ['.notice', "the running server's notice file"],
    ['.demo-tokens.json', "the demo's token file"],
    ['.pid', "the running server's pid file"],
    ['.journal', "the running server's journal of edits not yet in the database"],
    ['.journal-share', 'the folder where the server and the commands meet on the database'],
  ])('refuses <db>%s in words and leaves it as it was', (suffix, what) => {
    const file = `${db}${suffix}`;
    writeFileSync(file, 'kept');
    expect(() => checkOutputFile(file, db, 'export')).toThrow(`samplan export will not write onto ${file}: it is ${what} (${file}). Name a file of its own, such as plan.xlsx.`);
    expect(readFileSync(file, 'utf8')).toBe('kept');
  });

  it('takes a file beside the database that is none of its own', () => {
    expect(checkOutputFile(join(dir, 'samplan.db.csv'), db, 'export')).toBe(join(dir, 'samplan.db.csv'));
  });
});
