import { describe, expect, it } from 'vitest';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import type { CellColumn } from '../../../shared/schema/types.js';
import { col } from './helpers.js';

const participants = col('activity-plan', 'participantsPlanned');
const value = col('indicator-values', 'value');
const startDate = col('activity-plan', 'startDate');
const period = col('indicator-values', 'period');
const type = col('activity-plan', 'type');
const kon = col('indicator-values', 'kon');
const goal = col('activity-plan', 'goals.motivation');
const title = col('activity-plan', 'title');
const kommun = col('partners', 'kommun');
const unit = col('action-plan', 'unit');

const valueOf = (c: CellColumn, raw: unknown) => {
  const r = normalizeCell(c, raw);
  if (!r.ok) throw new Error(`${String(raw)}: ${r.code}`);
  return r.value;
};
const codeOf = (c: CellColumn, raw: unknown) => {
  const r = normalizeCell(c, raw);
  return r.ok ? null : r.code;
};

describe('normalizeCell', () => {
  it('reads a Swedish decimal comma', () => {
    expect(valueOf(value, '12,5')).toBe(12.5);
    expect(valueOf(value, ' 1 234,5 ')).toBe(1234.5);
    expect(valueOf(value, '1\u00a0234')).toBe(1234);
  });

  it('reads points between thousands before a decimal comma, and refuses in words a point that reads two ways', () => {
    expect(normalizeCell(value, '1.234,5')).toEqual({ ok: true, value: 1234.5, how: 'number-from-text' });
    expect(valueOf(participants, '12.345.678')).toBe(12345678);
    expect(normalizeCell(participants, '1.234')).toEqual({
      ok: false,
      code: 'number-ambiguous',
      message: {
        sv: 'Deltagare planerat: "1.234" kan vara 1234 eller 1,234: punkten kan skilja tusental eller vara decimaltecken. Skriv 1234 eller 1,234.',
        en: 'Participants planned: "1.234" could be 1234 or 1.234: the point may separate thousands or be a decimal point. Write 1234, or 1,234 for the decimals (a comma is read as the decimal mark).',
      },
    });
    expect(valueOf(value, '1.5')).toBe(1.5);
  });

  it('reads a year-less date in a plan of more than one year by its period, and refuses it where the period does not decide', () => {
    const school = { period: { first: '2025-07', last: '2026-06', written: 'läsåret 2025/26' } };
    expect(normalizeCell(startDate, '3/1', school)).toEqual({ ok: true, value: '2026-01-03', how: 'date-from-text' });
    expect(normalizeCell(startDate, 12.3, school)).toEqual({ ok: true, value: '2026-03-12', how: 'date-from-text' });
    expect(normalizeCell(startDate, '2025-01-03', school)).toEqual({ ok: true, value: '2025-01-03' });
    expect(codeOf(startDate, 'snart')).toBe('not-date');
    const both = { period: { first: '2025-01', last: '2026-12', written: '2025–2026' } };
    expect(normalizeCell(startDate, '3/1', both)).toMatchObject({ ok: false, code: 'date-year-ambiguous' });
    expect(normalizeCell(startDate, 12.3, both)).toMatchObject({ ok: false, code: 'date-year-ambiguous' });
  });

  it('keeps Excel numbers as they are and reads numbers sent as text', () => {
    expect(valueOf(value, 0.125)).toBe(0.125);
    expect(valueOf(participants, '40')).toBe(40);
    expect(valueOf(participants, 40)).toBe(40);
  });

  it('keeps zero as zero and empty as null, never the one for the other', () => {
    expect(valueOf(value, 0)).toBe(0);
    expect(valueOf(value, '0')).toBe(0);
    expect(valueOf(value, '')).toBeNull();
    expect(valueOf(value, '   ')).toBeNull();
    expect(valueOf(value, null)).toBeNull();
    expect(valueOf(value, undefined)).toBeNull();
  });

  it('reports text that is not a number, and a fraction in an integer column', () => {
    expect(codeOf(value, '12 procent')).toBe('not-number');
    expect(codeOf(value, '1,234.5')).toBe('not-number');
    expect(codeOf(value, true)).toBe('not-number');
    expect(codeOf(value, Number.NaN)).toBe('not-number');
    expect(codeOf(participants, '12,5')).toBe('not-integer');
    expect(codeOf(participants, 12.5)).toBe('not-integer');
  });

  it('says what went wrong in both languages, naming the column', () => {
    const r = normalizeCell(participants, 'många');
    expect(r).toEqual({
      ok: false,
      code: 'not-number',
      message: {
        sv: 'Deltagare planerat: "många" är inte ett tal. Skriv ett heltal, t.ex. 12.',
        en: 'Participants planned: "många" is not a number. Write a whole number, e.g. 12.',
      },
    });
  });

  it('names a number cell as each language writes it: a decimal comma in Swedish, a point in English', () => {
    // An .xlsx cell holds 1234.5 where Swedish Excel shows 1234,5: the Swedish words name what the coordinator sees.
    expect(normalizeCell(participants, 1234.5)).toEqual({
      ok: false,
      code: 'not-integer',
      message: { sv: 'Deltagare planerat: "1234,5" är inte ett heltal.', en: 'Participants planned: "1234.5" is not a whole number.' },
    });
    // A number in a choice column, a year in a date column: no thousands separator creeps in.
    const r = normalizeCell(type, 2026.25);
    expect(r.ok ? '' : r.message.sv).toContain('"2026,25"');
    expect(r.ok ? '' : r.message.en).toContain('"2026.25"');
  });

  it('gives a whole example in a whole-number column, a decimal one elsewhere', () => {
    // "12,5" in Deltagare is itself refused (not-integer), so it must not be the example there.
    for (const raw of ['många', '12 st', true]) {
      const r = normalizeCell(participants, raw);
      expect(r).toMatchObject({ ok: false, code: 'not-number' });
      expect(r.ok ? '' : r.message.sv).toMatch(/Skriv ett heltal, t\.ex\. 12\.$/);
      expect(r.ok ? '' : r.message.sv).not.toContain('12,5');
    }
    const value = normalizeCell(col('indicator-values', 'value'), 'många');
    expect(value.ok ? '' : value.message.sv).toMatch(/Skriv t\.ex\. 12,5\.$/);
  });

  it('turns Excel date serials into ISO dates, across the 1900 leap-year bug', () => {
    expect(valueOf(startDate, 45366)).toBe('2024-03-15');
    expect(valueOf(startDate, 59)).toBe('1900-02-28');
    expect(valueOf(startDate, 61)).toBe('1900-03-01');
    expect(codeOf(startDate, 60)).toBe('not-date');
  });

  it('reads the numbers Excel makes of dates typed 20250312 or 12.3 (a decimal point), never as serials', () => {
    expect(normalizeCell(startDate, 20250312, { year: 2025 })).toEqual({ ok: true, value: '2025-03-12', how: 'date-from-text' });
    expect(normalizeCell(startDate, 12.3, { year: 2027 })).toEqual({ ok: true, value: '2027-03-12', how: 'date-from-text' });
    expect(normalizeCell(startDate, 1.12, { year: 2025 })).toMatchObject({ ok: true, value: '2025-12-01' });
    // 1.1 may have been 1.10 (October) before Excel dropped the zero: refused, not guessed.
    expect(codeOf(startDate, 1.1)).toBe('not-date');
    expect(codeOf(startDate, 20251301)).toBe('not-date');
  });

  it('reads ISO dates, compact dates, date-times and Date objects', () => {
    expect(valueOf(startDate, '2024-03-15')).toBe('2024-03-15');
    expect(valueOf(startDate, ' 20240315 ')).toBe('2024-03-15');
    expect(valueOf(startDate, '2024-03-15T10:30:00Z')).toBe('2024-03-15');
    expect(valueOf(startDate, new Date(Date.UTC(2024, 2, 15)))).toBe('2024-03-15');
  });

  it('reports dates that do not exist or are written another way', () => {
    for (const bad of ['2023-02-29', '3/15/2024', '15 marsch', '20241301', true]) {
      expect(codeOf(startDate, bad), String(bad)).toBe('not-date');
    }
  });

  it.each(['x', 'X', 'ja', 'Ja', 'TRUE', 'true', ' x ', true, 1])('marks %j as true in an x-column', (raw) => {
    expect(valueOf(goal, raw)).toBe(true);
  });

  it.each(['', 'nej', 'Nej', 'FALSE', false, 0, null, undefined])('marks %j as false in an x-column', (raw) => {
    expect(valueOf(goal, raw)).toBe(false);
  });

  it('reports anything else in an x-column', () => {
    expect(codeOf(goal, 'kanske')).toBe('not-boolean');
    expect(codeOf(goal, 2)).toBe('not-boolean');
  });

  it('matches enum values by stored value or by label, any case', () => {
    expect(valueOf(type, 'promenadgrupp')).toBe('promenadgrupp');
    expect(valueOf(type, 'PROMENADGRUPP')).toBe('promenadgrupp');
    expect(valueOf(type, 'Promenadgrupp/Gågrupp')).toBe('promenadgrupp');
    expect(valueOf(type, 'walking group')).toBe('promenadgrupp');
    expect(valueOf(kon, 'k')).toBe('K');
    expect(valueOf(kon, 'Kvinnor')).toBe('K');
    expect(valueOf(kon, 'men')).toBe('M');
    expect(codeOf(type, 'Dans')).toBe('enum');
  });

  it('matches a choice written with other spacing, or by one part of a label that names several things', () => {
    expect(valueOf(type, '  Promenadgrupp  /  Gågrupp ')).toBe('promenadgrupp');
    expect(valueOf(type, 'Gågrupp')).toBe('promenadgrupp');
    expect(valueOf(type, 'hälsosamtal')).toBe('halsosamtal');
    expect(valueOf(col('activity-plan', 'venue'), 'Kyrka')).toBe('trossamfund');
    expect(valueOf(col('activity-plan', 'venue'), 'moské')).toBe('trossamfund');
    expect(valueOf(col('action-plan', 'perspective'), 'Patient')).toBe('individ-patient');
    // A part two choices share names neither; an empty part none.
    expect(codeOf(type, 'hälsoinformation och provtagning')).toBe('enum');
    expect(codeOf(type, '/')).toBe('enum');
  });

  it('says which choice was meant, or lists a short list, when a choice does not match', () => {
    const message = (c: CellColumn, raw: string) => {
      const r = normalizeCell(c, raw);
      if (r.ok) throw new Error(`${raw} was accepted`);
      return r.message;
    };
    expect(message(type, 'Promenadgrupper')).toEqual({
      sv: 'Typ: "Promenadgrupper" finns inte bland valen. Menade du "Promenadgrupp/Gågrupp"?',
      en: 'Type: "Promenadgrupper" is not one of the choices. Did you mean "Walking group"?',
    });
    expect(message(col('activity-plan', 'venue'), 'Vårdcentral').sv).toBe('Plats: "Vårdcentral" finns inte bland valen. Menade du "Vårdcentralen"?');
    // Nothing close: the four statuses, as an import has no dropdown to show them; no far guess ("Planerad").
    expect(message(col('activity-plan', 'status'), 'Klar')).toEqual({
      sv: 'Status: "Klar" finns inte bland valen. Välj bland "Planerad", "Pågående", "Genomförd" eller "Inställd".',
      en: 'Status: "Klar" is not one of the choices. Choose from "Planned", "In progress", "Done" or "Cancelled".',
    });
  });

  it('reads a maturity level typed as a number', () => {
    expect(valueOf(col('action-plan', 'maturity'), 3)).toBe('3');
  });

  it('normalises periods to the stored form', () => {
    expect(valueOf(period, '2024q2')).toBe('2024Q2');
    expect(valueOf(period, 2024)).toBe('2024');
    expect(valueOf(period, 202406)).toBe('202406');
    expect(valueOf(period, '2024-06')).toBe('202406');
    expect(valueOf(period, ' 2024s1 ')).toBe('2024S1');
    expect(codeOf(period, '2024Q5')).toBe('not-period');
  });

  it('reads a date cell in a period column as the month it is the first day of, and refuses another day in words', () => {
    // The sheet reads a cell formatted as a month (Swedish Excel shows `jul-26`) as its serial, the XLSX import as a Date.
    expect(valueOf(period, 46204)).toBe('202607');
    expect(valueOf(period, 45444)).toBe('202406');
    expect(valueOf(period, new Date(Date.UTC(2026, 6, 1)))).toBe('202607');
    expect(valueOf(period, 'jul-26')).toBe('202607');
    expect(valueOf(period, 'helår 2026')).toBe('2026');
    const day = normalizeCell(period, 45458);
    expect(day).toMatchObject({ ok: false, code: 'period-is-day' });
    if (day.ok) return;
    expect(day.message.sv).toContain('datumet 2024-06-15 är ingen period');
    expect(day.message.sv).toContain('2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24');
    expect(codeOf(period, new Date(Date.UTC(2026, 6, 15)))).toBe('period-is-day');
    // A number that is neither a period code nor a serial stays refused.
    expect(codeOf(period, 1234567)).toBe('not-period');
  });

  it('suggests the words the pane uses when refusing a period', () => {
    const r = normalizeCell(period, 'i slutet av året');
    expect(r).toMatchObject({ ok: false, code: 'not-period' });
    if (r.ok) return;
    expect(r.message.sv).toBe('Period: "i slutet av året" är ingen period. Skriv t.ex. 2024, 2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24.');
    expect(r.message.sv).not.toMatch(/2024Q2|2024S1/);
  });

  // Excel keeps the spaces a person types before and after a text: an indented line is theirs.
  it('keeps the spaces around a text a person writes, as Excel keeps them', () => {
    expect(normalizeCell(title, '  Promenad i Fittja\u00a0')).toEqual({ ok: true, value: '  Promenad i Fittja\u00a0' });
    expect(normalizeCell(col('activity-plan', 'comment'), '  – punkt ett\n  – punkt två')).toEqual({ ok: true, value: '  – punkt ett\n  – punkt två' });
  });

  // Only spaces are indentation: a tab, a line break or a byte-order mark around a text is trimmed, and said.
  it('trims the whitespace around a written text that is no space, keeping the spaces next to it, and says so', () => {
    const comment = col('activity-plan', 'comment');
    expect(normalizeCell(title, 'Promenad\t')).toEqual({ ok: true, value: 'Promenad', how: 'breaks-trimmed' });
    expect(normalizeCell(title, 'Promenad\n')).toEqual({ ok: true, value: 'Promenad', how: 'breaks-trimmed' });
    expect(normalizeCell(title, '\ufeffPromenad')).toEqual({ ok: true, value: 'Promenad', how: 'breaks-trimmed' });
    expect(normalizeCell(title, 'Promenad\u2028')).toEqual({ ok: true, value: 'Promenad', how: 'breaks-trimmed' });
    expect(normalizeCell(comment, '\r\n  – punkt ett\n  – punkt två \n')).toEqual({ ok: true, value: '  – punkt ett\n  – punkt två ', how: 'breaks-trimmed' });
    expect(normalizeCell(comment, '\t\u00a0 Rad\u00a0\t')).toEqual({ ok: true, value: '\u00a0 Rad\u00a0', how: 'breaks-trimmed' });
  });

  it('trims the invisible format characters around a text (zero-width space, joiners, direction marks, soft hyphen) as a byte-order mark, in every column', () => {
    expect(normalizeCell(title, 'Promenad\u200b')).toEqual({ ok: true, value: 'Promenad', how: 'breaks-trimmed' });
    expect(normalizeCell(title, '\u200e\u2060 Promenad \u200d')).toEqual({ ok: true, value: ' Promenad ', how: 'breaks-trimmed' });
    expect(normalizeCell(title, '\u00adPromenad')).toEqual({ ok: true, value: 'Promenad', how: 'breaks-trimmed' });
    // Inside a text nothing is taken: only what stands around it.
    expect(normalizeCell(title, 'Prome\u200bnad')).toEqual({ ok: true, value: 'Prome\u200bnad' });
    expect(normalizeCell(col('partners', 'name'), '\u200bRöda Korset')).toEqual({ ok: true, value: 'Röda Korset', how: 'spaces-trimmed' });
    expect(normalizeCell(title, '\u200b\ufeff')).toEqual({ ok: true, value: null, how: 'empty-from-spaces' });
    expect(normalizeCell(col('activity-plan', 'participantsPlanned'), '12\u200b')).toMatchObject({ ok: true, value: 12 });
  });

  it('reads a name rows are found by, an address and a phone without the spaces around them, and says so', () => {
    expect(normalizeCell(col('partners', 'name'), ' Röda Korset ')).toEqual({ ok: true, value: 'Röda Korset', how: 'spaces-trimmed' });
    expect(normalizeCell(col('indicator-catalog', 'id'), 'far ')).toEqual({ ok: true, value: 'far', how: 'spaces-trimmed' });
    expect(normalizeCell(col('partners', 'email'), ' anna@example.se')).toEqual({ ok: true, value: 'anna@example.se', how: 'spaces-trimmed' });
    expect(normalizeCell(col('partners', 'name'), 'Röda Korset')).toEqual({ ok: true, value: 'Röda Korset' });
  });

  it('reads a cell of spaces alone as empty, and says so', () => {
    expect(normalizeCell(title, '   ')).toEqual({ ok: true, value: null, how: 'empty-from-spaces' });
    expect(normalizeCell(title, '')).toEqual({ ok: true, value: null });
  });

  it('reports a boolean in a text column instead of guessing', () => {
    expect(codeOf(title, true)).toBe('type');
  });

  it('refuses text too long to be stored', () => {
    expect(codeOf(title, 'a'.repeat(2001))).toBe('too-long');
  });

  it('puts back the leading zero Excel takes off a kommun code', () => {
    expect(valueOf(kommun, 127)).toBe('0127');
    expect(valueOf(kommun, '0127')).toBe('0127');
    expect(valueOf(unit, 'vc-fittja')).toBe('vc-fittja');
    expect(valueOf(unit, 5)).toBe('5');
  });

  it('gives the same answer every time', () => {
    for (const raw of ['12,5', 'x', '2024q2', 'Kvinnor', 45366]) {
      for (const c of [value, goal, period, kon, startDate]) {
        expect(normalizeCell(c, raw)).toEqual(normalizeCell(c, raw));
      }
    }
  });
});
