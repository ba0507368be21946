/**
 * A plan as a clinic keeps it in Excel before Samplan (sheet "Plan 2025"): a title line, a group
 * cell "Mål" over two goal columns (row 2, as Excel reads a merged cell), Swedish headers in the
 * clinic's own order, a blank row, a total row and columns of the clinic's own. Used by the
 * adoption tests of the binding and of the pane.
 */
export const FITTJA_SHEET = 'Plan 2025';

/** The used range, 8 rows × 8 columns, row 3 the header. */
export const FITTJA_PLAN: (string | number)[][] = [
  ['Aktivitetsplan Vårdcentral Fittja 2025', '', '', '', '', '', '', ''],
  ['', '', '', 'Mål', '', '', '', ''],
  ['Datum', 'Aktivitet', 'Antal deltagare', 'Motivationshöjning', 'Hälsoinformation', 'Min anteckning', 'Ansvarig', 'Intern kod'],
  ['12/3', 'Promenadgrupp', 12, 'x', '', 'ta med fika', 'Anna', 'A1'],
  ['', '', '', '', '', '', '', ''],
  ['2025-04-02', 'Hälsodag', 'många', '', 'x', '', 'Bo', 'B2'],
  ['', '', '', '', '', '', '', 'bara min kod'],
  ['Summa', '', 52, '', '', '', '', ''],
];
