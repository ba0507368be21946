/**
 * `samplan history scan` reads every place SQLite and PostgreSQL keep a document's bytes in, each
 * decoded as what it is: a number planted straight into the database, in a spelling the raw-byte
 * net cannot see in those bytes, is named by its place. The spellings: a text typed in two pieces
 * by two people (`Ring Eva 850101` then `-1236`: their items stand apart in every encoding, each
 * client's structs together); a title whose label `född` a V2 encoding joins to the key before it
 * (`titlefödd 850101 nr 1236`: V2 writes all strings of an update as one); a take-back key whose
 * label is cut by control characters (the guard reads them as nothing; the net joins at most four
 * runs). The old scan read these places as raw bytes only (and the fresh state and take-backs
 * never decoded), and said "No personnummer" for each.
 */
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import * as encoding from 'lib0/encoding';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyCommand } from '../../server/cli-history.js';
import { dropHistory } from '../../server/history-drop.js';
import { scanDocHistory, scanHeldHistory, type UndecodablePart } from '../../server/history-scan.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { encodeFresh } from '../../server/sync/fresh-state.js';
import { createDoc, insertRows } from '../../shared/doc/index.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { findPersonnummerInBytes } from '../../shared/validate/raw-scan.js';
import { kindDef } from '../../shared/schema/index.js';
import { DAMAGED_UPDATE } from '../support/damaged-update.js';
import { listenedClient } from '../support/listened-client.js';
import { servicesMissing } from '../support/services.js';
import { tempStores } from '../support/temp-stores.js';
import { usePostgres } from '../support/use-services.js';

const stores = tempStores();
const WS = 'ws';
const plan = { workspace: WS, doc: 'plan' };
const AT = '2026-02-01T08:00:00.000Z';

/** A state holding `Ring Eva 850101-1236` in a text, typed in two pieces by two clients. */
function typedInTwo(): Y.Doc {
  const a = new Y.Doc();
  a.clientID = 1001;
  a.getText('note').insert(0, 'Ring Eva 850101');
  const b = new Y.Doc();
  b.clientID = 2_000_002;
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  b.getText('note').insert('Ring Eva 850101'.length, '-1236');
  b.getMap('meta').set('title', 'Anteckning');
  return b;
}

/**
 * A V2 update setting the title {@link CUT_LABEL} and a row: its strings are written as one
 * (`…title` then the title), and a byte of the encoding follows the title's last digit. The label
 * cut by control characters hides the number from the raw-byte net, which reads the bytes as they
 * lie; the title read alone is a number (`född 850101 nr 1236` once hid so, by the letter after it,
 * until a letter after the serial of words set apart was read as a number with a letter after it).
 */
function v2Title(): Uint8Array {
  const d = new Y.Doc();
  d.clientID = 3003;
  d.getMap('meta').set('title', CUT_LABEL);
  d.getMap('rows').set('r1', 'x');
  return Y.encodeStateAsUpdateV2(d);
}

/** A take-back (`take-back-wire.ts` layout) of key `key` in root map `rows`. */
function takeBack(key: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 0);
  encoding.writeFloat64(e, Date.parse(AT));
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, 'rows');
  encoding.writeVarString(e, key);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(e);
}

/** `Personnr 1995-02-11 00:01` with a control character after each letter of the label. */
const CUT_LABEL = 'P\u0001e\u0001r\u0001s\u0001o\u0001n\u0001n\u0001r 1995-02-11 00:01';

/** One way to write SQL straight into a store's database (`?` placeholders). */
type Run = (sql: string, params: unknown[]) => Promise<void>;

/** A store holding `plan` (one row, update 1, compacted at 1 with its fresh state), and how to write into its database. */
interface Backend {
  open(): Promise<{ store: Storage; run: Run }>;
}

async function seeded(store: Storage): Promise<void> {
  await store.putWorkspace({ id: WS, name: 'Region', createdAt: AT });
  await store.putDocRecord({ ...plan, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc', createdAt: AT, updatedAt: AT });
  const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc', schemaVersion: kindDef('activity-plan').schemaVersion });
  insertRows(doc, [{ title: 'Promenadgrupp' }]);
  await store.appendUpdates(plan, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
  await store.compact(plan, Y.encodeStateAsUpdateV2(doc), 1, encodeFresh(doc));
}

const sqlite: Backend = {
  async open() {
    const file = stores.dbFile('history-scan-places');
    const store = stores.keep(openSqliteStorage(file));
    await seeded(store);
    const run: Run = async (sql, params) => {
      const db = new Database(file);
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    };
    return { store, run };
  },
};

const pg = servicesMissing() === null ? usePostgres() : null;
let pgDbs = 0;
const clients: { end(): Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.end();
});
const postgres: Backend | null = pg && {
  async open() {
    const url = await pg.createDb(`history_scan_places_${++pgDbs}`);
    const store = stores.keep(await openPostgresStorage(url));
    await seeded(store);
    const c = listenedClient({ connectionString: url });
    await c.connect();
    clients.push(c);
    const run: Run = async (sql, params) => {
      let n = 0;
      await c.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params.map((p) => (p instanceof Uint8Array ? Buffer.from(p) : p)),
      );
    };
    return { store, run };
  },
};

const backends: [string, Backend][] = [['SQLite', sqlite], ...(postgres ? [['PostgreSQL', postgres] as [string, Backend]] : [])];

/** `samplan history scan ws` on `store`: its exit code and every line it printed. */
async function scanCli(store: Storage): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await historyCommand('scan', [WS], { lang: 'en' }, (fn) => fn(store), (l) => lines.push(l), (l) => lines.push(l));
  return { code, lines };
}

describe('the spellings planted', () => {
  it('are numbers to the guard, and hidden from the raw-byte net in the bytes they are planted as', () => {
    const two = typedInTwo();
    expect(findPersonnummer(two.getText('note').toString())).not.toBeNull();
    for (const bytes of [Y.encodeStateAsUpdate(two), Y.encodeStateAsUpdateV2(two), encodeFresh(two), v2Title(), takeBack(CUT_LABEL)]) {
      expect(findPersonnummerInBytes(bytes)).toBeNull();
    }
    expect(findPersonnummer('född 850101 nr 1236')).not.toBeNull();
    expect(findPersonnummer(CUT_LABEL)).not.toBeNull();
  });
});

describe.each(backends)('the history scan of every stored place (%s)', (_name, backend) => {
  it('names an update, written as V1 or as V2, holding a number', async () => {
    const { store, run } = await backend.open();
    await run('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, NULL, ?)', [WS, plan.doc, 2, AT, Y.encodeStateAsUpdate(typedInTwo())]);
    await run('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, NULL, ?)', [WS, plan.doc, 3, AT, v2Title()]);
    const damaged: UndecodablePart[] = [];
    expect(await scanDocHistory(store, plan, damaged)).toEqual(['update 2', 'update 3']);
    // No server reads an update stored as V2: it is damaged as well, and still read.
    expect(damaged.map((d) => d.place)).toEqual([{ kind: 'update', seq: 3 }]);
  });

  it('names the snapshot, the fresh state stored with it and a checkpoint', async () => {
    const { store, run } = await backend.open();
    const two = typedInTwo();
    await run('UPDATE snapshots SET fresh = ? WHERE workspace = ? AND doc = ?', [encodeFresh(two), WS, plan.doc]);
    await run('UPDATE checkpoints SET data = ? WHERE workspace = ? AND doc = ? AND seq = ?', [Y.encodeStateAsUpdateV2(two), WS, plan.doc, 1]);
    expect(await scanDocHistory(store, plan)).toEqual(['snapshot fresh state', 'checkpoint 1']);
    await run('UPDATE snapshots SET data = ? WHERE workspace = ? AND doc = ?', [Y.encodeStateAsUpdateV2(two), WS, plan.doc]);
    expect(await scanDocHistory(store, plan)).toEqual(['snapshot', 'snapshot fresh state', 'checkpoint 1']);
  });

  it('reads bytes that decode in no known layout UTF-8 first, then as UTF-16: a damaged update is named damaged, and a number only where there is one', async () => {
    const { store, run } = await backend.open();
    const text = (t: string): Uint8Array => new Uint8Array([...DAMAGED_UPDATE, ...new TextEncoder().encode(t), 0xff]);
    // A reason with a UTF-8 en dash; read in an 8-bit encoding (`â€“`) the guard took it for a number.
    await run('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, NULL, ?)', [WS, plan.doc, 2, AT, text('Stängd 20260302 (\u2013) 09:14')]);
    // A Windows-1252 number (its en dash 0x96 is no UTF-8) is still read as Windows-1252.
    await run('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, NULL, ?)', [WS, plan.doc, 3, AT, new Uint8Array([...DAMAGED_UPDATE, ...iconv.encode('Eva 850101\u20131236', 'win1252')])]);
    // A UTF-16LE number (a digit and a zero byte each: no 8-bit reading joins them) is read as UTF-16.
    await run('INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, NULL, ?)', [WS, plan.doc, 4, AT, new Uint8Array([...DAMAGED_UPDATE, ...Buffer.from('Eva 850101-1236', 'utf16le')])]);
    const damaged: UndecodablePart[] = [];
    expect(await scanDocHistory(store, plan, damaged)).toEqual(['update 3', 'update 4']);
    expect(damaged.map((d) => d.place)).toEqual([{ kind: 'update', seq: 2 }, { kind: 'update', seq: 3 }, { kind: 'update', seq: 4 }]);
  });

  it('names a take-back whose key holds a number', async () => {
    const { store, run } = await backend.open();
    await run('INSERT INTO take_backs (workspace, doc, at, data) VALUES (?, ?, ?, ?)', [WS, plan.doc, Date.parse(AT), takeBack('rad-1')]);
    await run('INSERT INTO take_backs (workspace, doc, at, data) VALUES (?, ?, ?, ?)', [WS, plan.doc, Date.parse(AT), takeBack(CUT_LABEL)]);
    expect(await scanDocHistory(store, plan)).toEqual(['take-back 2']);
    // The drop removes what the scan flags, read alike: that take-back goes, the other stays.
    expect(await dropHistory(store, plan)).toMatchObject({ kind: 'dropped', flagged: ['take-back 2'], removed: { takeBacks: 1 } });
    expect(await scanDocHistory(store, plan)).toEqual([]);
    expect((await store.loadDoc(plan)).takeBacks).toHaveLength(1);
  });

  it('tells a number the live state holds from deleted text kept by history', async () => {
    const { store, run } = await backend.open();
    // The snapshot holds the text (live); a checkpoint holds a state no longer kept (deleted).
    const two = typedInTwo();
    await run('UPDATE snapshots SET data = ?, fresh = NULL WHERE workspace = ? AND doc = ?', [Y.encodeStateAsUpdateV2(two), WS, plan.doc]);
    const gone = new Y.Doc();
    gone.clientID = 4004;
    gone.getMap('meta').set('title', 'Eva 850101-1236');
    await run('UPDATE checkpoints SET data = ? WHERE workspace = ? AND doc = ? AND seq = ?', [Y.encodeStateAsUpdateV2(gone), WS, plan.doc, 1]);
    expect(await scanHeldHistory(store, plan)).toEqual({ places: ['snapshot', 'checkpoint 1'], live: ['snapshot'], deleted: ['checkpoint 1'], livePaths: ['note'], unnumbered: false });
  });

  it('names each catalogue record whose text holds a number, by table, key and field, never the number', async () => {
    const { store, run } = await backend.open();
    await store.putUnit({ workspace: WS, code: 'vc', name: 'Vårdcentralen', parent: null });
    await store.putMember({ workspace: WS, id: 'anna', name: 'Anna', role: 'coordinator', units: ['vc'] });
    await store.putToken({ id: 't1', hash: 'a'.repeat(64), workspace: WS, memberId: 'anna', label: 'Excel', createdAt: AT, expiresAt: null, revokedAt: null });
    const clean = await scanCli(store);
    expect(clean.code).toBe(0);
    const text = 'Eva 850101-1236';
    await run('UPDATE workspaces SET name = ? WHERE id = ?', [text, WS]);
    await run('UPDATE units SET name = ? WHERE workspace = ? AND code = ?', [text, WS, 'vc']);
    await run('UPDATE docs SET title = ? WHERE workspace = ? AND doc = ?', [text, WS, plan.doc]);
    await run('UPDATE members SET name = ? WHERE workspace = ? AND id = ?', [text, WS, 'anna']);
    await run('UPDATE tokens SET label = ? WHERE id = ?', [text, 't1']);
    const { code, lines } = await scanCli(store);
    expect(code).toBe(2);
    const named = lines.filter((l) => l.includes('a personnummer in a stored record')).map((l) => /record, (\S+ \S+), field (\S+) /.exec(l)?.slice(1).join(' '));
    expect(named).toEqual(['workspaces ws name', 'units vc name', 'docs plan title', 'members anna name', 'tokens t1 label']);
    expect(lines.at(-1)).toBe('5 record fields of 1 workspace hold a personnummer.');
    expect(lines.join('\n')).not.toMatch(/850101|1236/);
  });
});
