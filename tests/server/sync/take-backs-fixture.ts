/**
 * The set-up the take-back tests share (`take-backs-*.test.ts`).
 *
 * On a running server: stock clients with notices on the county plan of the seeded workspace,
 * destroyed after each test together with the server, and the start of every race: owner A
 * (editor of clinic-a) inserts row r1 and editor B, of another unit, sees it.
 *
 * Without a server, docs standing for processes: the document's ref, a silent logger, and a
 * room's integration of an update (`room-apply.ts`) as a test repeats it.
 */
import * as Y from 'yjs';
import { pino } from 'pino';
import type { WebsocketProvider } from 'y-websocket';
import { afterEach } from 'vitest';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { keepLostSets, TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import type { DocRef, DocumentStore, StoredTakeBack } from '../../../server/storage/storage.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';
import { measure, openNoticed, type NoticedClient } from '../scale/noticed-clients.js';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The stock clients of one test file. */
export interface TakeBackClients {
  /** Every client opened, for the file's own clean-up (the fixture destroys them after each test). */
  readonly providers: WebsocketProvider[];
  /** A client of the county plan as `token` (its Y.Doc's client id `clientID` when given), synced. */
  open(token: string, clientID?: number): Promise<NoticedClient>;
  /** Owner A (client id `aId`) inserts row r1 of clinic-a, measure Hälsodag; B (`bId`), of clinic-b, opens and sees it. */
  ownerRowSeen(aId?: number, bId?: number): Promise<{ a: NoticedClient; b: NoticedClient }>;
}

/**
 * Clients of the server at `url()`; call at the top of a test file. After each test the clients
 * are destroyed, then `after` runs (the file's server and storage closed).
 */
export function takeBackClients(url: () => string | undefined, after: () => Promise<void>): TakeBackClients {
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await after();
  });
  const open = (token: string, clientID?: number): Promise<NoticedClient> => openNoticed(Number(new URL(url() ?? '').port), 'county', token, providers, clientID);
  return {
    providers,
    open,
    async ownerRowSeen(aId = 100, bId = 200) {
      const a = await open(TOKENS.editorA, aId);
      insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'r1' });
      const b = await open(TOKENS.editorB, bId);
      await eventually(() => measure(b.doc, 'r1') === 'Hälsodag', 5000, 'B sees the row');
      return { a, b };
    },
  };
}

/** The edit of row r1 owner A makes offline in {@link TakeBackServer.takenBack}, by default. */
export const ownerEdit = (a: Y.Doc): void => void setCells(a, 'r1', { measure: 'Ägarens ändring' });
/** The edit of row r1 editor B (of another unit) makes and is refused in {@link TakeBackServer.takenBack}, by default. */
export const refusedEdit = (b: Y.Doc): void => void setCells(b, 'r1', { measure: 'Övertagen' });

/** {@link TakeBackClients} of a server the file starts. */
export interface TakeBackServer extends TakeBackClients {
  /** Starts the test server (stopped after each test). */
  start(): Promise<TestServer>;
  /**
   * The race every take-back test starts with: the server started, owner A's row r1 seen by B
   * ({@link TakeBackClients.ownerRowSeen}); A goes offline and makes `allowed`, B makes `refused`;
   * resolves once B's change was taken back (B told, r1's measure Hälsodag again at B), A still offline.
   */
  takenBack(allowed?: (a: Y.Doc) => void, refused?: (b: Y.Doc) => void): Promise<{ server: TestServer; a: NoticedClient; b: NoticedClient }>;
}

/** {@link takeBackClients} of a test server ({@link startTestServer}, in memory) that `start` starts; stopped after each test. */
export function takeBackServer(): TakeBackServer {
  let server: TestServer | null = null;
  const clients = takeBackClients(
    () => server?.url,
    async () => {
      await server?.stop();
      server = null;
    },
  );
  const start = async (): Promise<TestServer> => (server = await startTestServer());
  return {
    ...clients,
    start,
    async takenBack(allowed = ownerEdit, refused = refusedEdit) {
      const started = await start();
      const { a, b } = await clients.ownerRowSeen();
      a.provider.disconnect();
      allowed(a.doc);
      refused(b.doc);
      await eventually(() => b.notices.length === 1 && measure(b.doc, 'r1') === 'Hälsodag', 5000, "B's change taken back");
      return { server: started, a, b };
    },
  };
}

/** The value of row r1's `measure` as the server's room holds it now. */
export function roomMeasure(server: TestServer, row = 'r1'): Promise<unknown> {
  return server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, (room) => measure(room.doc, row));
}

/** The document of the tests without a server. */
export const REF = { workspace: 'hbi-stockholm', doc: 'county' };
export const silentLogger = pino({ level: 'silent' });

/** The `measure` cell of row `ra` (the tests without a server). */
export const measureOfRa = (doc: Y.Doc): unknown => rowsMap(doc).get('ra')?.get('measure');

/**
 * Apply `update` to `doc` as a room integrates an allowed update, with origin 'client', running
 * `inside` in the same transaction (by default `keepLostSets`: values that lose are kept); returns
 * the updates Yjs emitted for it, in order.
 */
export function integrated(doc: Y.Doc, update: Uint8Array, inside: (tr: Y.Transaction) => void = keepLostSets): Uint8Array[] {
  const emitted: Uint8Array[] = [];
  const collect = (u: Uint8Array): number => emitted.push(u);
  doc.on('update', collect);
  doc.transact((tr) => {
    Y.applyUpdate(doc, update, 'client');
    inside(tr);
  }, 'client');
  doc.off('update', collect);
  return emitted;
}

/**
 * Stores in `storage`, after what `ref` holds there: row `ra` of clinic-a (by A, member m-a, client
 * 700), B's edit of it (m-b, client 800) taken back by process 1 with its take-back, then A's
 * offline edit 'Ägarens ändring' as process 0 stored it: process 0 applied the take-back as a plain
 * update, so A's edit lost there (A's id below B's) and was kept, but never written again: the next
 * load owes it (`take-back-lookback.ts`). With `seenTakeBack`, A edits after having seen the
 * take-back instead (nothing is owed).
 */
export async function storeLostEdit(storage: DocumentStore, ref: DocRef, seenTakeBack = false): Promise<void> {
  const base = await storage.loadDoc(ref);
  const a = new Y.Doc();
  a.clientID = 700;
  if (base.snapshot) Y.applyUpdateV2(a, base.snapshot);
  for (const u of base.updates) Y.applyUpdate(a, u);
  const sv0 = Y.encodeStateVector(a);
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  const [p0, p1, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  b.clientID = 800;
  for (const d of [p0, p1, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(a, sv0), memberId: 'm-a' }]);
  const before = Y.encodeStateVector(b);
  setCells(b, 'ra', { measure: 'Övertagen' });
  const takeBacks: StoredTakeBack[] = [];
  const undo = applyAndUndo(p1, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => new TakeBacks().remember(tb, takeBacks));
  if (!undo) throw new Error('nothing taken back');
  await storage.appendUpdates(ref, [{ update: undo, memberId: 'm-b', takeBacks }]);
  Y.applyUpdate(p0, undo, 'storage');
  if (seenTakeBack) Y.applyUpdate(a, undo);
  const sv = Y.encodeStateVector(p0);
  setCells(a, 'ra', { measure: 'Ägarens ändring' });
  const update = Y.mergeUpdates(integrated(p0, Y.encodeStateAsUpdate(a, sv)));
  await storage.appendUpdates(ref, [{ update, memberId: 'm-a' }]);
}
