/**
 * `/v1/workspaces/:ws/documents`: list, create from a kind's template, read one document's
 * catalogue entry and metadata, and delete one (admins, or its maker while it is untouched,
 * `maker-may-delete.ts`; its open sockets close with 4404).
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { checkWords } from '../../shared/i18n/check-words.js';
import { withArticle } from '../../shared/i18n/english-article.js';
import * as Y from 'yjs';
import { createDoc, metaOf, rowCount, rowsOf } from '../../shared/doc/index.js';
import { roundWords } from '../../shared/i18n/round-messages.js';
import { LOCKED_REFUSAL_CODE } from '../../shared/protocol/locked-refusal.js';
import { markMade } from '../../shared/doc/create.js';
import { lookAlike } from '../../shared/validate/name-key.js';
import { isDocKind, kindDef } from '../../shared/schema/index.js';
import { DOC_KINDS } from '../../shared/schema/types.js';
import { nameText } from '../../shared/validate/plain-text.js';
import { strictBody } from '../../shared/validate/strict-body.js';
import { assertNoIdentity } from '../storage/record-text.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { DocIdTakenError } from '../storage/storage-records.js';
import type { AppendItem, DocRecord, DocRef, Storage } from '../storage/storage.js';
import { assertCan, can } from './access.js';
import { assertMayDelete } from './maker-may-delete.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { inTitleTurn } from './title-turn.js';
import { AppError, notFound, validationHook, workspaceNotFound } from './errors.js';
import type { WorkspaceFeed } from './workspace-feed.js';
import { unknownUnitWords } from '../close-codes.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** Body of `POST /v1/workspaces/:ws/documents`. */
export const createDocBodySchema = strictBody({
  kind: z.enum(DOC_KINDS),
  title: nameText(),
  ownerUnit: z.string().min(1).max(64),
  /**
   * Make it even when the unit already has a live document of this kind with the same title (as
   * `nameKey` compares names: case, invisible characters, spacing and composition aside)
   * (otherwise 409 `doc-duplicate`, naming the one there is, so a double click does not make two
   * identical plans; the pane asks before it makes any second document of a kind for a unit).
   */
  allowDuplicate: z.boolean().optional(),
  /** The document id; made from the kind and unit when unset. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, checkWords({ sv: 'får bara ha små bokstäver a–z, siffror och "-", högst 80 tecken', en: 'must be lower-case letters, digits and "-", at most 80' }))
    .optional(),
});

/**
 * Refuses a document title that looks like the title of another live document of the same kind
 * for the same unit (`lookAlike`: case, invisible characters, spacing and composition aside), so a
 * double click or a rename does not make two plans no reader tells apart: 409 `doc-duplicate`,
 * naming the one there is (`details.existing`), nothing written. One check for a creation
 * (`action` `create`) and a rename (`rename`, `doc.id` the renamed document, which is no twin of
 * itself: it may change the case of its own title). Resolves quietly when there is no twin.
 */
export async function refuseTitleTwin(
  storage: Storage,
  workspace: string,
  doc: { kind: string; ownerUnit: string; title: string; id?: string },
  action: 'create' | 'rename' | 'copy',
): Promise<void> {
  const live = (await storage.listDocs(workspace)).filter((d) => d.kind === doc.kind && d.ownerUnit === doc.ownerUnit && !d.archivedAt && d.doc !== doc.id);
  const twin = lookAlike(doc.title, live, (d) => d.title);
  if (!twin) return;
  const kind = isDocKind(doc.kind) ? kindDef(doc.kind).title : { sv: doc.kind, en: doc.kind };
  const there = { sv: `Enheten har redan ett dokument av slaget ${kind.sv} med titeln "${twin.title}"`, en: `The unit already has ${withArticle(doc.kind)} document titled "${twin.title}"` };
  const message =
    action !== 'rename'
      ? { sv: `${there.sv}. Öppna det, eller välj att göra ett till.`, en: `${there.en}. Open it, or send allowDuplicate to make another.` }
      : { sv: `${there.sv}; namnet ändrades inte. Välj ett annat namn, eller välj att ändå byta till det.`, en: `${there.en}; it was not renamed. Choose another name, or send allowDuplicate to rename it anyway.` };
  throw new AppError(409, 'doc-duplicate', message, { existing: { id: twin.doc, title: twin.title } });
}

/** Load a document's catalogue record or answer 404 with a sentence. */
export async function requireDoc(storage: Storage, ref: DocRef): Promise<DocRecord> {
  const record = await storage.getDocRecord(ref);
  if (!record) {
    throw notFound('doc-not-found', {
      sv: `Det finns inget dokument "${ref.doc}" i arbetsytan "${ref.workspace}".`,
      en: `There is no document "${ref.doc}" in workspace "${ref.workspace}".`,
    });
  }
  return record;
}

/**
 * `base`, or `base-2`, `base-3` … whichever is not taken yet and holds no personnummer: the
 * number added can complete one from a unit code that holds none (`…-x-850101-12` and `-10`
 * make `850101-12-10`), which storage then refuses as a document id; such an id is passed over.
 */
export async function freeId(storage: Storage, workspace: string, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (findPersonnummer(id) !== null) continue;
    if (!(await storage.getDocRecord({ workspace, doc: id }))) return id;
  }
}

/** 409 `doc-exists`: a document of the id `id` asked for is stored. */
function docExists(id: string): AppError {
  const message = { sv: `Det finns redan ett dokument "${id}" i arbetsytan. Välj ett annat id.`, en: `A document "${id}" already exists in this workspace. Choose another id.` };
  return new AppError(409, 'doc-exists', message);
}

/** How often a making looks for another free id after others took the one it found (`storeNewDoc`). */
const MAKING_TRIES = 8;

/**
 * Stores a new document, `make(id)` (its first update, line and record, `creates`), under
 * `named` or else the first free id of `base` ({@link freeId}), and resolves with the id stored.
 * Another making may take the id between the look-up and the write (a double click, another
 * process; the store refuses the second, `DocIdTakenError`): a named id is then 409 `doc-exists`,
 * a made-up one is looked for again after `before` (the caller's checks, run again: the document
 * made meanwhile may be one they refuse), at most {@link MAKING_TRIES} times.
 */
export async function storeNewDoc(
  storage: Storage,
  workspace: string,
  at: { named?: string | undefined; base: string; before?: () => Promise<void> },
  make: (id: string) => AppendItem,
): Promise<string> {
  for (let tries = 1; ; tries++) {
    const id = at.named ?? (await freeId(storage, workspace, at.base));
    try {
      await storage.appendUpdates({ workspace, doc: id }, [make(id)]);
      return id;
    } catch (err) {
      if (!(err instanceof DocIdTakenError)) throw err;
      if (at.named !== undefined) throw docExists(at.named);
      if (tries >= MAKING_TRIES) throw err;
      await at.before?.();
    }
  }
}

/** The document routes (mounted at `/v1/workspaces`). */

/**
 * Refuse deleting a document that holds rows an approved (or closed) round locks: approved data
 * is locked for everyone, and deleting the document would take those rows out of the approved
 * report. 409 `locked-row` naming the round and how many rows; nothing deleted. Archiving keeps
 * an approved report's rows (README, "Follow-up rounds"), and reopening the units' reports
 * unlocks them.
 */
async function refuseDeletingLockedRows(deps: RouteDeps, record: DocRecord): Promise<void> {
  const locks = deps.locks;
  if (!locks) return;
  await locks.prepare(record.workspace);
  const rule = locks.rulesFor(record);
  if (!rule) return;
  const hits = await deps.docs.read(record, (doc) => rowsOf(doc).map((r) => rule(r.values)).filter((lock) => lock !== null));
  const lock = hits[0];
  if (!lock) return;
  const round = roundWords(lock);
  const message = {
    sv: `Dokumentet har ${numberText(hits.length, 'sv')} rader i den godkända omgången ${round.sv}, som är låsta; det togs inte bort. Arkivera det i stället (de godkända siffrorna står kvar) eller öppna enheternas rapporter för ändring först.`,
    en: `The document holds ${numberText(hits.length, 'en')} rows of the approved round ${round.en}, which are locked; it was not deleted. Archive it instead (the approved figures stay) or reopen the units' reports for changes first.`,
  };
  throw new AppError(409, LOCKED_REFUSAL_CODE, message.en, { message, round: lock.round, rows: hits.length });
}

export function documentRoutes(deps: RouteDeps & { feed?: WorkspaceFeed }) {
  const { storage, clock, docs } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/documents', async (c) => {
    const p = c.get('principal');
    const ws = c.req.param('ws');
    assertCan(p, 'read', { workspace: ws });
    const kind = c.req.query('kind');
    const list = await storage.listDocs(ws);
    return c.json({ documents: kind ? list.filter((d) => d.kind === kind) : list });
  });

  app.post('/:ws/documents', zValidator('json', createDocBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const ws = c.req.param('ws');
    const body = c.req.valid('json');
    assertCan(p, 'create', { workspace: ws, doc: { kind: body.kind, ownerUnit: body.ownerUnit } });
    // Before anything is written: the title also goes into the document's own metadata.
    assertNoIdentity('document', { id: body.id, title: body.title, ownerUnit: body.ownerUnit });
    if (!(await storage.getWorkspace(ws))) throw workspaceNotFound(ws);
    const units = await storage.listUnits(ws);
    if (!units.some((u) => u.code === body.ownerUnit)) {
      throw new AppError(400, 'unknown-unit', unknownUnitWords([body.ownerUnit], units.map((u) => u.code), true), { ownerUnit: body.ownerUnit });
    }
    // A named id guards a double click by itself (409 doc-exists); a made-up one needs this check,
    // made again when a creation sent at the same moment took the id first (`storeNewDoc`).
    const refuseTwin = async () => {
      if (body.allowDuplicate || body.id) return;
      await refuseTitleTwin(storage, ws, { kind: body.kind, ownerUnit: body.ownerUnit, title: body.title }, 'create');
    };
    await refuseTwin();
    if (body.id && (await storage.getDocRecord({ workspace: ws, doc: body.id }))) throw docExists(body.id);
    const doc = createDoc(body.kind, { title: body.title, ownerUnit: body.ownerUnit, schemaVersion: kindDef(body.kind).schemaVersion });
    // Its making, which a copy of a deleted document of the same id lacks (shared/validate/other-making.ts).
    markMade(doc);
    const now = clock().toISOString();
    const making = (id: string): DocRecord => ({ workspace: ws, doc: id, kind: body.kind, title: body.title, ownerUnit: body.ownerUnit, createdAt: now, updatedAt: now });
    // Stored as update V1, like every update off the wire, with the catalogue entry and its `create`
    // line in one transaction (`AppendItem.record`, written whole: `creates`): all, or none, so no
    // client opens the document half made and a refused line leaves no update rows without a record.
    let id: string;
    try {
      const update = Y.encodeStateAsUpdate(doc);
      const base = `${body.kind}-${body.ownerUnit}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
      const store = () =>
        storeNewDoc(storage, ws, { named: body.id, base, before: refuseTwin }, (free) => ({
          update,
          memberId: p.memberId,
          audit: [{ workspace: ws, doc: free, memberId: p.memberId, action: 'create', bytes: 0, detail: body.kind }],
          record: making(free),
          creates: true,
        }));
      // The look-alike check and the write as one step, against a rename or copy at the same moment (`title-turn.ts`).
      id = body.allowDuplicate || body.id ? await store() : await inTitleTurn(storage, { workspace: ws, kind: body.kind, ownerUnit: body.ownerUnit }, async () => {
        await refuseTwin();
        return store();
      });
    } finally {
      doc.destroy();
    }
    await deps.feed?.notify(ws);
    return c.json({ document: making(id), sync: `/v1/sync/${ws}/${id}` }, 201);
  });

  app.get('/:ws/documents/:doc', async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    const record = await requireDoc(storage, ref);
    const live = await docs.read(ref, (doc) => ({ meta: metaOf(doc), rows: rowCount(doc) }));
    return c.json({
      document: record,
      meta: live.meta,
      rows: live.rows,
      columns: kindDef(record.kind as (typeof DOC_KINDS)[number]).columns.map((col) => ({
        key: col.key,
        header: col.header,
        type: col.type,
        required: col.required ?? false,
      })),
      sync: `/v1/sync/${ref.workspace}/${ref.doc}`,
      youCanWrite: can(p, 'write', { workspace: ref.workspace, doc: record }),
    });
  });

  app.delete('/:ws/documents/:doc', async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    const record = await requireDoc(storage, ref);
    const detail = await assertMayDelete(storage, p, record);
    await refuseDeletingLockedRows(deps, record);
    // A maker's document someone wrote in is no longer theirs alone to delete, and a write the room
    // took may not be stored yet: stored first and checked again before any socket is closed, so
    // a refusal leaves the sockets open (closed first, they were told 4404 "deleted" for nothing).
    // A write that failed meanwhile is 503 (`Registry.settle`): storage lacks it, so no check can clear the deletion.
    if (detail !== null) {
      await deps.docs.settle?.(ref);
      await assertMayDelete(storage, p, record);
    }
    // Sockets closed and the room flushed, so no write lands after the data is gone; and again
    // after, for anyone who connected meanwhile.
    await deps.rights.docDeleted(ref);
    // A write taken during the check above is stored by the close: the last word (sockets then closed).
    if (detail !== null) await assertMayDelete(storage, p, record);
    // The deletion and its audit line in one transaction: both, or neither when the write fails.
    await storage.deleteDoc(ref, [{ at: clock().toISOString(), workspace: ref.workspace, doc: ref.doc, memberId: p.memberId, action: 'delete', bytes: 0, detail }]);
    await deps.rights.docDeleted(ref);
    await deps.feed?.notify(ref.workspace);
    return c.json({ deleted: ref.doc });
  });

  return app;
}
