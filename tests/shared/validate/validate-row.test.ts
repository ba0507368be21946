import { describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { partnerRefs } from '../../../shared/validate/cross-refs.js';
import { validateRow } from '../../../shared/validate/validate-row.js';

const activity: RowValues = {
  title: 'Promenadgrupp Fittja',
  type: 'promenadgrupp',
  'goals.motivation': true,
  venue: 'utomhus',
  partner: 'SFI',
  startDate: '2024-03-01',
  endDate: '2024-05-31',
  participantsPlanned: 20,
  participantsReached: 0,
  status: 'pagaende',
};

const codes = (values: RowValues, kind: Parameters<typeof validateRow>[0] = 'activity-plan') =>
  validateRow(kind, 'd', 'r', values).map((p) => `${p.column}:${p.code}`);

describe('validateRow', () => {
  it('finds nothing wrong with a well-formed row', () => {
    expect(validateRow('activity-plan', 'd', 'r', activity)).toEqual([]);
  });

  it('reports a missing required cell, treating an empty string as missing', () => {
    const { title: _title, ...rest } = activity;
    expect(codes(rest)).toEqual(['title:required']);
    expect(codes({ ...activity, title: '' })).toEqual(['title:required']);
    expect(codes({ ...activity, title: null })).toEqual(['title:required']);
  });

  it('builds a full problem with the doc, row, column and both languages', () => {
    expect(validateRow('activity-plan', 'plan-1', 'row-9', { ...activity, type: 'dans' })).toEqual([
      {
        doc: 'plan-1',
        rowId: 'row-9',
        column: 'type',
        severity: 'error',
        code: 'enum',
        message: {
          sv:
            'Typ: "dans" finns inte bland valen. Välj bland "Hälsodagar/öppet hus med hälsoinformation och provtagning", "Uppmärksamhetsvecka: alkohol, diabetes, astma/KOL, Inspirationsvecka med simhallen", ' +
            '"Hälsosamtal/hälsoinformation/samtalsträff om hälsa", "Promenadgrupp/Gågrupp", "Rörelsegrupp med hälsoinformation", "Utbildning/kompetenshöjning för personal" eller "Annan aktivitet".',
          en:
            'Type: "dans" is not one of the choices. Choose from "Health days/open house with health information and testing", "Awareness week: alcohol, diabetes, asthma/COPD, inspiration week with the swimming pool", ' +
            '"Health talks/health information/group talks about health", "Walking group", "Exercise group with health information", "Training/skills development for staff" or "Other activity".',
        },
      },
    ]);
  });

  it('reports values outside a column’s range', () => {
    expect(codes({ ...activity, participantsPlanned: -1 })).toEqual(['participantsPlanned:below-min']);
    expect(codes({ ...activity, participantsReached: 100001 })).toEqual(['participantsReached:above-max']);
    expect(codes({ ...activity, startDate: '1999-12-31', endDate: '2000-01-01' })).toEqual(['startDate:below-min']);
  });

  it('reports wrong types: text in a number, a fraction in an integer, a string in an x-column', () => {
    expect(codes({ ...activity, participantsPlanned: '20' })).toEqual(['participantsPlanned:not-number']);
    expect(codes({ ...activity, participantsPlanned: 2.5 })).toEqual(['participantsPlanned:not-integer']);
    // A whole-number column's example is whole: "12,5" would be refused there too.
    expect(validateRow('activity-plan', 'd', 'r', { ...activity, participantsPlanned: 'många' })[0]?.message.sv).toBe(
      'Deltagare planerat: "många" är inte ett tal. Skriv ett heltal, t.ex. 12.',
    );
    expect(codes({ ...activity, 'goals.motivation': 'x' })).toEqual(['goals.motivation:type']);
    expect(codes({ ...activity, title: 12 })).toEqual(['title:type']);
    expect(validateRow('activity-plan', 'd', 'r', { ...activity, title: 12 })[0]?.message.sv).toBe(
      'Aktivitet: värdet har fel typ (text väntades).',
    );
  });

  it('reports an end date before the start date on the end date', () => {
    expect(codes({ ...activity, startDate: '2024-06-01', endDate: '2024-05-31' })).toEqual(['endDate:end-before-start']);
    expect(codes({ ...activity, startDate: '2024-06-01', endDate: '2024-06-01' })).toEqual([]);
  });

  it('reports a malformed date once, not also as a date range problem', () => {
    expect(codes({ ...activity, startDate: '2024-13-01' })).toEqual(['startDate:not-date']);
  });

  it('reports a text longer than its column allows', () => {
    expect(codes({ ...activity, title: 'a'.repeat(201) })).toEqual(['title:too-long']);
  });

  it('says that a text over its column’s rule is saved in full (the doc holds it; only the rule is reported)', () => {
    const [problem] = validateRow('activity-plan', 'd', 'r', { ...activity, title: 'a'.repeat(350) });
    expect(problem?.message.sv).toBe('Aktivitet: texten är 350 tecken, fler än de 200 som kolumnen är tänkt för. Den sparas i sin helhet och syns så i bladet och för andra; korta den till högst 200 tecken.');
    expect(problem?.message.en).toContain('It is saved in full');
    expect(problem?.message.sv).not.toContain('får plats');
  });

  it('checks period format in indicator values', () => {
    const row = { indicator: 'sfh-01', unit: '0180', period: '2024Q2', kon: 'T', value: null };
    expect(codes(row, 'indicator-values')).toEqual([]);
    expect(codes({ ...row, period: '2024-Q2' }, 'indicator-values')).toEqual(['period:not-period']);
    expect(codes({ ...row, kon: 'k' }, 'indicator-values')).toEqual(['kon:enum']);
  });

  it('checks email, phone and unit code formats', () => {
    const partner = { name: 'Röda Korset', type: 'frivilligorganisation' };
    expect(codes({ ...partner, email: 'a@b.se', phone: '08-123 456 78', kommun: '0180' }, 'partners')).toEqual([]);
    expect(codes({ ...partner, email: 'a@b', phone: '123', kommun: 'Botkyrka' }, 'partners')).toEqual([
      'kommun:not-kommun',
      'email:not-email',
      'phone:not-phone',
    ]);
  });

  it('reports unknown partners (warning), indicators and units (errors) when the sets are known', () => {
    const refs = { partners: partnerRefs([{ id: 'aktor-sfi', name: 'SFI' }]), indicators: new Set(['sfh-01']), units: new Set(['vc-fittja']) };
    expect(validateRow('activity-plan', 'd', 'r', activity, refs)).toEqual([]);
    const p = validateRow('activity-plan', 'd', 'r', { ...activity, partner: 'Röda korset' }, refs);
    expect(p.map((x) => [x.code, x.severity])).toEqual([['unknown-partner', 'warning']]);
    const action = { unit: 'vc-alby', measure: 'Rökfri arbetstid', indicator: 'sfh-99' };
    expect(validateRow('action-plan', 'd', 'r', action, refs).map((x) => [x.column, x.code, x.severity])).toEqual([
      ['unit', 'unknown-unit', 'error'],
      ['indicator', 'unknown-indicator', 'error'],
    ]);
  });

  it('takes a partner stored by id, and one stored by name before ids (any case and spacing), during the transition', () => {
    const refs = { partners: partnerRefs([{ id: 'aktor-sfi', name: 'SFI' }, { id: 'Qx81kd02LmZa', name: 'Röda Korset' }]) };
    const partnerCodes = (partner: string) => validateRow('activity-plan', 'd', 'r', { ...activity, partner }, refs).map((x) => [x.code, x.severity]);
    expect(partnerCodes('aktor-sfi')).toEqual([]);
    expect(partnerCodes('Qx81kd02LmZa')).toEqual([]);
    expect(partnerCodes('Röda Korset')).toEqual([]);
    expect(partnerCodes('  röda   KORSET ')).toEqual([]);
    expect(partnerCodes('Röda Kors')).toEqual([['unknown-partner', 'warning']]);
    // An id of another document's row is no partner.
    expect(partnerCodes('aktor-okand')).toEqual([['unknown-partner', 'warning']]);
  });

  it('checks a partner’s kommun against the kommun list, not the workspace’s units', () => {
    const partner = { name: 'Röda Korset', type: 'frivilligorganisation', kommun: '0127' };
    expect(validateRow('partners', 'd', 'r', partner, { units: new Set(['vc-fittja']) })).toEqual([]);
    const p = validateRow('partners', 'd', 'r', { ...partner, kommun: '0199' }, { units: new Set(['vc-fittja']) });
    expect(p.map((x) => [x.column, x.code, x.severity])).toEqual([['kommun', 'unknown-kommun', 'warning']]);
  });

  it('skips reference checks whose set is not known', () => {
    expect(validateRow('activity-plan', 'd', 'r', { ...activity, partner: 'Vem som helst' }, {})).toEqual([]);
  });

  it('requires the owning unit on action plan rows', () => {
    expect(codes({ measure: 'Hälsosamtal' }, 'action-plan')).toEqual(['unit:required']);
  });

  it('reports min above max in the indicator catalog', () => {
    const ind = { id: 'sfh-01', name: 'x', area: 'god-kvalitet', direction: 'higher' };
    expect(codes({ ...ind, min: 0, max: 100 }, 'indicator-catalog')).toEqual([]);
    expect(codes({ ...ind, min: 100, max: 0 }, 'indicator-catalog')).toEqual(['max:min-above-max']);
  });

  it('warns about cells the kind does not have', () => {
    const p = validateRow('activity-plan', 'd', 'r', { ...activity, budget: 5 });
    expect(p.map((x) => [x.column, x.code, x.severity])).toEqual([['budget', 'unknown-column', 'warning']]);
  });

  it('writes a value out of its indicator’s range with a decimal comma in Swedish, as every number of a Swedish sentence', () => {
    const refs = { indicatorBounds: new Map([['sfh-01', { name: 'Andel rökare', min: 0, max: 100, unit: 'procent' }]]) };
    const words = (value: number) => validateRow('indicator-values', 'd', 'r', { indicator: 'sfh-01', unit: 'vc-a', period: '2026', kon: 'T', value }, refs).find((p) => p.column === 'value')?.message;
    expect(words(-3.5)?.sv).toContain('Värde: \u22123,5 är mindre än 0,');
    expect(words(-3.5)?.en).toContain('-3.5');
    expect(words(100.25)?.sv).toContain('Värde: 100,25 är större än 100,');
  });
});
