/**
 * One clinic's damaged plan (a stored update that does not decode) does not fail the whole round:
 * completeness gives every unit's row, the damaged one's owner marked `olasbar` with the server's
 * words naming the document and the place; the roll-ups leave that unit out of every table and of
 * the county's sums and say so, in JSON and in a CSV's headers and file name (the CSV itself the
 * table alone). A move of that unit (a submit)
 * needs its figures whole and is refused (409 `document-damaged`, nothing written); another unit moves as usual. A
 * round is defined as usual too, unless a catalog its indicators are looked up in is the damaged
 * one. On the old code the round could not even be defined, and every table and every unit's move
 * answered 500 `document-damaged` for the whole round. The styrgrupp report (HTTP and `samplan
 * report`) is made as well, naming the damaged document and its unit, the unit left out of the sums;
 * it answered 500 (the CLI failed) on the code before. `samplan report` exits 1 when its report
 * leaves a document out, so a scheduled job learns it is partial.
 */
import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../server/report-command.js';
import { errorOf, makeFixture, planRow, putDoc, putRegionDoc, WS, type Fixture } from './support.js';
import { DAMAGED_UPDATE as DAMAGED } from '../../support/damaged-update.js';

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

interface Unit {
  unit: string;
  reading: string;
  unreadable: { doc: string; title: string; message: { sv: string; en: string } }[];
  activities: { expected: number };
}
interface LeftOut {
  units: string[];
  message: { sv: string; en: string };
}

describe('a round with one clinic’s plan damaged', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
    // plan-a (Vårdcentral A) holds two rows; plan-b (Vårdcentral B) one, ending in the round's quarter.
    await putDoc(f.storage, 'plan-b', 'activity-plan', 'vc-b', [planRow('Promenadgrupp B')], f.now.value.toISOString());
    await f.storage.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: DAMAGED, memberId: 'eda' }]);
    const round = { id: 'q2', title: 'Omgång q2', period: '2026Q2', dueDate: '2026-07-15' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
  });
  afterAll(() => f.close());

  it('gives completeness for every unit, the damaged plan’s owner marked unreadable with the words naming the document and the place', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { units: Unit[]; unreadable: { doc: string; ownerUnit: string }[] };
    expect(body.units.map((u) => [u.unit, u.reading, u.activities.expected])).toEqual([['vc-a', 'olasbar', 0], ['vc-b', 'lasbar', 1]]);
    const [damaged] = body.units[0]?.unreadable ?? [];
    expect(damaged?.doc).toBe('plan-a');
    expect(damaged?.message.sv).toMatch(/^Dokumentet ws1\/plan-a går inte att läsa: dess sparade historik är skadad \(uppdatering 2\)\./);
    expect(damaged?.message.en).toMatch(/^The document ws1\/plan-a cannot be read: its stored history is damaged at update 2\./);
    expect(body.unreadable.map((d) => [d.doc, d.ownerUnit])).toEqual([['plan-a', 'vc-a']]);
  });

  it('writes the unit’s reading in words in the completeness CSV and names the document in a header', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness?format=csv`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-samplan-unreadable')).toBe('plan-a');
    const [header, ...rows] = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const at = header?.indexOf('Läsning') ?? -1;
    expect(rows.map((r) => [r[0], r[at]])).toEqual([['vc-a', 'kan inte läsas'], ['vc-b', 'läsbar']]);
  });

  it.each([
    ['the round’s roll-up', 'rounds/q2/rollup'],
    ['the round’s roll-up over another period', 'rounds/q2/rollup?period=2026'],
    ['the roll-up of a period', 'rollup?period=2026Q2'],
  ])('leaves the unit out of %s and says so', async (_what, path) => {
    const res = await f.req(`/v1/workspaces/${WS}/${path}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: { unit: string }[]; activityTotals: { planned: number }; leftOut: LeftOut; unreadable: { doc: string }[] };
    expect(body.activities.map((a) => a.unit)).toEqual(['vc-b']);
    expect(body.activityTotals.planned).toBe(1);
    expect(body.leftOut.units).toEqual(['vc-a']);
    expect(body.leftOut.message.sv).toBe('Vårdcentral A är utelämnad: ett av dess dokument går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan den.');
    expect(body.leftOut.message.en).toMatch(/^Vårdcentral A is left out: one of its documents cannot be read/);
    expect(body.unreadable.map((d) => d.doc)).toEqual(['plan-a']);
  });

  it('names the unit left out of a roll-up CSV in its headers', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q2/rollup?format=csv&table=activities`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect([res.headers.get('x-samplan-left-out-units'), res.headers.get('x-samplan-unreadable')]).toEqual(['vc-a', 'plan-a']);
    expect(await res.text()).not.toMatch(/\nvc-a,/);
  });

  it.each([
    ['rounds/q2/rollup?format=csv&table=activities', 'ws1-q2-aktiviteter-ofullstandig.csv'],
    ['rounds/q2/rollup?format=csv&table=far&period=2026', 'ws1-q2-2026-far-ofullstandig.csv'],
    ['rollup?period=2026Q2&format=csv&table=indicators', 'ws1-2026Q2-indikatorer-ofullstandig.csv'],
    ['rounds/q2/completeness?format=csv', 'ws1-q2-fullstandighet-ofullstandig.csv'],
  ])('keeps the CSV %s a table of the units read, its file named as incomplete', async (path, name) => {
    const res = await f.req(`/v1/workspaces/${WS}/${path}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    // The name the browser saves and Excel shows in its title bar: a person opening the file sees it is partial.
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    // No comment line before the header, no sentence row after the table: Power Query promotes line 1 to headers.
    expect(lines[0]).toMatch(/^(Enhet|Indikator),/);
    expect(lines.join('\n')).not.toMatch(/skadad|utelämnad/);
  });

  it('refuses a move of that unit, whose figures cannot be read whole, in the words naming the document; another unit moves as usual', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q2/units/vc-a/submit`, f.tokens.coordinator, json({}));
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('document-damaged');
    expect((error.details as { message: { sv: string } }).message.sv).toMatch(/^Dokumentet ws1\/plan-a går inte att läsa/);
    const other = await f.req(`/v1/workspaces/${WS}/rounds/q2/units/vc-b/submit`, f.tokens.coordinator, json({}));
    expect(other.status).toBe(200);
  });

  it('makes the styrgrupp report, naming the damaged plan and marking its unit, the other unit’s figures whole', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q2/report`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-samplan-unreadable')?.split(',')).toContain('plan-a');
    const html = await res.text();
    expect(html).toContain('<section class="unreadable"><h2>Dokument som inte kunde läsas</h2>');
    expect(html).toMatch(/<li>[^<]* \(plan-a\): Dokumentet ws1\/plan-a går inte att läsa: dess sparade historik är skadad \(uppdatering 2\)\./);
    expect(html).toContain('Vårdcentral A är utelämnad: ett av dess dokument går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan den.');
    expect(html).toMatch(/<td>Vårdcentral A<\/td><td><span class="st [^"]+">[^<]+<\/span> <span class="unread">kan inte läsas<\/span>/);
    expect(html).toMatch(/<td>Vårdcentral B<\/td><td><span class="st [^"]+">[^<]+<\/span><\/td>/);
    // The plan table and its sum hold Vårdcentral B's one planned activity, none of the unit left out.
    expect(html).toMatch(/<tr><td>Vårdcentral B<\/td><td class="t">.*?<\/td><td class="n">1<\/td>/);
    expect(html).not.toMatch(/<tr><td>Vårdcentral A<\/td><td class="t">/);
    expect(html).toMatch(/<tfoot><tr><td colspan="2">Totalt<\/td><td class="n">1<\/td>/);
    const en = await (await f.req(`/v1/workspaces/${WS}/rounds/q2/report?lang=en`, f.tokens.viewer)).text();
    expect(en).toContain('<h2>Documents that could not be read</h2>');
    expect(en).toMatch(/The document ws1\/plan-a cannot be read: its stored history is damaged at update 2\./);
    expect(en).toContain('<span class="unread">cannot be read</span>');
  });

  it('names the damaged plan in its own unit’s report and not in another unit’s', async () => {
    const own = await f.req(`/v1/workspaces/${WS}/rounds/q2/report?unit=vc-a`, f.tokens.viewer);
    expect(own.status).toBe(200);
    const ownHtml = await own.text();
    expect(ownHtml).toContain('(plan-a): Dokumentet ws1/plan-a går inte att läsa');
    expect(ownHtml).toContain('Vårdcentral A är utelämnad');
    const other = await f.req(`/v1/workspaces/${WS}/rounds/q2/report?unit=vc-b`, f.tokens.viewer);
    expect(other.status).toBe(200);
    const otherHtml = await other.text();
    expect(otherHtml).not.toContain('plan-a');
    expect(otherHtml).not.toContain('utelämnad');
  });

  it('is written by samplan report, which names the damaged document on its warning line and exits 1, the report partial', async () => {
    const out = `${process.env.TMPDIR ?? '/tmp'}/samplan-report-unreadable-${process.pid}.html`;
    const [printed, warned]: [string[], string[]] = [[], []];
    try {
      const code = await reportCommand(f.storage, { workspace: WS, round: 'q2', unit: null, lang: 'sv', out, pdf: null }, (l) => printed.push(l), f.now.value, (l) => warned.push(l));
      // A scheduled job learns the report left a document out, as history scan exits 1 for one.
      expect(code).toBe(1);
      expect(warned.find((l) => l.includes('plan-a'))).toMatch(/^The document ws1\/plan-a cannot be read: its stored history is damaged at update 2\..* The report names it and is made without it\.$/);
      expect(printed).toEqual([`Wrote ${out}.`]);
      expect(await readFile(out, 'utf8')).toContain('<span class="unread">kan inte läsas</span>');
    } finally {
      await rm(out, { force: true });
    }
  });

  it('exits 0 from samplan report for another unit, whose report leaves nothing out and names nothing', async () => {
    const out = `${process.env.TMPDIR ?? '/tmp'}/samplan-report-unreadable-b-${process.pid}.html`;
    const [printed, warned]: [string[], string[]] = [[], []];
    try {
      const code = await reportCommand(f.storage, { workspace: WS, round: 'q2', unit: 'vc-b', lang: 'sv', out, pdf: null }, (l) => printed.push(l), f.now.value, (l) => warned.push(l));
      expect([code, warned, printed]).toEqual([0, [], [`Wrote ${out}.`]]);
      expect(await readFile(out, 'utf8')).not.toContain('plan-a');
    } finally {
      await rm(out, { force: true });
    }
  });

  it('refuses to define a round while an indicator catalog cannot be read, naming it, rather than calling its indicators unknown', async () => {
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: 'vc-far-forskrivna', name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal' }]);
    await f.storage.appendUpdates({ workspace: WS, doc: 'katalog' }, [{ update: DAMAGED, memberId: 'coord' }]);
    const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id: 'q3', title: 'Omgång q3', period: '2026Q3', dueDate: '2026-10-15', indicators: ['Förskrivna FaR'] }));
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect([error.code, (error.details as { document: string }).document]).toEqual(['document-damaged', 'katalog']);
  });
});
