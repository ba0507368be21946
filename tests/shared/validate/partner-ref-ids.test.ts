/**
 * A plan's partner cell stores the row id of the partner's row in the partner list, another
 * document the check of the plan cannot look into. A partner row whose id the guard reads a number
 * in, drawn before it did (`P850101x1236`), stays that partner's: choosing it writes the id into
 * the cell, and the cell is an id's place, judged by the shape of a drawn id. A personnummer typed
 * in the cell, or the same id written in a text column, is refused as any text.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow, setCell } from '../../../shared/doc/rows.js';
import type { DocKind } from '../../../shared/schema/types.js';
import { checkUpdate, checkUpdateWalked } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { checkRecord } from '../../../server/http/import-check.js';
import { refLookup } from '../../../shared/normalize/ref-lookup.js';
import { updateOf } from '../../support/update-of.js';

/** Partner list row ids a random draw can spell that the guard reads a number in. */
const LEGACY_IDS = ['P850101x1236', 'a850101b1236', 'a10O3126248Z'];
/** A personnummer as people type it in a cell, also where an id pattern of any length would take it. */
const TYPED = ['850101-1236', '8501011236', '198501011236', '19850101-1236', 'pnr 850101-1236'];

/** A row's first text of each plan kind. */
const NAMED = { 'activity-plan': { title: 'Hälsodag' }, 'action-plan': { measure: 'Promenadgrupp' } } as const;

/** A plan of `kind` holding one row, and a client replica of it. */
function plan(kind: DocKind & keyof typeof NAMED): { server: Y.Doc; client: Y.Doc; row: string } {
  const server = createDoc(kind, { title: 'Plan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
  const row = insertRow(server, NAMED[kind]);
  return { server, client: docFromState(encodeState(server)), row };
}

describe.each(['activity-plan', 'action-plan'] as const)('a partner cell of an %s', (kind) => {
  it.each(LEGACY_IDS)('takes the partner list row id %j, which the guard reads a number in', (id) => {
    expect(findPersonnummer(id)).not.toBeNull();
    const { server, client, row } = plan(kind);
    const update = updateOf(client, () => setCell(client, row, 'partner', id));
    expect(checkUpdate(server, update)).toMatchObject({ ok: true, cells: [{ rowId: row, column: 'partner', value: id }] });
    expect(checkUpdateWalked(server, update)).toMatchObject({ ok: true });
    // In a new row too, and over another such id the cell holds.
    Y.applyUpdate(server, update);
    const adding = docFromState(encodeState(server));
    expect(checkUpdate(server, updateOf(adding, () => insertRow(adding, { ...NAMED[kind], partner: id })))).toMatchObject({ ok: true });
    const changing = docFromState(encodeState(server));
    const other = LEGACY_IDS.find((l) => l !== id) as string;
    expect(checkUpdate(server, updateOf(changing, () => setCell(changing, row, 'partner', other)))).toMatchObject({ ok: true });
  });

  it.each(TYPED)('refuses %j typed in it', (typed) => {
    const { server, client, row } = plan(kind);
    expect(checkUpdate(server, updateOf(client, () => setCell(client, row, 'partner', typed)))).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('refuses such an id written in a text column, and in a partner cell with words around it', () => {
    const { server, client, row } = plan(kind);
    expect(checkUpdate(server, updateOf(client, () => setCell(client, row, 'responsible', 'P850101x1236')))).toMatchObject({ ok: false, code: 'personnummer' });
    const other = docFromState(encodeState(server));
    expect(checkUpdate(server, updateOf(other, () => setCell(other, row, 'partner', 'Eva P850101x1236')))).toMatchObject({ ok: false, code: 'personnummer' });
  });
});

describe('an import naming a partner whose list row id the guard reads a number in', () => {
  const partners = refLookup([
    { id: 'P850101x1236', name: 'Röda Korset' },
    { id: 'Tq3vX8pL2mZa', name: 'Tensta IF' },
  ]);

  it('stores the id the name resolves to, and refuses a personnummer in the partner column', () => {
    const named = checkRecord('activity-plan', { id: null, cells: new Map([['title', 'Hälsodag'], ['partner', 'röda korset']]) }, {}, { partner: partners });
    expect(named).toMatchObject({ values: { partner: 'P850101x1236' } });
    const typed = checkRecord('activity-plan', { id: null, cells: new Map([['title', 'Hälsodag'], ['partner', '850101-1236']]) }, {}, { partner: partners });
    expect(typed).toMatchObject({ code: 'personnummer' });
  });
});
