/**
 * What the adopt button does behind `<samplan-adopt>`: creates the document on the server (owned
 * by the member's own unit, as "new from template"), opens it without a sheet, then adopts the
 * plan into it in place (`adoptInPlace`: copy of the original, rows into the doc, the sheet
 * rewritten as Samplan's table) and hands the binding to the open document, so the Explorer
 * shows it bound and Problems lists what could not be taken. As on create, the person is asked
 * first (`allowDuplicate` only after a yes) when the pane lists a live document of the kind for the
 * unit, or the server finds a look-alike title. When Excel fails before the rows are
 * in the document, the document made for it is taken back (closed and deleted: its maker may
 * delete it while no one wrote in it), so a failed adoption leaves no empty document behind.
 */
import { SaidError } from '../../shared/i18n/said-error.js';
import { rowCount } from '../../shared/doc/index.js';
import { adoptInPlace, type Adopted } from '../excel/adopt/adopt.js';
import { aword } from './adopt-strings.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import type { DocumentInfo, Me, SamplanApi, UnitInfo } from './api-client.js';
import type { DocumentsController } from './documents-controller.js';
import { newDocumentTarget } from './new-document.js';
import { listedTwin, sendAskingTwin } from './twin-question.js';
import { failureWords } from './notice.js';
import type { OpenDoc } from './open-doc.js';
import type { AdoptRequest } from './samplan-adopt.js';
import type { Lang } from './strings.js';

/** What adopting needs from the workbench. */
export interface AdoptContext {
  api: SamplanApi;
  workspace: string;
  me: Me | null;
  units: readonly UnitInfo[];
  lang: Lang;
  run: ExcelRun;
  docs: DocumentsController;
  /** Called when the problems of the adopted document change. */
  changed: () => void;
  /**
   * The documents the pane lists: one of the kind for the unit is asked about before anything is
   * sent, and a look-alike the server names is shown as listed.
   */
  known?: readonly DocumentInfo[];
}

/** What adopting came to: the document made and the sheet holding the original's copy, or a look-alike to ask about first. */
export type AdoptOutcome = { info: DocumentInfo; originalSheet: string; twin?: never } | { twin: DocumentInfo; info?: never };

/**
 * Creates the document and adopts `request` into it. Returns the new document's info and the
 * sheet holding the copy of the original; or, when `request.allowDuplicate` is not set and the
 * pane lists a live document of the kind for the unit (`ctx.known`, {@link listedTwin}: asked before
 * anything is sent) or the server finds one with a look-alike title (409 `doc-duplicate`), that
 * document (`twin`), nothing made and the sheet untouched: the person is asked, as on
 * create, rename and copy (`twin-question.ts`), and says yes by sending again with
 * `allowDuplicate`. Throws (in words) when the workspace has no unit to own it, and what the
 * server or Excel throws; when Excel throws, the document made is taken back if it holds nothing
 * yet, and the words say when it is kept ({@link takeBack}).
 */
export async function adoptIntoNewDocument(ctx: AdoptContext, request: AdoptRequest): Promise<AdoptOutcome> {
  const target = newDocumentTarget(request.kind, ctx.me, ctx.units, ctx.lang);
  if (!target) throw new SaidError({ sv: 'arbetsytan har ingen enhet som kan äga dokumentet', en: 'the workspace has no unit to own the document' }, ctx.lang);
  const send = (allow: boolean) => ctx.api.createFromTemplate(ctx.workspace, request.kind, target.ownerUnit, request.title, allow);
  const known = ctx.known ?? [];
  const ahead = listedTwin(known, request.kind, target.ownerUnit);
  const sent = await sendAskingTwin(send, { allowDuplicate: request.allowDuplicate === true, like: { kind: request.kind, ownerUnit: target.ownerUnit }, ahead, known });
  if (sent.twin) return { twin: sent.twin };
  const info = sent.done;
  const entry = await ctx.docs.openDoc({ serverUrl: ctx.api.serverUrl, token: ctx.api.token, workspace: ctx.workspace, info, me: ctx.me, units: ctx.units, lang: ctx.lang, run: null });
  const plan = { ...request.plan, rows: request.plan.rows.map((r) => ({ ...r, problems: r.problems.map((p) => ({ ...p, doc: info.id })) })) };
  let adopted: Adopted;
  try {
    adopted = await adoptInPlace(ctx.run, entry.ydoc, plan, request.grid, {
      docId: info.id,
      lang: ctx.lang,
      sheetName: request.sheetName,
      readOnly: entry.readOnly,
      onProblems: (problems) => {
        entry.problems = [...problems];
        ctx.changed();
      },
      onSelection: (selection) => entry.sync.awareness?.setLocalStateField('row', selection?.rowId ?? null),
    });
  } catch (err) {
    throw await takeBack(ctx, entry, info, err);
  }
  entry.binding = {
    async selectCell(rowId, column) {
      return adopted.binding.selectCell(rowId, column);
    },
    sheetRow: (rowId) => adopted.binding.sheetRow(rowId),
    dispose: () => adopted.binding.dispose(),
  };
  ctx.changed();
  return { info, originalSheet: adopted.originalSheet };
}

/**
 * After Excel failed with `err`: a document that holds no row yet (`adoptInPlace` writes them only
 * once the sheet holds the table) is closed and deleted, and `err` is what the person is told; one
 * that holds the rows stays open (they are the sheet's, and in the document now), as does one the
 * server would not delete. Then the words name `err` and say the document is kept.
 */
async function takeBack(ctx: AdoptContext, entry: OpenDoc, info: DocumentInfo, err: unknown): Promise<unknown> {
  const kept = (key: 'keptEmpty' | 'keptRows') =>
    new SaidError({
      sv: aword(key, 'sv', { reason: failureWords(err, 'sv').replace(/\.$/, ''), title: info.title }),
      en: aword(key, 'en', { reason: failureWords(err, 'en').replace(/\.$/, ''), title: info.title }),
    }, ctx.lang);
  if (rowCount(entry.ydoc) > 0) return kept('keptRows');
  // Closed first: the deletion closes the document's sockets, and this pane's would say so.
  ctx.docs.close(info.id);
  try {
    await ctx.api.deleteDocument(ctx.workspace, info.id);
    return err;
  } catch {
    return kept('keptEmpty');
  } finally {
    ctx.changed();
  }
}
