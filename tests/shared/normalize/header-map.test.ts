import { describe, expect, it } from 'vitest';
import { proposeMapping } from '../../../shared/normalize/header-map.js';
import { cellColumns } from '../../../shared/schema/index.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';

describe('proposeMapping', () => {
  it('maps keys, Swedish and English headers in any case and spacing', () => {
    expect(proposeMapping('activity-plan', ['Startdatum', 'ACTIVITY', ' deltagare  planerat ', 'participantsReached'])).toEqual(['startDate', 'title', 'participantsPlanned', 'participantsReached']);
  });

  it("maps common synonyms, and leaves the person's own columns unmapped", () => {
    expect(proposeMapping('activity-plan', ['Datum', 'Antal deltagare', 'Anteckningar', 'Intern kod', ''])).toEqual(['startDate', 'participantsPlanned', 'comment', null, null]);
    expect(proposeMapping('partners', ['Organisation', 'Kommunkod', 'Mejl', 'Tel'])).toEqual(['name', 'kommun', 'email', 'phone']);
  });

  it('reads a group label over a column (a merged cell) with its header', () => {
    expect(proposeMapping('activity-plan', ['Tobak', 'Alkohol'], ['Levnadsvana', 'Levnadsvana'])).toEqual(['habits.tobak', 'habits.alkohol']);
  });

  it('proposes a column once: the first header that names it', () => {
    expect(proposeMapping('activity-plan', ['Datum', 'Start', 'Aktivitet', 'Titel'])).toEqual(['startDate', null, 'title', null]);
  });

  it('gives a column to the header that names it exactly, even when a synonym of it comes first', () => {
    expect(proposeMapping('activity-plan', ['Datum', 'Startdatum'])).toEqual([null, 'startDate']);
    expect(proposeMapping('activity-plan', ['Kontakt', 'Ansvarig', 'Antal deltagare', 'Deltagare planerat'])).toEqual([null, 'responsible', null, 'participantsPlanned']);
  });

  it('ignores spacing, hyphens, soft hyphens and punctuation inside a header too', () => {
    const headers = ['Start datum', 'SLUT-DATUM', 'Deltagare\u00adplanerat', 'Deltagare_nådda', 'Mål:Motivations-höjning'];
    expect(proposeMapping('activity-plan', headers)).toEqual(['startDate', 'endDate', 'participantsPlanned', 'participantsReached', 'goals.motivation']);
    // A decomposed å (as a Mac writes file names and some exports) and full-width letters.
    expect(proposeMapping('activity-plan', ['Deltagare na\u030adda', 'ＳＴＡＴＵＳ'])).toEqual(['participantsReached', 'status']);
  });

  it('reads a header with a hint in brackets after it, as templates write them', () => {
    expect(proposeMapping('activity-plan', ['Startdatum (ÅÅÅÅ-MM-DD)', 'Deltagare planerat (antal)', 'Aktivitet [obligatorisk]'])).toEqual(['startDate', 'participantsPlanned', 'title']);
    // The hint is tried only after the whole header: a bracket that is part of nothing known still falls back.
    expect(proposeMapping('activity-plan', ['Egen kolumn (intern)'])).toEqual([null]);
  });

  it('keeps a column that names a field only before a hint the person\'s own when the field\'s own header is there', () => {
    expect(proposeMapping('activity-plan', ['Status (intern)', 'Aktivitet', 'Status'])).toEqual([null, 'title', 'status']);
    expect(proposeMapping('activity-plan', ['Startdatum (ÅÅÅÅ-MM-DD)', 'Datum'])).toEqual(['startDate', null]);
  });

  it('finds every column of every kind by its own headers, none shadowed by another', () => {
    for (const kind of DOC_KINDS) {
      const columns = cellColumns(kind);
      for (const lang of ['sv', 'en'] as const) {
        expect(proposeMapping(kind, columns.map((c) => c.header[lang])), `${kind} ${lang}`).toEqual(columns.map((c) => c.key));
      }
    }
  });
});

