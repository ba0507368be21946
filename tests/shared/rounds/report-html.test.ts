/**
 * The styrgrupp report writes every figure in the one Swedish form (`number-words.ts`): thousands
 * apart (`12 000`), a decimal comma, a share's one decimal and a small share to its first digit
 * (`0,04 %`, not `0 %`). The plan table's counts and the "reported" and "left" figures were
 * written raw (`12000`), and the other figures by a formatter of the report's own.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { approvedUnitsOf, loadRoundData } from '../../../server/http/round-data.js';
import { silentLogger } from '../../../server/logger.js';
import { buildReportInput } from '../../../server/rounds/report-input.js';
import { RoundsService } from '../../../server/rounds/rounds-service.js';
import { RoundsStore } from '../../../server/rounds/rounds-store.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { reportHtml, type ReportInput } from '../../../shared/rounds/report-html.js';

const ROUND = '2025-kv-2';

/** The demo county's report input for the round, in `lang`. */
async function demoInput(lang: 'sv' | 'en'): Promise<ReportInput> {
  const now = new Date('2026-01-15T10:00:00Z');
  const storage = createMemoryStorage();
  await seedDemo(storage, { clock: () => now, logger: silentLogger() });
  const rounds = new RoundsService(new RoundsStore(storage), storage, () => now);
  const approvedUnits = approvedUnitsOf(await rounds.store.state(DEMO_WORKSPACE), ROUND);
  const data = await loadRoundData(storage, storageDocAccess(storage), DEMO_WORKSPACE, { approvedUnits, keepUnreadable: true });
  return buildReportInput({ rounds, workspace: DEMO_WORKSPACE, roundId: ROUND, scope: null, lang, data, now });
}

/** The report's text between tags, each cell followed by ` |`; spaces and line breaks run together, a no-break space kept. */
const textOf = (html: string) => html.replace(/<\/t[dh]>/g, ' |').replace(/<[^>]+>/g, ' ').replace(/[ \t\n]+/g, ' ');

describe('the styrgrupp report', () => {
  it('writes its figures as Swedish writes them: thousands apart, a decimal comma, a small share to its first digit', async () => {
    const input = await demoInput('sv');
    const [first] = input.rollup.activities;
    const [unit] = input.completeness.units;
    expect(first && unit).toBeTruthy();
    const html = reportHtml({
      ...input,
      completeness: { ...input.completeness, units: [{ ...unit!, present: 10_500, expected: 12_000, problems: 1_234_567 }] },
      rollup: {
        ...input.rollup,
        activities: [{ ...first!, planned: 12_000, held: 10_500, cancelled: 2, participantsPlanned: 25_000.5, participantsReached: null }],
        far: [{ unit: null, prescribed: 15_000, followedUp: 6, followUpBase: 15_000, followUpShare: 0.04 }],
      },
    });
    const text = textOf(html);
    expect(text).toContain('10\u00a0500 / 12\u00a0000');
    expect(text).toContain('| 1\u00a0234\u00a0567 |');
    expect(text).toContain('| 12\u00a0000 | 10\u00a0500 | 2 | 25\u00a0000,5 |');
    expect(text).toContain('| 15\u00a0000 | 6 | 15\u00a0000 | 0,04 % |');
    // What is left: 1 500 values and the problems, in the same form.
    expect(text).toContain('1\u00a0500 ');
    expect(text).not.toMatch(/\b(?:12000|10500|15000|1234567)\b/);
  });

  it('writes them as English writes them in English', async () => {
    const input = await demoInput('en');
    const [first] = input.rollup.activities;
    const html = reportHtml({ ...input, rollup: { ...input.rollup, activities: [{ ...first!, planned: 12_000, held: 0, cancelled: 0, participantsPlanned: 0.5, participantsReached: 3 }] } });
    expect(textOf(html)).toContain('| 12,000 | 0 | 0 | 0.5 | 3 |');
  });
});
