/**
 * History entries that changed nothing visible. A refused edit that the server took back (a row of
 * another unit, a row of an approved round, the settings, someone else's comment, an archived
 * document; see `server/sync/undo-refused.ts`) is stored like any change, as the edit and its
 * take-back together, so its entry shows no cell, row or comment. Such an entry is named in words
 * ("Ändring tillbakatagen (Anna: raden hör till en annan enhet)") from the sync layer's `refused`
 * audit line written in the same moment; an entry that changed nothing visible and matches no
 * refusal (a value written again as it was) is left out, as there is nothing in it to read.
 */
import type { AuditRecord } from '../storage/storage.js';
import type { HistoryGroup, TakenBack } from './history-groups.js';

export type { TakenBack };

/** How far (ms) a `refused` audit line may lie from its take-back's stored time: both are written within one offer. */
export const TAKE_BACK_WINDOW_MS = 5_000;

/** True when a group shows something: a row added or deleted, a cell changed, a comment. */
export function changedVisibly(g: Pick<HistoryGroup, 'rowsAdded' | 'rowsDeleted' | 'cellsChanged' | 'comments'>): boolean {
  return g.rowsAdded.length > 0 || g.rowsDeleted.length > 0 || g.cellsChanged > 0 || (g.comments?.length ?? 0) > 0;
}

/**
 * `groups` with every group that changed nothing visible either marked `takenBack` (the nearest
 * `refused` audit line of the document within {@link TAKE_BACK_WINDOW_MS} of the group, by its
 * member when it has one) or left out. Checkpoints and visible groups pass unchanged.
 *
 * @param refused the document's audit lines; those of another action are passed over
 * @param names member names by id
 */
export function nameTakeBacks(groups: readonly HistoryGroup[], refused: readonly AuditRecord[], names: ReadonlyMap<string, string>): HistoryGroup[] {
  const lines = refused.filter((a) => a.action === 'refused').map((a) => ({ line: a, at: Date.parse(a.at) }));
  const out: HistoryGroup[] = [];
  for (const g of groups) {
    if (g.authorKind === 'checkpoint' || changedVisibly(g)) {
      out.push(g);
      continue;
    }
    const from = Date.parse(g.firstAt) - TAKE_BACK_WINDOW_MS;
    const to = Date.parse(g.at) + TAKE_BACK_WINDOW_MS;
    const end = Date.parse(g.at);
    let best: AuditRecord | null = null;
    for (const { line, at } of lines) {
      if (at < from || at > to || (g.memberId !== null && line.memberId !== g.memberId)) continue;
      if (best === null || Math.abs(at - end) < Math.abs(Date.parse(best.at) - end)) best = line;
    }
    if (!best) continue;
    const memberId = best.memberId;
    out.push({ ...g, takenBack: { memberId, memberName: memberId ? (names.get(memberId) ?? memberId) : null, code: best.detail ?? 'refused' } });
  }
  return out;
}
