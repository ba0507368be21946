/**
 * The notice an author gets when an allowed edit of theirs, made while another change of the same
 * place was refused and taken back, cannot be checked against that take-back: the room no longer
 * remembers it (`take-backs.ts`, `LostToForgotten`: forgotten by the document's bound, the edit
 * losing to its item or landing in a row it put back), or storage no longer holds it, or could not
 * be read (a delete, or a set that lost and was kept: `room-look-back.ts`). Whether the author had seen the take-back is what decides
 * whether the edit stands, so it was not written again and may be lost: the person is told which
 * cell to enter again. The words say so plainly, and say "taken back" as the refusals do
 * (`REFUSAL_SENTENCES` in `shared/protocol/notices.ts`). Sent on the refusal channel of the notices
 * (code {@link LOST_EDIT_CODE}), so the pane shows it as it shows a refusal. It names the table (the
 * doc's root map), the row id and the column; never the value.
 */
import * as Y from 'yjs';
import { encodeRefusalNotice, type RefusalNotice } from '../../shared/protocol/notices.js';
import { pathOf } from './undo-refused.js';
import type { Peer } from './room-types.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { cutText } from '../../shared/validate/cut-text.js';

/** The machine code of the notice. */
export const LOST_EDIT_CODE = 'lost-edit';

/** At most this many characters of a table, row id or column name are put in the sentence. */
const NAME_CHARS = 120;

// Cut with `cutText`, which ends the cut text before any identity number the cut made: a row id of
// eleven digits (no number) cut to ten would be one.
const named = (s: string | undefined): string => {
  const text = s ?? '';
  return text.length > NAME_CHARS ? `${cutText(text, NAME_CHARS)}…` : text;
};

/**
 * The notice of an edit of the key at `path` (root's name, keys down, key: `['rows', rowId, column]`
 * for a cell, `['rows', rowId]` for a whole row, `['meta', field]` for a setting) that could not be
 * checked against a take-back (see the module comment), in Swedish and English.
 */
export function lostEditNotice(path: readonly string[]): RefusalNotice {
  const [table, row, column] = path.map(named);
  const where =
    path.length >= 3
      ? { sv: `kolumnen ${column} på rad ${row} (${table})`, en: `column ${column} of row ${row} (${table})` }
      : path.length === 2 && table === 'rows'
        ? { sv: `rad ${row}`, en: `row ${row}` }
        : { sv: `${path.slice(1).map(named).join('/')} (${table})`, en: `${path.slice(1).map(named).join('/')} (${table})` };
  return {
    closeCode: CloseCode.updateRefused,
    code: LOST_EDIT_CODE,
    reason: 'An edit made while another change of the same place was taken back could not be checked against it; enter it again',
    message: {
      sv: `Din ändring av ${where.sv} sparades inte. En annan ändring av samma ställe togs tillbaka samtidigt som du gjorde din, och servern kunde inte avgöra om du hade sett det när du ändrade. Skriv in den igen.`,
      en: `Your change of ${where.en} was not saved. Another change of the same place was taken back while you made yours, and the server could not tell whether you had seen that when you made your change. Please enter it again.`,
    },
  };
}

/**
 * Deletes of an allowed update owed a replay after the stored take-backs are read
 * (`Room.lookBackStored`): the update (Yjs V1), its author's last sync step 1 (a state vector),
 * the paths of the keys ({@link lostEditNotice}), and the author's connection (null: none).
 */
export interface OwedDeletes {
  update: Uint8Array;
  seen: Uint8Array;
  paths: string[][];
  peer: Peer | null;
}

/** The edits of an update that lost to a forgotten take-back when none did: one list for every such update. */
const NO_LOST: readonly string[][] = Object.freeze([]);

/**
 * The first few (at most 5) of `pending`, the paths of edits lost to a forgotten take-back, taken out
 * of it to be told with one update; none at nearly every edit, and then no array is made for them.
 */
export function takeLostEdits(pending: string[][]): readonly string[][] {
  return pending.length === 0 ? NO_LOST : pending.splice(0, 5);
}

/** Tells `peer`, when it asked for notices, which of `paths` to enter again (at most five notices). */
export function tellLostEdits(peer: Peer | null, paths: readonly (readonly string[])[]): void {
  if (peer?.notices) for (const path of paths.slice(0, 5)) peer.send(encodeRefusalNotice(lostEditNotice(path)));
}

/**
 * The paths of the map sets of `update` (Yjs V1, as applied to `doc`) that lost there to a value
 * the doc held and were kept for a take-back's look-back (`keepLostSets`), at most five: the
 * cells whose author is told when the stored take-backs cannot be read (`room-look-back.ts`).
 * Never throws: bytes that are not an update give none.
 */
export function keptLostPaths(doc: Y.Doc, update: Uint8Array): string[][] {
  const paths: string[][] = [];
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return paths;
  }
  for (const s of structs) {
    if (!(s instanceof Y.Item) || s.id.clock >= Y.getState(doc.store, s.id.client)) continue;
    const item = Y.getItem(doc.store, s.id) as Y.Item | Y.GC;
    if (!(item instanceof Y.Item) || !item.deleted || !item.keep || item.parentSub === null) continue;
    const map = item.parent;
    if (!(map instanceof Y.Map) || map._item?.deleted || map._map.get(item.parentSub) === item) continue;
    paths.push(pathOf(map as Y.Map<unknown>, item.parentSub));
    if (paths.length === 5) break;
  }
  return paths;
}

/**
 * The notice of a cell edit that landed in a row already deleted (by a delete its author had not
 * seen, or one whose take-back is no longer known: the row was put back as a copy): Yjs drops such
 * a value as it lands, so the person is told which cell was not saved and why, in Swedish and
 * English. `path` is `['rows', rowId, column]`; never the value.
 */
export function rowGoneNotice(path: readonly string[]): RefusalNotice {
  const [, row, column] = path.map(named);
  const reason = 'An edit of a row that was deleted meanwhile was not saved';
  if (!row) {
    // Its map collected, the doc no longer tells whose the edit was: a row's cell, or a field of a
    // deleted comment (its author edited it while it was deleted). The sentence claims neither.
    return {
      closeCode: CloseCode.updateRefused,
      code: 'row-gone',
      reason,
      message: {
        sv: 'Din ändring sparades inte: raden eller kommentaren som den gällde hade tagits bort när ändringen kom fram.',
        en: 'Your change was not saved: the row or comment it was made in had been deleted when the change arrived.',
      },
    };
  }
  return {
    closeCode: CloseCode.updateRefused,
    code: 'row-gone',
    reason,
    message: {
      sv: `Din ändring av kolumnen ${column} på rad ${row} sparades inte: raden hade tagits bort när ändringen kom fram. Lägg till raden igen om den behövs.`,
      en: `Your change of column ${column} of row ${row} was not saved: the row had been deleted when the change arrived. Add the row again if it is needed.`,
    },
    // The cell as the doc has it (a name longer than the notice's schema allows is left out).
    ...(path.every((p) => p.length <= 200) ? { path: path.slice(0, 3) } : {}),
  };
}

/**
 * Tells `peer`, when it asked for notices, of the values of `dropped` (cells an update wrote into
 * rows `doc` holds deleted) that no live row `rows[rowId]` of `doc` holds now (a take-back known
 * here writes such a value into the row's copy), leaving out `told` paths; at most five notices.
 */
export function tellDroppedCells(peer: Peer | null, doc: Y.Doc, dropped: readonly { rowId: string; column: string; value: unknown }[], told: readonly (readonly string[])[]): void {
  if (!peer?.notices) return;
  let sent = 0;
  let unnamed = false;
  for (const { rowId, column, value } of dropped) {
    const row = doc.getMap('rows').get(rowId);
    if (row instanceof Y.Map && row.get(column) === value) continue;
    // Cells of rows that cannot be named: one notice for all of them.
    if (rowId === '' && unnamed) continue;
    unnamed ||= rowId === '';
    if (told.some((p) => p[1] === rowId && p[2] === column)) continue;
    peer.send(encodeRefusalNotice(rowGoneNotice(['rows', rowId, column])));
    if (++sent === 5) return;
  }
}
