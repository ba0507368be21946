import { afterEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../server/report-command.js';
import { CliError } from '../../../server/cli-args.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { errorOf, makeFixture, putRegionDoc, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function setup(): Promise<void> {
  f = await makeFixture();
  await putRegionDoc(f, 'katalog', 'indicator-catalog', [
    { id: 'vc-far-forskrivna', name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 10 },
    { id: 'vc-far-uppfoljda-6man', name: 'Andel FaR följda upp', area: 'god-och-jamlik-halsa', unitOfMeasure: 'Andel (%)', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher', baseline: 40, target: 60 },
  ]);
  const v = (unit: string, indicator: string, value: number | null, numerator: number | null = null, denominator: number | null = null): RowValues => ({ indicator, unit, period: '2026Q2', kon: 'T', value, numerator, denominator });
  await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', 'vc-far-forskrivna', 12), v('vc-b', 'vc-far-forskrivna', 4), v('vc-a', 'vc-far-uppfoljda-6man', 75, 3, 4), v('vc-b', 'vc-far-uppfoljda-6man', 25, 1, 4)]);
  const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: ['vc-far-forskrivna', 'vc-far-uppfoljda-6man'] };
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
  expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/submit`, f.tokens.editor, json({}))).status).toBe(200);
  expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/maturity`, f.tokens.coordinator, json({ level: '3', comment: 'Hälsocenter i fler kommuner' }))).status).toBe(200);
}

describe('styrgrupp report', () => {
  it('serves the county report as printable Swedish HTML with status, FaR from sums, the maturity placement and the årshjul', async () => {
    await setup();
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Styrgruppsrapport: 2026 kv 2');
    // The round's period in words, never its code.
    expect(html).toContain('Period 2026 kv 2 ·');
    expect(html).not.toContain('2026Q2');
    expect(html).toContain('@page');
    expect(html).toMatch(/Vårdcentral A<\/td><td><span class="st st-inskickad">inskickad/);
    // 4 of 8 followed up = 50 %, not the mean of 75 % and 25 % (also 50 % here, so check the parts).
    expect(html).toMatch(/Hela länet<\/td><td class="n">16<\/td><td class="n">4<\/td><td class="n">8<\/td><td class="n">50 %/);
    expect(html).toMatch(/<li class="on">3 Förändrade angreppssätt/);
    expect(html).toContain('Hälsocenter i fler kommuner');
    expect(html).toContain('aria-label="Årshjul 2026"');
    // July's due date on the wheel and the legend's swatch are SVG diamonds, not the "◆" glyph.
    expect(html.match(/<path class="due-mark" d="M[^"]+ Z" fill="#c50f1f"><title>[^<]*2026-07-15<\/title><\/path>/g)).toHaveLength(1);
    expect(html).toMatch(/<div class="legend">.*<svg class="due-mark"[^>]*><path d="M[^"]+"/);
    expect(html).not.toContain('◆');
    expect(html).not.toContain('<script');
  });

  it('draws the charts by the rules of the pane: y from zero, the unit on the axis, the target of what is drawn, never mixed levels', async () => {
    await setup();
    const figure = (html: string, title: string) => html.match(new RegExp(`<figure><svg[^>]*aria-label="${title}".*?</svg></figure>`))?.[0] ?? '';
    const county = await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report`, f.tokens.viewer)).text();
    const prescribed = figure(county, 'Förskrivna FaR');
    expect(prescribed).toContain('class="axis-unit">antal</text>');
    // 16 in kv 2 (12 + 4), drawn from 0, not from the lowest value.
    expect(prescribed).toMatch(/text-anchor="end" fill="#666">16<\/text>/);
    expect(prescribed).toMatch(/text-anchor="end" fill="#666">0<\/text>/);
    // A sum over two clinics has no target line of its own; the note gives the clinics' target per quarter.
    expect(prescribed).toContain('Summa för 2 enheter · mål per enhet 2,5 per kvartal (10 per år)');
    expect(prescribed).not.toContain('class="target-label"');
    const share = figure(county, 'Andel FaR följda upp');
    expect(share).toContain('class="axis-unit">Andel (%)</text>');
    expect(share).toMatch(/text-anchor="end" fill="#666">0<\/text>/);
    // One clinic: its own values against its target per quarter (an annual 10 is 2,5 a quarter).
    const own = figure(await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?unit=vc-a`, f.tokens.viewer)).text(), 'Förskrivna FaR');
    expect(own).toContain('Vårdcentral A · mål 2,5 per kvartal (10 per år)');
    expect(own).toContain('class="target-label">Mål 2,5</text>');
    // A round the region reports in too: the region's own figure, not the region and its clinics added up.
    await putRegionDoc(f, 'regionvarden', 'indicator-values', [{ indicator: 'vc-far-forskrivna', unit: 'region', period: '2026Q2', kon: 'T', value: 30 }]);
    const both = { id: 'kv2r', title: '2026 kv 2 region', period: '2026Q2', dueDate: '2026-07-15', indicators: ['vc-far-forskrivna'], units: ['region', 'vc-a', 'vc-b'] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(both))).status).toBe(201);
    const region = figure(await (await f.req(`/v1/workspaces/${WS}/rounds/kv2r/report`, f.tokens.viewer)).text(), 'Förskrivna FaR');
    expect(region).toMatch(/text-anchor="end" fill="#666">30<\/text>/);
    expect(region).not.toMatch(/>46</);
    expect(region).toContain('>Region · mål 2,5 per kvartal (10 per år)<');
  });

  it('speaks English on request and narrows to one unit', async () => {
    await setup();
    const html = await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?lang=en&unit=vc-b`, f.tokens.viewer)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Steering group report: 2026 kv 2');
    expect(html).toContain('Vårdcentral B');
    expect(html).not.toMatch(/<td>Vårdcentral A<\/td>/);
    expect(html).toContain('in progress');
  });

  it('takes the unit by its name as the workspace spells it, any case and spacing, over HTTP and on the command line', async () => {
    await setup();
    const byCode = await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?unit=vc-b`, f.tokens.viewer)).text();
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?unit=${encodeURIComponent('  vårdcentral   b ')}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<td>Vårdcentral A<\/td>/);
    expect(html).toBe(byCode);
    const out = `${process.env.TMPDIR ?? '/tmp'}/samplan-report-unit-${process.pid}.html`;
    expect(await reportCommand(f.storage, { workspace: WS, round: '2026-kv-2', unit: 'Vårdcentral B', lang: 'sv', out, pdf: null }, () => undefined)).toBe(0);
    const { readFile, rm } = await import('node:fs/promises');
    expect(await readFile(out, 'utf8')).not.toMatch(/<td>Vårdcentral A<\/td>/);
    await rm(out);
  });

  it('says the round is closed, since when (in Swedish time) and why, in Swedish and English, and no more once it is reopened', async () => {
    await setup();
    f.now.value = new Date('2026-07-20T08:30:00Z');
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/close`, f.tokens.coordinator, json({ reason: 'Styrgruppen <beslutade> 18/7' }))).status).toBe(200);
    const sv = await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report`, f.tokens.viewer)).text();
    expect(sv).toContain('<p class="closed"><strong>Omgången är stängd sedan 2026-07-20 10:30</strong>; inget kan skickas in eller ändras i den. Motivering: Styrgruppen &lt;beslutade&gt; 18/7</p>');
    const en = await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?lang=en`, f.tokens.viewer)).text();
    expect(en).toContain('<strong>The round is closed since 2026-07-20 10:30</strong>; nothing can be submitted or changed in it. Reason: Styrgruppen &lt;beslutade&gt; 18/7');
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/reopen`, f.tokens.coordinator, json({}))).status).toBe(200);
    expect(await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report`, f.tokens.viewer)).text()).not.toContain('class="closed"');
  });

  it("gives its times in Swedish time: a round closed on New Year's night is closed in the new year", async () => {
    await setup();
    f.now.value = new Date('2026-12-31T23:30:00Z');
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/close`, f.tokens.coordinator, json({}))).status).toBe(200);
    const html = await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report`, f.tokens.viewer)).text();
    expect(html).toContain('Omgången är stängd sedan 2027-01-01 00:30</strong>');
    expect(html).toContain('Skapad 2027-01-01 00:30</p>');
  });

  it('answers an unknown round or a unit outside it with 404 and words', async () => {
    await setup();
    const res = await f.req(`/v1/workspaces/${WS}/rounds/nope/report`, f.tokens.viewer);
    expect(res.status).toBe(404);
    expect(englishOf(await errorOf(res))).toMatch(/no follow-up round/);
    const outside = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?unit=region`, f.tokens.viewer);
    expect(outside.status).toBe(404);
    expect(englishOf(await errorOf(outside))).toBe('The unit Region does not report in the round 2026 Q2.');
  });

  it('is written by the CLI command as HTML, and says so in words for an unknown round', async () => {
    await setup();
    const lines: string[] = [];
    const out = `${process.env.TMPDIR ?? '/tmp'}/samplan-report-${process.pid}.html`;
    expect(await reportCommand(f.storage, { workspace: WS, round: '2026-kv-2', unit: null, lang: 'sv', out, pdf: null }, (l) => lines.push(l))).toBe(0);
    const { readFile, rm } = await import('node:fs/promises');
    expect(await readFile(out, 'utf8')).toContain('Styrgruppsrapport');
    await rm(out);
    // In the command's language (`say`), whatever the report's: the CLI prints `sv` or the English `message`.
    for (const lang of ['sv', 'en'] as const) {
      const refused = await reportCommand(f.storage, { workspace: WS, round: 'x', unit: null, lang, say: lang === 'sv' ? 'en' : 'sv', out: null, pdf: null }, (l) => lines.push(l)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CliError);
      expect(refused).toMatchObject({ message: 'There is no follow-up round "x".', sv: 'Det finns ingen uppföljningsomgång "x".' });
    }
    expect(lines.some((l) => l.includes('"x"'))).toBe(false);
  });

  it('says of a round that does not follow up activities that it does not, rather than that the period has none', async () => {
    await setup();
    const round = { id: 'utan-aktiviteter', title: 'Utan aktiviteter', period: '2026Q2', dueDate: '2026-07-15', indicators: ['vc-far-forskrivna'], activities: false };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
    const html = await (await f.req(`/v1/workspaces/${WS}/rounds/utan-aktiviteter/report`, f.tokens.viewer)).text();
    expect(html).toContain('<p>Omgången följer inte upp aktiviteter.</p>');
    expect(html).not.toContain('Inga aktiviteter i perioden.');
  });
});
