/**
 * A reservnummer split over neighbouring cells of one row (`22850101` | `ABC1`, `99` |
 * `1981000010`) passed every guard, each judging one cell, where the same number in one cell is
 * refused. The row's check names it and the update that writes a part next to the other is
 * refused whole, in words naming a reservnummer; ordinary rows (a dated code, a date beside a
 * code, counts) never are.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow, setCell } from '../../../shared/doc/rows.js';
import { checkUpdate, checkUpdateWalked } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { validateRow } from '../../../shared/validate/validate-row.js';

const KEYS = ['a', 'b', 'c', 'd'];

describe('splitPersonnummer and reservnummer', () => {
  it.each([
    [['22850101', 'AB12']],
    [['22850101', 'ABC1']],
    [['22850101-', 'abc1']],
    [['22850101', '-AB12']],
    [['22850101', '–', 'AB12']],
    [['2285 0101', 'ABC1']],
    [['２２８５０１０１', 'ＡＢＣ１']],
    [['Pat. 22850101', 'ABC1']],
    [[22850101, 'ABC1']],
    [['99', '1981000010']],
    [['991981', '000010']],
    [['99', '1981', '000010']],
  ])('finds %j in neighbouring cells, as the guard reads the number whole', (parts) => {
    const values = Object.fromEntries(parts.map((p, k) => [KEYS[k] as string, p]));
    const whole = parts.map(String).reduce((text, p) => (/[-–]$/.test(text) || /^[-–]/.test(p) ? text + p : `${text} ${p}`));
    expect(findPersonnummer(whole)?.kind).toBe('reservnummer');
    const found = splitPersonnummer({ ...values }, KEYS);
    expect(found?.found.kind).toBe('reservnummer');
    expect(found?.first).toBe('a');
    // An empty cell between two parts is read across, as for a personnummer.
    const spread = splitPersonnummer(Object.fromEntries(parts.map((p, k) => [['a', 'c', 'd'][k] as string, p])), KEYS);
    expect(parts.length === 2 ? spread?.found.kind : 'reservnummer').toBe('reservnummer');
  });

  it.each([
    [['20260317', 'A123']],
    [['20260317', 'AB12']],
    [['19850101', 'AB12']],
    [['2026-03-17', 'ABC1']],
    [['22850101', 'IO12']],
    [['22850101', 'Anna']],
    [['22850101', 'ABC12']],
    [['99', '2026']],
    [['990000', '000000']],
    [['Hälsodag', 'AB12']],
  ])('passes the ordinary row %j', (parts) => {
    const values = Object.fromEntries(parts.map((p, k) => [KEYS[k] as string, p]));
    expect(splitPersonnummer(values, KEYS)).toBeNull();
  });

  it('passes two parts two cells apart or in reverse order', () => {
    expect(splitPersonnummer({ a: '22850101', d: 'ABC1' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: 'ABC1', b: '22850101' }, KEYS)).toBeNull();
  });
});

describe('validateRow on a reservnummer over two cells', () => {
  it('names it a reservnummer on the second cell, with both columns in the words', () => {
    const problems = validateRow('activity-plan', 'd1', 'r1', { title: 'Hälsodag', endDate: '22850101', responsible: 'ABC1' });
    const split = problems.filter((p) => p.code === 'split-personnummer');
    expect(split).toHaveLength(1);
    expect(split[0]).toMatchObject({ column: 'responsible', severity: 'error' });
    expect(split[0]?.message.sv).toMatch(/bildar tillsammans ett reservnummer\./);
    expect(split[0]?.message.en).toContain('reserve identity number');
    expect(JSON.stringify(split)).not.toMatch(/22850101|ABC1/);
  });
});

describe('checkUpdate on a reservnummer over two cells', () => {
  const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
  const row = (values: Record<string, string>): string => insertRow(server, { title: 'Hälsodag', ...values });

  function offered(edit: (client: Y.Doc) => void): Uint8Array {
    const client = docFromState(encodeState(server));
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    edit(client);
    if (update === null) throw new Error('the edit changed nothing');
    return update;
  }

  function verdict(update: Uint8Array): ReturnType<typeof checkUpdate> {
    const v = checkUpdate(server, update);
    expect(checkUpdateWalked(server, update)).toEqual(v);
    return v;
  }

  it('refuses the letters written next to the date part and the date part next to the letters, naming a reservnummer, without the number', () => {
    const letters = row({ endDate: '22850101' });
    const v = verdict(offered((c) => setCell(c, letters, 'responsible', 'ABC1')));
    expect(v).toMatchObject({ ok: false, code: 'personnummer' });
    expect(v.ok ? '' : v.message.sv).toMatch(/reservnummer/);
    expect(JSON.stringify(v)).not.toMatch(/22850101|ABC1/);
    const datePart = row({ responsible: 'ABC1' });
    expect(verdict(offered((c) => setCell(c, datePart, 'endDate', '22850101')))).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('takes a dated code beside a code, and the removal of a part', () => {
    const dated = row({ endDate: '20260317' });
    expect(verdict(offered((c) => setCell(c, dated, 'responsible', 'AB12'))).ok).toBe(true);
    const held = row({ endDate: '22850101', responsible: 'ABC1' });
    expect(verdict(offered((c) => setCell(c, held, 'responsible', null))).ok).toBe(true);
    expect(verdict(offered((c) => setCell(c, held, 'title', 'Hälsodag 2'))).ok).toBe(true);
  });
});
