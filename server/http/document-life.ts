/**
 * Documents with a life: rename (`PATCH …/documents/:doc`, coordinators and admins, and an editor
 * its own unit's plan), archive and restore (`POST …/archive`, `…/unarchive`, admins),
 * and "copy last year's plan" (`POST …/copy`: the rows and plan columns, without the outcome
 * columns, dates a year on). Every change is audited, titles pass the personnummer guard, and the
 * workspace feed tells every open Explorer.
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import * as Y from 'yjs';
import { canRenameDoc } from '../auth/policy.js';
import { createDoc, insertRows, metaOf, rowsOf, setMeta } from '../../shared/doc/index.js';
import { markMade } from '../../shared/doc/create.js';
import { cellColumns, isDocKind, kindDef } from '../../shared/schema/index.js';
import type { DocKind, RowValues } from '../../shared/schema/types.js';
import { roundWords } from '../../shared/i18n/round-messages.js';
import { LOCKED_REFUSAL_CODE } from '../../shared/protocol/locked-refusal.js';
import { nameText } from '../../shared/validate/plain-text.js';
import { strictBody } from '../../shared/validate/strict-body.js';
import { DocTurnBusyError, DocTurnsFullError } from '../storage/postgres-doc-turn.js';
import { assertNoIdentity } from '../storage/record-text.js';
import type { LockLookup } from '../sync/row-locks.js';
import type { AuditRecord, DocRecord, UpdateAudit } from '../storage/storage.js';
import { KeyedQueue } from '../sync/keyed-queue.js';
import { renameDetail } from '../sync/title-follow.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { archivedError, deletedMeanwhile } from './doc-access.js';
import { refuseTitleTwin, requireDoc, storeNewDoc } from './documents.js';
import { inTitleTurn } from './title-turn.js';
import { AppError, forbidden, validationHook } from './errors.js';
import type { WorkspaceFeed } from './workspace-feed.js';
import type { DocumentLifeAnswer } from '../../shared/protocol/rights-answers.js';
import { numberText } from '../../shared/i18n/number-words.js';

const title = nameText();

/**
 * Body of `PATCH …/documents/:doc`: the new title, and `allowDuplicate` to rename it even to a
 * look-alike of another live document of its kind and unit (otherwise 409 `doc-duplicate`, as a creation).
 */
export const renameBodySchema = strictBody({ title, allowDuplicate: z.boolean().optional() });

/** Body of `POST …/documents/:doc/copy`. */
export const copyBodySchema = strictBody({ title, years: z.number().int().min(0).max(10).default(1), allowDuplicate: z.boolean().optional() });

/** The kinds that are plans for a year, and so can be copied to the next. */
export const COPYABLE_KINDS: readonly DocKind[] = ['activity-plan', 'action-plan'];

/** `2025-03-12` moved `years` on; 29 February becomes 28 February in a year without one. */
export function shiftDate(iso: string, years: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const year = Number(m[1]) + years;
  const month = Number(m[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${m[2]}-${String(Math.min(Number(m[3]), lastDay)).padStart(2, '0')}`;
}

/** A row of last year's plan as it goes into this year's: no outcome columns, dates `years` on. */
export function carriedOver(kind: DocKind, values: RowValues, years: number): RowValues {
  const out: RowValues = {};
  for (const col of cellColumns(kind)) {
    if (col.column.outcome) continue;
    const value = values[col.key];
    if (value === undefined || value === null) continue;
    out[col.key] = col.column.type === 'date' && typeof value === 'string' ? shiftDate(value, years) : value;
  }
  return out;
}

/**
 * Refuse a copy that would create rows an approved round locks (the copy has the source's kind and
 * owner unit, so the source's lock rule is the copy's): 409 `locked-row` naming the round and how
 * many rows, nothing made. Creating a row in a locked period is refused on every other path too
 * (sync, import), or a copy into the same year (`years: 0`) would add to an approved report.
 */
async function refuseLockedRows(locks: LockLookup | undefined, source: DocRecord, rows: readonly RowValues[]): Promise<void> {
  if (!locks) return;
  await locks.prepare(source.workspace);
  const rule = locks.rulesFor(source);
  if (!rule) return;
  const hits = rows.map((r) => rule(r)).filter((lock) => lock !== null);
  const lock = hits[0];
  if (!lock) return;
  const round = roundWords(lock);
  const message = {
    sv: `${numberText(hits.length, 'sv')} av planens rader skulle hamna i den godkända omgången ${round.sv}, som är låst; ingen kopia gjordes. Flytta datumen fler år framåt eller be en administratör öppna enheternas rapporter för ändring.`,
    en: `${numberText(hits.length, 'en')} of the plan's rows would fall in the approved round ${round.en}, which is locked; no copy was made. Move the dates on by more years or ask an admin to reopen the units' reports for changes.`,
  };
  throw new AppError(409, LOCKED_REFUSAL_CODE, message.en, { message, round: lock.round, rows: hits.length });
}

/**
 * A rename that waited too long for another process's change of the document: 409 in words; one
 * refused because this process holds as many documents' turns as its pool allows: 503 in words,
 * to be tried again in a second. Nothing changed either way.
 */
function busyInWords(err: unknown): never {
  if (err instanceof DocTurnsFullError) {
    const message = {
      sv: `Servern ändrar just nu så många dokument samtidigt som den kan; "${err.ref.doc}" bytte inte namn. Försök igen om en stund.`,
      en: `The server is changing as many documents at once as it can; "${err.ref.doc}" was not renamed. Try again in a moment.`,
    };
    const busy = new AppError(503, 'documents-busy', message.en, { message });
    busy.retryAfterSeconds = 1;
    throw busy;
  }
  if (!(err instanceof DocTurnBusyError)) throw err;
  const message = {
    sv: `Dokumentet "${err.ref.doc}" ändras just nu av en annan server; namnet ändrades inte. Försök igen om en stund.`,
    en: `The document "${err.ref.doc}" is being changed by another server; it was not renamed. Try again in a moment.`,
  };
  throw new AppError(409, 'document-busy', message.en, { message });
}

/** The life-cycle routes (mounted at `/v1/workspaces`). */
export function documentLifeRoutes(deps: RouteDeps & { feed: WorkspaceFeed }) {
  const { storage, clock, docs, feed } = deps;
  const app = new Hono<AuthEnv>();
  // Each entry written here is stored with its audit line in one transaction: both, or neither.
  const audit = (rec: DocRecord, memberId: string, action: string, detail: string | null): AuditRecord[] => [
    { at: clock().toISOString(), workspace: rec.workspace, doc: rec.doc, memberId, action, bytes: 0, detail },
  ];

  // Renames, archives and unarchives of one document run one at a time in this process, each from
  // the record as the one before left it: the rename answered last is the title everyone sees, and
  // an archive (which writes the whole record back) never undoes a rename stored while it read.
  const recordWrites = new KeyedQueue();
  const inTurn = <T>(ref: { workspace: string; doc: string }, fn: () => Promise<T>): Promise<T> => recordWrites.run(JSON.stringify([ref.workspace, ref.doc]), fn);
  app.patch('/:ws/documents/:doc', zValidator('json', renameBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    const { title: newTitle, allowDuplicate } = c.req.valid('json');
    const rename = async () => {
      // A document that is not there is a 404 before anything loads a room for it (catching up
      // opens the room, and a room of no record fails as a fault: a 500).
      await requireDoc(storage, ref);
      // Made on the document as other processes left it: theirs came first, this one follows.
      await docs.catchUp?.(ref);
      const record = await requireDoc(storage, ref);
      if (!canRenameDoc(p, record)) {
        const message = {
          sv: 'Bara samordnare och administratörer byter namn på dokument, och en redigerare på sin egen enhets plan.',
          en: 'Only coordinators and admins rename documents, and an editor its own unit\'s plan.',
        };
        throw forbidden(message, { role: p.role, reason: 'role-forbids' });
      }
      assertNoIdentity('document', { title: newTitle });
      // Refused before anything is stored, as the document's own write would refuse it.
      if (record.archivedAt) throw archivedError(ref);
      // The look-alike check a creation makes (`refuseTitleTwin`), on the record as stored now, and
      // the write below as one step (`title-turn.ts`): two renames at once cannot both take look-alikes.
      const scope = { workspace: ref.workspace, kind: record.kind, ownerUnit: record.ownerUnit };
      const checked = (write: () => Promise<DocRecord>) =>
        allowDuplicate
          ? write()
          : inTitleTurn(storage, scope, async () => {
              await refuseTitleTwin(storage, ref.workspace, { kind: record.kind, ownerUnit: record.ownerUnit, title: newTitle, id: ref.doc }, 'rename');
              return write();
            });
      // One write: the title in the document (an edit like any, so open panes see it), the renamed
      // record and its audit line are stored in one transaction (`AppendItem.record`): all, or none,
      // on every store. Only the title (and `updatedAt`) is written over the record as stored then
      // (`appendedRecord`): an archive, owner unit or kind stored since the read above is kept; a
      // record deleted since stores nothing (`DocRecordGoneError`). The line names the title the document held as the room took
      // the change (the title it replaced; the record's when the document has none).
      const at = clock().toISOString();
      const renamed: DocRecord = { ...record, title: newTitle, updatedAt: at };
      const lines: UpdateAudit[] = [];
      const retitle = (doc: Y.Doc) => {
        const held = metaOf(doc)?.title;
        const shown = typeof held === 'string' && held !== '' ? held : record.title;
        const replaced = shown !== newTitle ? shown : record.title;
        if (replaced !== newTitle) lines.push({ workspace: ref.workspace, doc: ref.doc, memberId: p.memberId, action: 'rename', bytes: 0, detail: renameDetail(replaced, newTitle) });
        setMeta(doc, { title: newTitle });
      };
      return checked(async () => {
        try {
          await docs.write(ref, p, retitle, lines, renamed);
        } catch (err) {
          // Deleted since the record was read (another process, `samplan`): nothing was stored, and the refusal names the name.
          if (err instanceof AppError && err.code === 'document-deleted') throw deletedMeanwhile(ref, { sv: `det nya namnet "${newTitle}"`, en: `the new name "${newTitle}"` });
          throw err;
        }
        return (await storage.getDocRecord(ref)) ?? renamed;
      });
    };
    // In this process's turn, and in the document's turn across processes where the store has one.
    const document = await inTurn(ref, () => (storage.inDocTurn ? storage.inDocTurn(ref, rename).catch(busyInWords) : rename()));
    await feed.notify(ref.workspace);
    return c.json({ document });
  });

  for (const [verb, archived] of [['archive', true], ['unarchive', false]] as const) {
    app.post(`/:ws/documents/:doc/${verb}`, async (c) => {
      const p = c.get('principal');
      const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
      assertCan(p, 'admin', { workspace: ref.workspace });
      const next = await inTurn(ref, async () => {
        await requireDoc(storage, ref);
        const change = (stored: DocRecord) => {
          const changed: DocRecord = { ...stored, archivedAt: archived ? clock().toISOString() : null, archivedBy: archived ? p.name : null };
          return { record: changed, audit: audit(stored, p.memberId, verb, null) };
        };
        // Read and written in one transaction: a title another process's follow of a socket rename
        // stores meanwhile is kept, and a record deleted meanwhile is not written back (404, `requireDoc`).
        return (await storage.updateDocRecord(ref, change)) ?? (await requireDoc(storage, ref));
      });
      // From this moment the room refuses (or takes again) every write, sockets and REST alike.
      const unconfirmed = await deps.rights.docChanged(next);
      await feed.notify(ref.workspace);
      const answer: DocumentLifeAnswer = { document: next, ...(unconfirmed ? { unconfirmed } : {}) };
      return c.json(answer);
    });
  }

  app.post('/:ws/documents/:doc/copy', zValidator('json', copyBodySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const ws = c.req.param('ws');
    // Another workspace's documents are not told apart from missing ones (404 before any look-up).
    assertCan(p, 'read', { workspace: ws });
    const source = await requireDoc(storage, { workspace: ws, doc: c.req.param('doc') });
    const kind = source.kind as DocKind;
    if (!COPYABLE_KINDS.includes(kind)) {
      const plans = COPYABLE_KINDS.map((k) => kindDef(k).title.sv.toLocaleLowerCase('sv')).join(' och ');
      throw new AppError(400, 'not-a-plan', {
        sv: `Bara planer (${plans}) kan kopieras till ett nytt år; "${source.doc}" är av slaget ${isDocKind(source.kind) ? kindDef(source.kind).title.sv.toLocaleLowerCase('sv') : source.kind}.`,
        en: `Only plans (${COPYABLE_KINDS.join(', ')}) are copied to a new year; "${source.doc}" is ${source.kind}.`,
      });
    }
    assertCan(p, 'create', { workspace: ws, doc: { kind, ownerUnit: source.ownerUnit } });
    const body = c.req.valid('json');
    assertNoIdentity('document', { title: body.title });
    const rows = await docs.read(source, (doc) => rowsOf(doc).map((r) => carriedOver(kind, r.values, body.years)));
    await refuseLockedRows(deps.locks, source, rows);
    const doc = createDoc(kind, { title: body.title, ownerUnit: source.ownerUnit, schemaVersion: kindDef(kind).schemaVersion });
    markMade(doc);
    insertRows(doc, rows);
    const now = clock().toISOString();
    const made = (id: string): DocRecord => ({ workspace: ws, doc: id, kind, title: body.title, ownerUnit: source.ownerUnit, createdAt: now, updatedAt: now });
    // One write: the copy's state, its new record (`creates`) and its `copy` line in one transaction (`AppendItem.record`),
    // so a refused line leaves no update rows without a record (a document nobody can list or delete); under the
    // next free id when a copy sent at the same moment took this one (`storeNewDoc`).
    let id: string;
    try {
      const update = Y.encodeStateAsUpdate(doc);
      const store = () =>
        storeNewDoc(storage, ws, { base: source.doc.replace(/-\d+$/, '') }, (free) => {
          const line: UpdateAudit = { workspace: ws, doc: free, memberId: p.memberId, action: 'copy', bytes: 0, detail: `from ${source.doc}, ${rows.length} rows` };
          return { update, memberId: p.memberId, audit: [line], record: made(free), creates: true };
        });
      // A copy is a creation: the same look-alike check (a second "Plan 2027" of the unit is asked
      // about, not made), checked and written as one step (`title-turn.ts`).
      id = body.allowDuplicate
        ? await store()
        : await inTitleTurn(storage, { workspace: ws, kind, ownerUnit: source.ownerUnit }, async () => {
            await refuseTitleTwin(storage, ws, { kind, ownerUnit: source.ownerUnit, title: body.title }, 'copy');
            return store();
          });
    } finally {
      doc.destroy();
    }
    await feed.notify(ws);
    return c.json({ document: made(id), rows: rows.length, sync: `/v1/sync/${ws}/${id}` }, 201);
  });

  return app;
}
