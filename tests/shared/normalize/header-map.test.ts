import { describe, expect, it } from 'vitest';
import { proposeMapping } from '../../../shared/normalize/header-map.js';

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
});
