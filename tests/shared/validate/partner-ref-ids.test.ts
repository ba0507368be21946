/**
 * A plan's partner cell stores the row id of the partner's row in the partner list, another
 * document the check of the plan cannot look into, or a name typed that names no partner. So a
 * text there of a drawn id's shape that the guard reads a number in (`P850101x1236`) is judged as
 * any text and refused: it may be a person's number typed with a letter before it, and the check
 * cannot tell it from a partner list row id drawn before the guard read such ids (about one in 28
 * million ids; ids are drawn again since, `unflaggedId`). A partner row with such an id can then
 * not be chosen in a plan; the partner list's row is given a new id by copying it (its name
 * typed again), which the README says.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
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
  it.each(LEGACY_IDS)('refuses %j, of a drawn id\'s shape, which the guard reads a number in', (id) => {
    expect(findPersonnummer(id)).not.toBeNull();
    const { server, client, row } = plan(kind);
    const update = updateOf(client, () => setCell(client, row, 'partner', id));
    expect(checkUpdate(server, update)).toMatchObject({ ok: false, code: 'personnummer' });
    expect(checkUpdateWalked(server, update)).toMatchObject({ ok: false });
    // In a new row too.
    const adding = docFromState(encodeState(server));
    expect(checkUpdate(server, updateOf(adding, () => insertRow(adding, { ...NAMED[kind], partner: id })))).toMatchObject({ ok: false, code: 'personnummer' });
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

  it('refuses the id the name resolves to, as a personnummer typed in the partner column, and takes another partner', () => {
    const named = checkRecord('activity-plan', { id: null, cells: new Map([['title', 'Hälsodag'], ['partner', 'röda korset']]) }, {}, { partner: partners });
    expect(named).toMatchObject({ code: 'personnummer' });
    const other = checkRecord('activity-plan', { id: null, cells: new Map([['title', 'Hälsodag'], ['partner', 'tensta if']]) }, {}, { partner: partners });
    expect(other).toMatchObject({ values: { partner: 'Tq3vX8pL2mZa' } });
    const typed = checkRecord('activity-plan', { id: null, cells: new Map([['title', 'Hälsodag'], ['partner', '850101-1236']]) }, {}, { partner: partners });
    expect(typed).toMatchObject({ code: 'personnummer' });
  });
});
