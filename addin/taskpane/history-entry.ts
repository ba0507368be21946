/**
 * Templates of the History view: one burst of changes (who, when, how much) and its cells
 * before → after in words; and the list of later edits a restore would undo.
 */
import { html, type TemplateResult } from 'lit';
import type { CellValue } from '../../shared/schema/types.js';
import type { HistoryGroup, LaterEdit } from './api-history.js';
import { columnOf, valueWords, type CodeNames } from './cell-words.js';
import { count, hword, type HistoryWord } from './history-strings.js';
import type { Lang } from './strings.js';

/** The author of a group in words: a name, "Importerad av …", "Samplan (server)"; never "okänd". */
export function authorWords(g: Pick<HistoryGroup, 'authorKind' | 'memberName' | 'memberId'>, lang: Lang): string {
  const name = g.memberName ?? g.memberId;
  switch (g.authorKind) {
    case 'checkpoint':
      return hword('checkpoint', lang);
    case 'server':
      return hword('server', lang);
    case 'import':
      return name ? hword('importedBy', lang, { name }) : hword('server', lang);
    case 'member':
      return name ?? hword('server', lang);
  }
}

/** Refusal codes (`server/sync/offer-checks.ts`) History says in words; any other is "not allowed". */
const WHY = new Set(['forbidden-row', 'locked-row', 'forbidden-meta', 'forbidden-comment', 'archived', 'forbidden-doc']);

/**
 * "3 celler · 1 ny rad · 2 rader borttagna · 1 kommentar" (parts with zero left out); for a refused
 * edit the server took back, "Ändring tillbakatagen (Anna Andersson: raden hör till en annan enhet)".
 */
export function groupSummary(g: Pick<HistoryGroup, 'cellsChanged' | 'rowsAdded' | 'rowsDeleted' | 'comments' | 'takenBack'>, lang: Lang): string {
  if (g.takenBack) {
    const reason = hword(`why.${WHY.has(g.takenBack.code) ? g.takenBack.code : 'other'}` as HistoryWord, lang);
    const who = g.takenBack.memberName ?? g.takenBack.memberId;
    return hword('takenBack', lang, { why: who ? `${who}: ${reason}` : reason });
  }
  const parts: string[] = [];
  if (g.rowsAdded.length > 0) parts.push(count('rowsAdded', g.rowsAdded.length, lang));
  if (g.rowsDeleted.length > 0) parts.push(count('rowsDeleted', g.rowsDeleted.length, lang));
  if ((g.comments?.length ?? 0) > 0) parts.push(count('comments', g.comments?.length ?? 0, lang));
  const cellsInOldRows = g.cellsChanged;
  if (cellsInOldRows > 0 || parts.length === 0) parts.unshift(count('cells', cellsInOldRows, lang));
  return parts.join(' · ');
}

const COMMENT_WORD = { added: 'commentAdded', edited: 'commentEdited', deleted: 'commentDeleted' } as const;

function words(kind: string | null, key: string, value: CellValue, lang: Lang, names: CodeNames): string {
  const column = columnOf(kind, key);
  const text = column ? valueWords(column, value, lang, names) : value === null ? '' : String(value);
  return text === '' ? hword('empty', lang) : text;
}

function header(kind: string | null, key: string, lang: Lang): string {
  return columnOf(kind, key)?.header[lang] ?? key;
}

/** The cells a group changed, before → after, row by row; added and deleted rows by name. */
export function groupChanges(g: HistoryGroup, kind: string | null, lang: Lang, names: CodeNames): TemplateResult {
  const added = new Set(g.rowsAdded);
  const label = (id: string, l: string | null | undefined) => l ?? g.rowLabels[id] ?? hword('unnamedRow', lang);
  const cellLines = g.changes.filter((c) => !added.has(c.rowId));
  const hidden = g.cellsChanged - g.changes.length;
  return html`<ul class="changes" role="list">
    ${g.rowsAdded.map((id) => html`<li class="added">+ ${hword('added', lang)}: <b>${label(id, null)}</b></li>`)}
    ${g.rowsDeleted.map((id) => html`<li class="deleted">− ${hword('deleted', lang)}: <b>${label(id, null)}</b></li>`)}
    ${cellLines.map(
      (c) => html`<li class="cell">
        <b>${label(c.rowId, c.rowLabel)}</b> · ${header(kind, c.column, lang)}:
        <span class="from">${words(kind, c.column, c.from, lang, names)}</span> →
        <span class="to">${words(kind, c.column, c.to, lang, names)}</span>
      </li>`,
    )}
    ${hidden > 0 ? html`<li class="more">${count('more', hidden, lang)}</li>` : null}
    ${(g.comments ?? []).map((c) => html`<li class="comment">💬 ${hword(COMMENT_WORD[c.event], lang)} · <b>${label(c.rowId, c.rowLabel)}</b>: ${c.text}</li>`)}
  </ul>`;
}

/** One later edit as the restore panel lists it: who, which row and cell, now → in the version. */
export function laterLine(e: LaterEdit, kind: string | null, lang: Lang, names: CodeNames): TemplateResult {
  const row = e.rowLabel ?? hword('unnamedRow', lang);
  const who = authorWords(e, lang);
  if (e.change !== 'cell' || e.column === null) {
    return html`<span class="who">${who}</span>: <b>${row}</b> — ${hword(e.change === 'row-added' ? 'rowAddedLater' : 'rowDeletedLater', lang)}`;
  }
  return html`<span class="who">${who}</span>: <b>${row}</b> · ${header(kind, e.column, lang)}:
    <span class="from">${words(kind, e.column, e.now, lang, names)}</span> →
    <span class="to">${words(kind, e.column, e.inVersion, lang, names)}</span>`;
}

/** Whether a later edit is someone else's: another member's, an import's or the server's. */
export function byOthers(e: LaterEdit, me: string | null): boolean {
  return e.memberId !== me || e.authorKind !== 'member';
}

/**
 * The later edits by others in `fresh` (the list asked for again when a restore is chosen) that
 * `shown` (the list the person read) does not hold: what the restore would undo unseen. An edit
 * is the same when its change, author, sequence number and value now are; with `only`, just
 * edits of those rows count.
 */
export function unseenEdits(shown: readonly LaterEdit[], fresh: readonly LaterEdit[], me: string | null, only?: readonly string[]): LaterEdit[] {
  const key = (e: LaterEdit) => JSON.stringify([e.rowId, e.column, e.change, e.seq, e.authorKind, e.memberId, e.now]);
  const seen = new Set(shown.map(key));
  return fresh.filter((e) => byOthers(e, me) && (!only || only.includes(e.rowId)) && !seen.has(key(e)));
}
