/**
 * The server's import summary in the pane's words: a text of Samplan's kept because the file's
 * encoding could not write it (`unwritable-kept`) is said with the notes on the file, not among
 * the values "imported as written but worth a second look", which it was not.
 */
import { describe, expect, it } from 'vitest';
import { summaryWords } from '../../../addin/taskpane/import-summary-words.js';

const kept = { record: 3, row: 4, rowId: 'r1', column: 'comment', code: 'unwritable-kept', message: { sv: 'Rad 4 i filen: kolumnen "Kommentar": … Värdet i Samplan behålls; …', en: 'Row 4 of the file: … kept …' } };
const range = { record: 5, row: 6, rowId: null, column: 'participantsPlanned', code: 'above-max', message: { sv: 'Rad 6 i filen: över max', en: 'Row 6 of the file: above max' } };

describe('summaryWords', () => {
  it('says a text kept for the file’s encoding with the notes on the file, and other warnings as before', () => {
    const words = summaryWords({ imported: 0, updated: 1, refused: [], unknownColumns: [], unresolved: [], warnings: [kept, range] }, 'sv');
    expect(words.warnings).toEqual({ count: 1, shown: ['Rad 6 i filen: över max'] });
    expect(words.fileNotes).toEqual(['Rad 4 i filen: kolumnen "Kommentar": … Värdet i Samplan behålls; …']);
  });

  it('says merged cells read into the rows they span with the notes on the file', () => {
    const mergedCells = { ranges: ['A3:A5'], message: { sv: 'Den sammanfogade cellen A3:A5 lästes …', en: 'The merged cell A3:A5 was read …' } };
    expect(summaryWords({ imported: 3, updated: 0, refused: [], unknownColumns: [], unresolved: [], mergedCells }, 'en').fileNotes).toEqual(['The merged cell A3:A5 was read …']);
  });
});
