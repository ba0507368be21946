/**
 * The spellings of a personnummer a Swedish coordinator or an Excel paste produces, typed into a
 * bound table as Excel takes them (a leading apostrophe kept as text, ten digits made a number,
 * a non-breaking space, fullwidth digits from an input method, the century apart, a
 * samordningsnummer's day + 60), are refused by the pane before they reach the doc and by the
 * server's check of an update writing what Excel stored: the two share `shared/validate`.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { setCell } from '../../../shared/doc/rows.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const SHEET = 'plan-test';
const sides = disposedAfterEach();

/** What is typed, in a text column (`comment`) and in a whole-number column (`participantsPlanned`). */
const TYPED: Array<[string, string]> = [
  ['a leading apostrophe', "'811218-9876"],
  ['a leading apostrophe before ten digits', "'8112189876"],
  ['ten digits, which Excel makes a number', '8112189876'],
  ['twelve digits, which Excel makes a number', '198112189876'],
  ['the century apart', '19 811218-9876'],
  ['a non-breaking space', '811218\u00a09876'],
  ['non-breaking spaces around the dash', '19811218\u00a0-\u00a09876'],
  ['a narrow no-break space', '811218\u202f9876'],
  ['fullwidth digits and hyphen (an input method)', '\uff18\uff11\uff11\uff12\uff11\uff18\uff0d\uff19\uff18\uff17\uff16'],
  ['fullwidth digits, the prolonged sound mark as dash', '\uff11\uff19\uff18\uff11\uff11\uff12\uff11\uff18\u30fc\uff19\uff18\uff17\uff16'],
  ['fullwidth digits and an ideographic space', '\uff18\uff11\uff11\uff12\uff11\uff18\u3000\uff19\uff18\uff17\uff16'],
  ['an en dash (Word, Outlook)', '811218\u20139876'],
  ['a plus: 100 years or older', '811218+9876'],
  ['a samordningsnummer, day + 60', '811278-9873'],
  ['a samordningsnummer with its century', '19811278-9873'],
  ['thousands groups with spaces', '8 112 189 876'],
  ['thousands groups with commas', '8,112,189,876'],
  ['a line break (Alt+Enter)', 'Anna Ek\n811218-9876'],
  ['a label and the number', 'Pnr: 19811218-9876'],
  ['a space around the dash', '811218 - 9876'],
];

/** The update a client makes writing `value` in `column` of a copy of `doc`'s first row. */
function written(doc: Y.Doc, column: string, value: string | number): Uint8Array {
  const client = docFromState(encodeState(doc));
  let update: Uint8Array | null = null;
  client.on('update', (u: Uint8Array) => (update = u));
  setCell(client, rowsOf(client)[0]?.id as string, column, value);
  if (update === null) throw new Error('nothing written');
  return update;
}

describe('a personnummer typed into the sheet as a coordinator or a paste writes it', () => {
  for (const column of ['comment', 'participantsPlanned']) {
    it.each(TYPED)(`is refused in ${column} by the pane and the server: %s`, async (_name, typed) => {
      const side = await openSide(docWith('activity-plan', [{ title: 'Aktivitet 1', type: 'halsodag', startDate: '2026-03-01' }]), 'activity-plan');
      sides.push(side);
      const id = rowsOf(side.doc)[0]?.id as string;
      const before = encodeState(side.doc);
      side.host.user.type(SHEET, cellAt('activity-plan', column, 0), typed);
      await side.settle();
      // The pane: nothing reaches the doc, and the cell is named for it.
      expect(getRow(side.doc, id)?.values[column]).toBeUndefined();
      expect(side.binding.problems.find((p) => p.column === column)?.code).toBe('personnummer');
      // The server: an update writing what Excel stored there is refused as well.
      const stored = side.host.read(SHEET, cellAt('activity-plan', column, 0))[0]?.[0] as string | number;
      const server = docFromState(before);
      const verdict = checkUpdate(server, written(server, column, stored));
      expect(verdict.ok ? 'ok' : verdict.code, JSON.stringify(stored)).toBe('personnummer');
    });
  }
});
