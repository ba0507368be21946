/**
 * Reservnummer (`reservnummer.ts`): the national reserve identity (NRID, `XXYYMMDDNNGC`) and Region
 * Stockholm's (`99yyyyNNNNNC`) single out a patient as a personnummer does. Before, the guard read
 * neither, so `22850101-AB12` was stored as a plan's comment. Both ways: the numbers are refused
 * (kind `reservnummer`, in words), and plan phrases of a like shape pass.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer, findPersonnummerInValue } from '../../../shared/validate/personnummer.js';
import { findReservnummer } from '../../../shared/validate/reservnummer.js';
import { personnummerGuard } from '../../../addin/excel/local/guard.js';
import { redactPersonnummer } from '../../../shared/validate/redact-personnummer.js';
import { identityRefusal } from '../../../shared/i18n/personnummer-words.js';
import { shownPath } from '../../../server/cli-args.js';
import { checkUpdate, type UpdateVerdict } from '../../../shared/validate/check-update.js';
import { createDoc } from '../../../shared/doc/create.js';
import { insertRow, setCell } from '../../../shared/doc/rows.js';
import * as Y from 'yjs';

/** Each written as people and spreadsheets write them; the first few are the sources' examples. */
const RESERVE = [
  '22850101AB12', // XX = 19 + 3, date known, sex known (G a digit)
  '22850101ABC1', // sex unknown (G a letter)
  '22850101-AB12', // the HL7 profile's optional dash
  '00002045XY31', // date unknown: XX 00, then a serial with month 20–99, day 40–59
  '23150229KL4 3'.replace(' ', ''),
  '44991231ZZZ9',
  '22850101 AB12',
  '22850101–AB12',
  '22850101-ab12',
  '２２８５０１０１ＡＢ１２',
  '991981000010', // Inera's examples for Region Stockholm
  '991945000023',
  '992299123456',
];

/** Plan phrases of a like shape: dates with a code, article codes, amounts, periods, ids. */
const ORDINARY = [
  '20260317A123',
  '20260317AB12',
  '20260317-AB12',
  '20260317 KL12',
  '19850101-AB12', // XX 18–21 is never used for an NRID (kept from personnummer)
  '20260317TA1B',
  '20260317ABC1',
  '12345678A123',
  '2026-03-17 AB12',
  'Art.nr 22850101-IO12', // I and O are no NRID letters
  '22850101-ABCD1',
  '22850101-AB123',
  '22850101-AB12X',
  '122850101AB12',
  '22851301AB12', // month 13
  '22850132AB12', // day 32
  '00001230XY31', // date unknown needs day 40–59
  '990000000000',
  '991234567890', // year 1234
  '9919810000101',
  '1991981000010',
  'Budget 99 198 100 kr',
  'Möte 2026-03-17 kl 14, lokal B12',
  'Period 202601-202612',
  'Order 4711-22850101',
];

describe('a reservnummer', () => {
  it.each(RESERVE)('is found in %s, alone and inside a sentence, as written', (written) => {
    expect(findReservnummer(written)).toEqual({ match: written, index: 0 });
    const text = `Ring patienten ${written} i morgon`;
    expect(findPersonnummer(text)).toEqual({ match: written, index: 15, kind: 'reservnummer', phoneLike: false });
  });

  it.each(ORDINARY)('is not found in the plan phrase %s', (phrase) => {
    expect(findReservnummer(phrase)).toBeNull();
    expect(findPersonnummer(phrase)).toBeNull();
  });

  it('is found after a label glued before it, and the first number in a text is the one given', () => {
    expect(findPersonnummer('rnr22850101AB12')?.match).toBe('22850101AB12');
    expect(findPersonnummer('Ring 19121212-1212 och 22850101AB12')?.kind).toBe('personnummer');
    expect(findPersonnummer('Ring 22850101AB12 och 19121212-1212')?.kind).toBe('reservnummer');
  });

  it('is found with characters that show nothing inside it, the match spanning them', () => {
    expect(findPersonnummer('Ring 22850101\u200bAB12 nu')).toEqual({ match: '22850101\u200bAB12', index: 5, kind: 'reservnummer', phoneLike: false });
    expect(findReservnummer('\u00ad\u00ad 9919\u00ad81000010\u200d')).toEqual({ match: '9919\u00ad81000010', index: 3 });
    expect(findReservnummer('2026\u200b0317-AB12')).toBeNull();
  });

  it("is read in a number cell (Region Stockholm's are all digits)", () => {
    expect(findPersonnummerInValue(991981000010)?.kind).toBe('reservnummer');
    expect(findPersonnummerInValue(990000000000)).toBeNull();
  });

  it('is refused in words naming it, Swedish and English, without the number', () => {
    const words = identityRefusal({ sv: 'kolumnen "Kommentar"', en: 'the column "Comment"' }, { kind: 'reservnummer', phoneLike: false });
    expect(words.sv).toBe('Kolumnen "Kommentar" innehåller ett reservnummer. Personnummer och reservnummer får inte sparas i Samplan.');
    expect(words.en).toMatch(/^The column "Comment" contains a reserve identity number \(reservnummer\)\./);
  });

  it("is masked in logs and in the CLI's lines", () => {
    expect(redactPersonnummer('GET /v1/x/22850101-AB12?q=991981000010')).toBe('GET /v1/x/[redacted]?q=[redacted]');
    expect(shownPath('ut/22850101ABC1.csv')).toBe('ut/[personnummer].csv');
  });

  it("is refused in a plan's text cell, in words naming it, and a dated code there is stored", () => {
    const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-tensta', schemaVersion: 1 });
    const rowId = insertRow(doc, { title: 'Hälsodag' });
    const write = (value: string): UpdateVerdict => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(copy);
      setCell(copy, rowId, 'title', value);
      return checkUpdate(doc, Y.encodeStateAsUpdate(copy, before));
    };
    const refused = write('Hälsodag, ring 22850101-AB12');
    expect(refused).toMatchObject({ ok: false, code: 'personnummer' });
    expect(refused.ok ? '' : refused.message.sv).toMatch(/innehåller ett reservnummer\./);
    expect(JSON.stringify(refused)).not.toMatch(/22850101|AB12/);
    expect(write('Hälsodag, artikel 20260317A123').ok).toBe(true);
  });
});

describe('the pane’s own guard (addin/excel/local/guard.ts)', () => {
  it('names a reservnummer as one, not as a personnummer or samordningsnummer, and keeps the number out of its words', () => {
    const found = personnummerGuard('Kontakt 22850101-AB12 i receptionen');
    expect(found?.code).toBe('personnummer');
    expect(found?.message.sv).toMatch(/^Texten innehåller ett reservnummer\. Personnummer, samordningsnummer och reservnummer får inte sparas i Samplan\./);
    expect(found?.message.en).toMatch(/reserve identity number \(reservnummer\)/);
    expect(JSON.stringify(found)).not.toContain('22850101');
    // A personnummer keeps its words.
    expect(personnummerGuard('Pnr 850101-1236')?.message.sv).toMatch(/^Personnummer och samordningsnummer får inte sparas/);
  });
});
