/**
 * `samplan history drop` given a workspace alone (`samplan history drop hbi-stockholm`) was told
 * "Missing <workspace>/<doc>", as if nothing had been typed: it now says the name is a
 * workspace's and gives the two commands that take one.
 */
import { describe, expect, it } from 'vitest';
import { checkHistoryArguments } from '../../server/cli-history-args.js';

describe('samplan history drop of a workspace alone', () => {
  it('says the name is a workspace and how to name a document or drop every flagged one', () => {
    expect(() => checkHistoryArguments('drop', ['hbi-stockholm'], {}, null)).toThrow(
      '"hbi-stockholm" names a workspace, not a document: samplan history drop takes one document, hbi-stockholm/<doc>, or --all-flagged hbi-stockholm to drop the history of every document of it the scan flags.',
    );
  });

  it('echoes no identity number typed as the workspace', () => {
    expect(() => checkHistoryArguments('drop', ['vc-811218-9876'], {}, null)).toThrow(/^"vc-\[redacted\]" names a workspace, not a document: samplan history drop takes one document, vc-\[redacted\]\/<doc>, or --all-flagged vc-\[redacted\] to/);
  });

  it('still says what is missing when nothing is named', () => {
    expect(() => checkHistoryArguments('drop', [], {}, null)).toThrow('Missing <workspace>/<doc> (or --all-flagged to drop the history of every document the scan flags, or --key <n> for the rows under a key no document has).');
  });

  it('takes the workspace with --all-flagged', () => {
    expect(checkHistoryArguments('drop', ['hbi-stockholm'], { 'all-flagged': true }, null)).toMatchObject({ target: { workspace: 'hbi-stockholm', doc: null }, all: true });
  });
});

describe('samplan history drop --key', () => {
  it('takes every key a row of SQLite may have, 0 and below too, and no other text', () => {
    for (const key of [-(2 ** 31), -1, 0, 7, 2 ** 31 - 1]) expect(checkHistoryArguments('drop', [], { key: String(key) }, null).key).toBe(key);
    for (const text of ['2147483648', '-2147483649', '1e3', '-0', '07', ' 7', '0x10', '']) {
      expect(() => checkHistoryArguments('drop', [], { key: text }, null)).toThrow(`--key takes the number samplan history scan printed (key 7: --key 7; key -1: --key=-1), not "${text}".`);
    }
  });
});
