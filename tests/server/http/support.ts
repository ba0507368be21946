/**
 * A small workspace over memory storage (or a store the test opens, `open`) and an app in front of it, for the HTTP tests:
 * a region with two clinics, a member of every role, a token for each, an activity plan for
 * clinic A (referring to the partner list's one partner by its row id), a partner list and an
 * action plan.
 */
import * as Y from 'yjs';
import { createApp, type SamplanApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { Writable } from 'node:stream';
import { createLogger, silentLogger, type Logger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { HistoryRetention } from '../../../server/storage/retention.js';
import type { Role, Storage } from '../../../server/storage/storage.js';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { markMade } from '../../../shared/doc/create.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { DocKind, RowValues } from '../../../shared/schema/types.js';
import type { Fanout } from '../../../server/sync/fanout.js';
import type { CheckUpdate } from '../../../server/sync/deps.js';

export const WS = 'ws1';

/** A valid activity-plan row. */
export function planRow(title: string, extra: RowValues = {}): RowValues {
  return { title, type: 'promenadgrupp', startDate: '2026-03-01', endDate: '2026-06-01', participantsPlanned: 12, ...extra };
}

export interface Fixture {
  storage: Storage;
  samplan: SamplanApp;
  tokens: Record<Role | 'editorB', string>;
  now: { value: Date };
  /** `app.request` with a bearer token. */
  req(path: string, token?: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A logger at info that keeps each line it writes, parsed, in `lines` (for a test that reads the server's log). */
export function keptLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

/** The row id of the fixture's one partner, Röda Korset, in its partner list. */
export const PARTNER_ID = 'Rk2aB4cD6eFg';

/** Stores a document of `kind` holding `rows` (with `ids` when given) directly in `storage`, made and marked as the server makes one (`markMade`). */
export async function putDoc(storage: Storage, doc: string, kind: DocKind, ownerUnit: string, rows: RowValues[], at: string, ids?: readonly string[]) {
  const ydoc = createDoc(kind, { title: `${kind} ${ownerUnit}`, ownerUnit, schemaVersion: kindDef(kind).schemaVersion });
  markMade(ydoc);
  insertRows(ydoc, rows, ids ? { ids } : {});
  const record = { workspace: WS, doc, kind, title: `${kind} ${ownerUnit}`, ownerUnit, createdAt: at, updatedAt: at };
  // Made with its record (a store appends only to a document whose record is stored), then the
  // record written again: the append moved `updatedAt` to the time it stored the row.
  await storage.appendUpdates({ workspace: WS, doc }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: 'coord', record, creates: true }]);
  await storage.putDocRecord(record);
}

/**
 * Stores document `doc` of `kind` holding `rows` in the fixture's storage: owned by the region,
 * titled by its id, written by no member, made (and marked, `markMade`) and changed at the fixture's clock;
 * written under `opts.client` and with the row ids `opts.ids` when given.
 */
export async function putRegionDoc(f: Fixture, doc: string, kind: DocKind, rows: RowValues[], opts: { client?: number; ids?: readonly string[] } = {}): Promise<void> {
  const ydoc = createDoc(kind, { title: doc, ownerUnit: 'region', schemaVersion: kindDef(kind).schemaVersion });
  // A client id of the test's choosing: the bytes of an update that refers to these rows are then the same on every run.
  if (opts.client !== undefined) ydoc.clientID = opts.client;
  markMade(ydoc);
  insertRows(ydoc, rows, opts.ids ? { ids: opts.ids } : {});
  const at = f.now.value.toISOString();
  const record = { workspace: WS, doc, kind, title: doc, ownerUnit: 'region', createdAt: at, updatedAt: at };
  // Made with its record, then the record written again, as `putDoc`.
  await f.storage.appendUpdates({ workspace: WS, doc }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null, record, creates: true }]);
  await f.storage.putDocRecord(record);
}

/** What a fixture's store is opened with: the fixture's clock, and the retention asked for. */
export type StoreOptions = { clock: () => Date; retention?: Partial<HistoryRetention> };

/**
 * Build the fixture; `retention` shortens how long storage keeps every change; `wrap` is what the
 * app is given of the seeded storage; `open` opens its store (memory storage when not given; the
 * fixture closes it); `checkUpdate`, the app's check of updates (the shared one when not given).
 */
export async function makeFixture(
  opts: { retention?: Partial<HistoryRetention>; fanout?: Fanout; wrap?: (s: Storage) => Storage; logger?: Logger; open?: (o: StoreOptions) => Storage | Promise<Storage>; checkUpdate?: CheckUpdate } = {},
): Promise<Fixture> {
  const now = { value: new Date('2026-01-15T10:00:00Z') };
  const clock = () => now.value;
  const storeOptions: StoreOptions = { clock, ...(opts.retention ? { retention: opts.retention } : {}) };
  const storage = opts.open ? await opts.open(storeOptions) : createMemoryStorage(storeOptions);
  const at = clock().toISOString();
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: at });
  await storage.putWorkspace({ id: 'other', name: 'Annan region', createdAt: at });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: 'region' });
  await storage.putUnit({ workspace: WS, code: 'vc-b', name: 'Vårdcentral B', parent: 'region' });
  const members: [string, Role, string[]][] = [
    ['admin', 'admin', ['region']],
    ['coord', 'coordinator', ['region']],
    ['eda', 'editor', ['vc-a']],
    ['edb', 'editor', ['vc-b']],
    ['chef', 'viewer', ['region']],
  ];
  for (const [id, role, units] of members) await storage.putMember({ workspace: WS, id, name: `Person ${id}`, role, units });
  await storage.putMember({ workspace: 'other', id: 'x', name: 'X', role: 'admin', units: [] });

  await putDoc(storage, 'partners', 'partners', 'region', [{ name: 'Röda Korset', type: 'frivilligorganisation' }], at, [PARTNER_ID]);
  await putDoc(storage, 'plan-a', 'activity-plan', 'vc-a', [planRow('Promenadgrupp A', { partner: PARTNER_ID }), planRow('Hälsodag A', { type: 'halsodag' })], at);
  await putDoc(storage, 'handlingsplan', 'action-plan', 'region', [], at);

  const token = async (memberId: string, workspace = WS) =>
    (await createToken(storage, { workspace, memberId, label: 'test', clock })).secret;
  const tokens = {
    admin: await token('admin'),
    coordinator: await token('coord'),
    editor: await token('eda'),
    editorB: await token('edb'),
    viewer: await token('chef'),
  };
  const samplan = createApp({ storage: opts.wrap ? opts.wrap(storage) : storage, logger: opts.logger ?? silentLogger(), clock, publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 }, ...(opts.fanout ? { fanout: opts.fanout } : {}), ...(opts.checkUpdate ? { checkUpdate: opts.checkUpdate } : {}) });
  return {
    storage,
    samplan,
    tokens,
    now,
    req(path, token, init = {}) {
      const headers = new Headers(init.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return Promise.resolve(samplan.app.request(path, { ...init, headers }));
    },
    async close() {
      await samplan.close();
      await storage.close();
    },
  };
}

/**
 * The English of an error body's sentence, `details.message.en`, which every sentence in both
 * languages carries: `message` says it in the language the request asks for, Swedish when it asks
 * for neither (`API_DEFAULT_LANG`), so a test of the English words reads them here.
 * @throws Error when the body carries no sentence in both languages
 */
export function englishOf(error: { details?: unknown } | null | undefined): string {
  const en = (error?.details as { message?: { en?: unknown } } | null | undefined)?.message?.en;
  if (typeof en !== 'string') throw new Error(`no English sentence in details.message: ${JSON.stringify(error)}`);
  return en;
}

/** The JSON error body of a response. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; details: unknown }> {
  const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
  return body.error;
}
