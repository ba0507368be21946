/**
 * `samplan migrate` copies the documents' stored updates byte for byte: a text an older Samplan (or
 * the `sqlite3` shell) stored in a document that the guard now refuses (a personnummer in a cell,
 * a row id, a comment, `meta.title`, a round's close reason in `~rounds`) stops the migration
 * before anything is written, named by document and place, never by the text. The sources are
 * written with raw SQL, past the storage adapters and the server's update checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusedDocTexts, refusedTextsOf } from '../../server/migrate-doc-texts.js';
import { assertCopyableTexts, RefusedTextError } from '../../server/migrate-texts.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { createDoc, markMade } from '../../shared/doc/create.js';
import { drawnIdShape } from '../../shared/doc/ids.js';
import { kindDef } from '../../shared/schema/index.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';
import { FLAGGED } from '../support/personnummer-spellings.js';
import { SPLIT_FLAGGED } from '../support/personnummer-spellings-more.js';

const AT = '2026-01-01T00:00:00.000Z';

/** A plan as the server makes one, with `edit` applied after. */
function plan(title: string, edit: (doc: Y.Doc) => void = () => undefined): Y.Doc {
  const doc = createDoc('activity-plan', { title, ownerUnit: 'vc-a', schemaVersion: kindDef('activity-plan').schemaVersion });
  markMade(doc);
  edit(doc);
  return doc;
}

/** A row `id` holding `cells`, as a client writes one. */
function addRow(doc: Y.Doc, id: string, cells: Record<string, unknown>): void {
  const row = new Y.Map<unknown>();
  doc.getMap('rows').set(id, row);
  for (const [k, v] of Object.entries(cells)) row.set(k, v);
}

/** Append `doc`'s state to the source's update log with raw SQL, as update `seq` of `ws/id`. */
function insertState(db: Database.Database, id: string, doc: Y.Doc, seq = 1): void {
  db.prepare('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)').run('ws1', id, seq, AT, 'anna', Buffer.from(Y.encodeStateAsUpdate(doc)));
}

/** A few spellings of every kind: plain, other scripts, spaces, dashes, split by words. */
const SPELLINGS = [
  ...FLAGGED.filter((_, i) => i % 6 === 0).map(([text]) => text),
  '８５０１０１－１２３６',
  '٨٥٠١٠١-١٢٣٦',
  '850101\u200B1236',
  ...SPLIT_FLAGGED.slice(0, 3).map(([text]) => text),
];

describe('the texts of a document as migrate scans them', () => {
  /** Each place a text is stored in a document, writing `text` there. */
  const PLACES: [place: string, write: (doc: Y.Doc, text: string) => void][] = [
    ['rows/r1/activity', (doc, t) => addRow(doc, 'r1', { activity: `Ring ${t}` })],
    ['rows/[personnummer]', (doc, t) => addRow(doc, t, { activity: 'Promenad' })],
    ['rows/r1/[personnummer]', (doc, t) => addRow(doc, 'r1', { [t]: 'x' })],
    ['meta/title', (doc, t) => doc.getMap('meta').set('title', `Plan ${t}`)],
    ['comments/c1/text', (doc, t) => {
      const c = new Y.Map<unknown>();
      doc.getMap('comments').set('c1', c);
      c.set('row', 'r1');
      c.set('text', t);
    }],
    ['closures/2026-q1/reason', (doc, t) => doc.getMap<string>('closures').set('2026-q1', JSON.stringify({ closed: true, reason: `Saknas ${t}`, at: AT }))],
    ['rows/r1/note', (doc, t) => {
      // A text typed one character at a time is one text to whoever reads it.
      const text = new Y.Text();
      addRow(doc, 'r1', { note: text });
      for (const ch of t) text.insert(text.length, ch);
    }],
  ];

  it.each(PLACES)('finds every spelling written at %s, naming the place and never the number', (place, write) => {
    for (const spelling of SPELLINGS) {
      const doc = plan('Plan', (d) => write(d, spelling));
      const found = refusedTextsOf(doc);
      // A row id of the shape Samplan draws ids in is an id (`id-places.ts`): `P850101x1236`.
      const anId = place === 'rows/[personnummer]' && drawnIdShape(spelling);
      // A key holding the number is shown masked, what is around the number kept.
      expect(found, spelling).toEqual(anId ? [] : [[place.replace('[personnummer]', () => redactPersonnummer(spelling, '[personnummer]')), 'a personnummer']]);
      expect(JSON.stringify(found)).not.toMatch(/1236|9876/);
      doc.destroy();
    }
  });

  it('finds a number stored as a number, and a bidirectional override in the title', () => {
    expect(refusedTextsOf(plan('Plan', (d) => addRow(d, 'r1', { activity: 8501011236 })))).toEqual([['rows/r1/activity', 'a personnummer']]);
    expect(refusedTextsOf(plan('Plan \u202eA'))).toEqual([['meta/title', 'U+202E']]);
  });

  it('passes what the guard accepts: phone numbers, dates, times, organisationsnummer', () => {
    const doc = plan('Plan 2026-05-01–2026-12-31', (d) => {
      addRow(d, 'r1', { activity: 'Ring 070-123 45 67', partner: '556036-0793', start: '2026-03-01', at: AT });
      d.getMap<string>('closures').set('2026-q1', JSON.stringify({ closed: true, at: '2026-03-31T12:00:00.000Z', by: 'anna' }));
    });
    expect(refusedTextsOf(doc)).toEqual([]);
  });

  it("reads a round's JSON value by its fields: a reason's label word does not make the server's timestamp beside it a number", () => {
    // Read as one text, `pnr` of the reason names `2026-03-02T09:14` as a number; the door judged the reason alone.
    const at = '2026-03-02T09:14:03.512Z';
    const closure = { round: '2026-q1', closed: true, by: 'anna', at, reason: 'Kontrollera pnr-rutinen', history: [{ action: 'close', by: 'anna', at, reason: 'Kontrollera pnr-rutinen' }] };
    const doc = plan('Plan', (d) => d.getMap<string>('closures').set('2026-q1', JSON.stringify(closure)));
    expect(refusedTextsOf(doc)).toEqual([]);
    // The same fields with a number in the reason are found, by the reason's path.
    const held = plan('Plan', (d) => d.getMap<string>('closures').set('2026-q1', JSON.stringify({ ...closure, reason: 'pnr 850101-1236', history: [] })));
    expect(refusedTextsOf(held)).toEqual([['closures/2026-q1/reason', 'a personnummer']]);
  });
});

describe('samplan migrate and document texts the guard refuses', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-migrate-doc-texts-'));
    file = path.join(dir, 'samplan.db');
    const s = openSqliteStorage(file);
    await s.putWorkspace({ id: 'ws1', name: 'Region', createdAt: AT });
    await s.putUnit({ workspace: 'ws1', code: 'vc-a', name: 'Vårdcentral A', parent: null });
    for (const doc of ['plan-a', 'plan-b', 'plan-c']) {
      await s.putDocRecord({ workspace: 'ws1', doc, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT });
    }
    await s.putMember({ workspace: 'ws1', id: 'anna', name: 'Anna Ek', role: 'admin', units: [] });
    await s.close();
    const db = new Database(file);
    insertState(db, 'plan-a', plan('Plan', (d) => addRow(d, 'r1', { activity: 'Ring Eva 850101-1236' })));
    insertState(db, 'plan-b', plan('Plan'));
    // A snapshot (V2) holding a comment, as compaction writes one.
    const b = plan('Plan', (d) => {
      const c = new Y.Map<unknown>();
      d.getMap('comments').set('c1', c);
      c.set('text', 'pnr ８５０１０１－１２３６');
    });
    db.prepare('INSERT INTO snapshots (workspace, doc, upto_seq, at, data) VALUES (?, ?, ?, ?, ?)').run('ws1', 'plan-b', 1, AT, Buffer.from(Y.encodeStateAsUpdateV2(b)));
    insertState(db, 'plan-c', plan('Plan 2026, 070-123 45 67'));
    // Typed, then changed: the live state passes, the first update still holds the number.
    const d = plan('Plan', (doc) => addRow(doc, 'r1', { activity: 'Ring Eva 850101-1236' }));
    insertState(db, 'plan-d', d);
    const typed = Y.encodeStateVector(d);
    d.getMap<Y.Map<unknown>>('rows').get('r1')?.set('activity', 'Ring Eva');
    db.prepare('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)').run('ws1', 'plan-d', 2, AT, 'anna', Buffer.from(Y.encodeStateAsUpdate(d, typed)));
    const rounds = new Y.Doc();
    rounds.getMap<string>('closures').set('2026-q1', JSON.stringify({ closed: true, reason: 'Eva 19850101-1236 saknas', at: AT }));
    insertState(db, '~rounds', rounds);
    db.prepare('INSERT INTO member_removals (workspace, member_id, removed_by, removed_at) VALUES (?, ?, ?, ?)').run('ws1', '850101-1236', 'anna', AT);
    db.prepare("INSERT INTO audit (id, at, workspace, doc, member_id, action, bytes, detail) VALUES (9, ?, 'ws1', '8501011236', 'anna', 'open', 0, NULL)").run(AT);
    db.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses before writing anything, naming each document and place but never the text', async () => {
    const before = fs.readFileSync(file);
    const lines: string[] = [];
    // The scan `samplan migrate` runs on the source once the target answers (migrate.ts), read-only.
    const source = new Database(file, { readonly: true, fileMustExist: true });
    const error = await assertCopyableTexts(source, file, (l) => lines.push(l.en)).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(RefusedTextError);
    const message = (error as Error).message;
    expect(message).toMatch(/^9 records of the source hold text Samplan now refuses .*nothing was copied\./);
    expect(message).toContain('member_removals ws1/[personnummer]: member_id holds a personnummer');
    expect(message).toContain('audit ws1/9: doc holds a personnummer');
    expect(message).toContain('document ws1/plan-a: rows/r1/activity holds a personnummer');
    expect(message).toContain('document ws1/plan-b: comments/c1/text holds a personnummer');
    expect(message).toContain('document ws1/~rounds: closures/2026-q1/reason holds a personnummer');
    // History: where the live text holds it too, and where only the history does (plan-d).
    expect(message).toContain('history ws1/plan-a: update 1 holds a personnummer');
    expect(message).toContain('history ws1/plan-b: snapshot holds a personnummer');
    expect(message).toContain('history ws1/~rounds: update 1 holds a personnummer');
    expect(message).toContain('history ws1/plan-d: update 1 holds a personnummer');
    expect(message).not.toContain('document ws1/plan-d');
    expect(message).not.toContain('plan-d: update 2');
    expect(message).toContain('samplan history drop ws/<doc> --db <file>');
    expect(message).not.toContain('plan-c');
    expect(message).not.toMatch(/850101|１２３６|1236|Eva/);
    expect(lines).toContain('scanned 5/5 documents');
    source.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('scans a few hundred documents in one linear pass', async () => {
    const db = new Database(file);
    db.prepare("DELETE FROM update_log WHERE workspace = 'ws1'").run();
    db.prepare('DELETE FROM snapshots').run();
    const add = db.transaction(() => {
      for (let i = 0; i < 300; i++) insertState(db, `plan-${i}`, plan(`Plan ${i}`, (d) => addRow(d, 'r1', { activity: `Promenad ${i}, ring 070-123 45 ${String(i % 100).padStart(2, '0')}` })));
    });
    add();
    db.close();
    const lines: string[] = [];
    const started = performance.now();
    expect(await refusedDocTexts(file, (l) => lines.push(l.en))).toEqual([]);
    const ms = performance.now() - started;
    // The three document records of the fixture stay, without state.
    expect(lines.at(-1)).toBe('scanned 303/303 documents');
    expect(lines).toHaveLength(7);
    // Generous for a loaded machine: a few milliseconds a document.
    expect(ms).toBeLessThan(20_000);
  });
});
