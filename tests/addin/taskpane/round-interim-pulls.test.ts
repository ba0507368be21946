// @vitest-environment happy-dom
/**
 * An interim round (a delavstämning, due inside its period) says so wherever a manager reads its
 * figures, not only in the rounds grid and the styrgrupp report: the pulled Fullständighet and
 * Länssammanställning tables (their title line and the line above the table), the chooser of
 * rounds to pull, and the Länssammanställning view (the round's option and a line above its
 * figures). A manager who pulls the interim round and the period's final round side by side must
 * not take part of the period for the whole. Against the real server app, through the pane's
 * rounds client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { pullRoundTable, type PulledRoundTable } from '../../../addin/indicators/pull-round-table.js';
import type { RoundTableKind } from '../../../addin/indicators/round-table-layout.js';
import type { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import '../../../addin/taskpane/samplan-rollup.js';
import '../../../addin/taskpane/samplan-round-pull.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from '../../server/http/support.js';
import { roundsClientOver } from './rounds-over-fixture.js';
import { $, $$, mount, until } from './support.js';

let f: Fixture;
const open: PulledRoundTable[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
  document.body.replaceChildren();
  await f?.close();
});

const F = 'vc-far-forskrivna';
const NOTE_SV = 'Delavstämning: sista dagen ligger inom perioden, så siffrorna gäller en del av perioden och är inte den slutliga uppföljningen.';
const NOTE_EN = 'Interim round: its due date lies inside the period, so the figures are of part of the period, not the final follow-up.';

/** A workspace with one value of 2026 and two rounds of 2026: an interim one due in July, the final one due after the year. */
async function setup(): Promise<RoundsClient> {
  f = await makeFixture();
  await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 }]);
  await putRegionDoc(f, 'varden', 'indicator-values', [{ indicator: F, unit: 'vc-a', period: '2026Q1', kon: 'T', value: 12, numerator: null, denominator: null }]);
  const post = async (body: unknown) => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
  };
  await post({ id: 'halvtid-2026', title: 'Halvtid 2026', period: '2026', dueDate: '2026-07-15', indicators: [F], interim: true });
  await post({ id: 'helar-2026', title: 'Helår 2026', period: '2026', dueDate: '2027-01-31', indicators: [F] });
  return roundsClientOver(() => f, f.tokens.viewer);
}

/** The three lines above a pulled table of `round` (title, last updated, what it counts), in `lang`. */
async function metaOf(client: RoundsClient, kind: RoundTableKind, round: string, lang: 'sv' | 'en' = 'sv'): Promise<[string, string, string]> {
  const host = createWorkbook();
  const table = await pullRoundTable((b) => host.run(b), { fetch: (k, r) => client.table(k, r), watch: () => () => undefined }, { kind, round, lang, unitNames: new Map(), coalesceMs: 0 });
  open.push(table);
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getItem(table.sheetName).getRange('A1:A3').load('values');
    await context.sync();
    const [title, updated, note] = range.values.map((r) => String(r[0]));
    return [title ?? '', updated ?? '', note ?? ''];
  });
}

describe('a pulled table of an interim round', () => {
  it('says in its title line and above the table that it is a delavstämning, in Swedish and English', async () => {
    const client = await setup();
    for (const kind of ['completeness', 'rollup'] as const) {
      const [title, , note] = await metaOf(client, kind, 'halvtid-2026');
      expect(title).toContain('Halvtid 2026 (2026, delavstämning)');
      expect(note.startsWith(NOTE_SV)).toBe(true);
    }
    const [title, , note] = await metaOf(client, 'rollup', 'halvtid-2026', 'en');
    expect(title).toContain('Halvtid 2026 (2026, interim)');
    expect(note.startsWith(NOTE_EN)).toBe(true);
  });

  it("says nothing of it for the period's final round", async () => {
    const client = await setup();
    for (const kind of ['completeness', 'rollup'] as const) {
      const [title, , note] = await metaOf(client, kind, 'helar-2026');
      expect(title).toContain('Helår 2026 (2026) (skrivskyddad');
      expect(note).not.toMatch(/delavstämning/i);
    }
  });
});

describe('<samplan-rollup> with an interim round', () => {
  const optionText = (el: HTMLElement, round: string) => $(el, `#rollup-choice option[value="round:${round}"]`)?.textContent?.trim();

  it('names the interim round as such in the picker and says so above its figures, not above the final round’s', async () => {
    const client = await setup();
    const el = await mount('samplan-rollup', { client, units: [{ code: 'vc-a', name: 'Vårdcentral A' }] });
    await until(() => $(el, '#rollup') !== null, 5000);
    expect(optionText(el, 'halvtid-2026')).toBe('Halvtid 2026 (delavstämning)');
    expect(optionText(el, 'helar-2026')).toBe('Helår 2026');
    /** Chooses `round` and waits for its figures: the choice empties the view until they come. */
    const pick = async (round: string) => {
      const select = $<HTMLSelectElement>(el, '#rollup-choice')!;
      select.value = `round:${round}`;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect($(el, '#rollup')).toBeNull();
      await until(() => $(el, '#rollup') !== null, 5000);
    };
    await pick('helar-2026');
    expect($(el, '#rollup-interim')).toBeNull();
    await pick('halvtid-2026');
    expect($(el, '#rollup-interim')?.textContent?.trim()).toBe(NOTE_SV);
  });
});

describe('<samplan-round-pull> with an interim round', () => {
  it('names the interim round as a delavstämning among the rounds to pull, and the final round not', async () => {
    const client = await setup();
    const host = createWorkbook();
    const el = await mount('samplan-round-pull', { client, run: (b) => host.run(b), units: [], open: true });
    await until(() => $$(el, '#round-choice option').length === 2, 5000);
    const texts = $$(el, '#round-choice option').map((o) => o.textContent?.trim());
    expect(texts).toEqual(expect.arrayContaining(['Halvtid 2026 (2026, delavstämning)', 'Helår 2026 (2026)']));
  });
});
