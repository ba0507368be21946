/**
 * A record that passes its own checks but whose bytes the raw-byte personnummer net reads a number
 * in (`ＰＰ850101x1236`: fullwidth letters the text guard reads as letters, the raw net's Latin-1
 * reading as symbols) made the room refuse the import's whole update: 422
 * `update-refused-personnummer`, no record named, nothing of the file imported, over REST; and
 * `samplan import`, whose write takes no room's check, stored it. Now the planned update is judged
 * as the room judges it, and the records responsible are refused alone, by row and column, the
 * dry run alike; the rest is imported. The number is never echoed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { importCommand } from '../../../server/cli-import.js';
import { atRisk } from '../../../server/http/import-plan-check.js';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { csvOf, importAnswer } from '../../support/import-answer.js';
import { makeFixture, WS, type Fixture } from './support.js';

/** Passes the text guard, not the raw-byte net. */
const HIDDEN = 'ＰＰ850101x1236';
const ECHO = /850101|1236/;

const csv = (comments: readonly string[]): string => csvOf(['Aktivitet', 'Typ', 'Kommentar'], comments.map((c, i) => [`Rad ${i + 1}`, 'halsodag', c]));

describe('an import whose planned update the room would refuse for one record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-plan-'));
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const post = (body: string, dryRun: boolean) => importAnswer(f, 'plan-a', body, { dryRun });

  it('is the premise: the value passes the text guard and the whole update is refused by the raw net', () => {
    expect(findPersonnummer(HIDDEN)).toBeNull();
    const doc = new Y.Doc();
    const made = (() => {
      const copy = new Y.Doc();
      // A client id whose first byte (0x85) no UTF-8 reading takes, as most random ones have one.
      copy.clientID = 0x10000005;
      const rows = copy.getMap('rows');
      const row = new Y.Map();
      rows.set('Aa1bB2cC3dD4', row);
      row.set('comment', HIDDEN);
      return Y.encodeStateAsUpdate(copy);
    })();
    expect(checkUpdate(doc, made, { kind: 'activity-plan' })).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('judges again only a record whose texts the net, reading them as an update, finds a number in', () => {
    const record = (comment: string) => ({ rowId: '', isNew: true, values: { title: 'Gympa', comment } });
    expect(atRisk(record(HIDDEN))).toBe(true);
    expect(atRisk(record('Ring 070-123 45 67 för Åsa'))).toBe(false);
    expect(atRisk(record('Ring 070-123 45 67'))).toBe(false);
  });

  it('refuses that record alone, by row and column, and imports the rest; the dry run says the same', async () => {
    const body = csv(['Ring Anna', HIDDEN, 'Ta med vatten']);
    const dry = await post(body, true);
    const real = await post(body, false);
    for (const summary of [dry, real]) {
      expect(summary.imported).toBe(2);
      expect(summary.refused.map((r) => [r.record, r.row, r.code])).toEqual([[2, 3, 'personnummer']]);
      expect(summary.refused[0]?.message.sv).toMatch(/^Rad 3 i filen: Kolumnen "Kommentar" innehåller ett personnummer/);
      expect(summary.refused[0]?.message.en).toMatch(/^Row 3 of the file: The column "Comment" contains a personal identity number/);
      expect(summary.taken.map((t) => t.record)).toEqual([1, 3]);
      expect(JSON.stringify(summary)).not.toMatch(ECHO);
    }
    const titles = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);
    expect(titles).toEqual(expect.arrayContaining(['Rad 1', 'Rad 3']));
    expect(titles).not.toContain('Rad 2');
  });

  it('finds each of several such records among many by halving the plan', async () => {
    const comments = Array.from({ length: 40 }, (_, i) => (i === 6 || i === 31 ? HIDDEN : `Anteckning ${i + 1}`));
    const summary = await post(csv(comments), false);
    expect(summary.refused.map((r) => r.record)).toEqual([7, 32]);
    expect(summary.imported).toBe(38);
  });

  it('is refused alone by samplan import too, which stores nothing of it and exits 2', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const said: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
    const file = join(dir, 'plan.csv');
    writeFileSync(file, csv(['Ring Anna', HIDDEN]));
    expect(await importCommand([WS, 'plan-a', file], { lang: 'en' }, (fn) => fn(f.storage), {})).toBe(2);
    const doc = await loadFromStorage(f.storage, { workspace: WS, doc: 'plan-a' });
    const comments = rowsOf(doc).map((r) => r.values.comment);
    doc.destroy();
    expect(comments).toContain('Ring Anna');
    expect(comments).not.toContain(HIDDEN);
    expect(said.join('\n')).toMatch(/Comment/);
    expect(said.join('\n')).not.toMatch(ECHO);
  });
});
