/**
 * `samplan import` prints for a person: whether anything was stored, the counts, and the rows
 * taken by their file row and name, new and changed apart, the first 20 of each and the rest
 * counted; `--json` prints the whole answer instead, every row and id. Before, it printed the
 * whole answer as JSON, `taken` and `rowIds` of every row, which for a file of 500 rows ran to
 * thousands of lines.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../shared/doc/index.js';
import { cliImportBench } from '../support/cli-import-bench.js';
import { WS } from './http/support.js';

describe('what samplan import prints', () => {
  const bench = cliImportBench('samplan-import-lines-');
  const run = (lines: string[], flags: Record<string, boolean>) => bench.run(bench.file('plan.csv', lines.join('\r\n') + '\r\n'), { ...flags, lang: 'en' });
  const many = (n: number) => Array.from({ length: n }, (_, i) => `Aktivitet ${i + 1};halsodag;`);

  it('prints the counts and the rows taken by file row and name, the first 20 of a list and the rest counted', async () => {
    const lines = ['Aktivitet;Typ;Deltagare planerat', ...many(25), ';;', 'Trasig;halsodag;många'];
    expect(await run(lines, { 'dry-run': true })).toBe(1);
    expect(bench.printed).toEqual([
      'Dry run: nothing was stored.',
      'Would add 25 rows and change 0; 0 unchanged, 1 refused, 1 empty or total row left out.',
      'Would add:',
      ...Array.from({ length: 20 }, (_, i) => `  Row ${i + 2}: Aktivitet ${i + 1}`),
      '  … and 5 more (--json lists every row).',
    ]);
    expect(bench.said).toEqual([expect.stringMatching(/^Record 27 would be refused: Row 28 of the file: Participants planned: "många"/)]);
  });

  it('names a changed row apart from the new ones, and says nothing of a dry run when the rows were stored', async () => {
    const stored = rowsOf(await bench.f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === 'Hälsodag A');
    expect(await run(['id;Aktivitet;Typ;Målgrupp', `${stored?.id};Hälsodag A;halsodag;Alla`, ';Stavgång;halsodag;'], {})).toBe(0);
    expect(bench.printed).toEqual(['Added 1 row and changed 1; 0 unchanged, 0 refused.', 'Added:', '  Row 3: Stavgång', 'Changed:', '  Row 2: Hälsodag A']);
  });

  it('prints the whole answer as JSON with --json, every row taken and its id', async () => {
    expect(await run(['Aktivitet;Typ', ...many(25)], { json: true })).toBe(0);
    const answer = JSON.parse(bench.printed.join('\n')) as { imported: number; taken: { rowId: string }[]; rowIds: string[] };
    expect(answer.imported).toBe(25);
    expect(answer.taken).toHaveLength(25);
    expect(answer.taken.map((t) => t.rowId)).toEqual(answer.rowIds);
  });
});
