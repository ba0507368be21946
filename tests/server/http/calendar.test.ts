/**
 * The årshjul's data over HTTP: activities by month from the live plans (a row spanning months
 * is in each of them), rounds by the month of their due date, narrowing to a unit, and a bad
 * year refused in words. Also checks the report's wheel is drawn from the same layout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarMonth } from '../../../shared/rounds/year-calendar.js';
import { wheelLayout, yearCalendarSvg } from '../../../shared/rounds/year-wheel.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('GET /v1/workspaces/:ws/calendar/:year', () => {
  it('puts each plan row in every month from its start to its end and rounds in their due month', async () => {
    f = await makeFixture();
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15' }))).status).toBe(201);
    const res = await f.req(`/v1/workspaces/${WS}/calendar/2026`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { year: number; months: CalendarMonth[] };
    expect(body.year).toBe(2026);
    expect(body.months).toHaveLength(12);
    // The fixture's two rows run 2026-03-01 … 2026-06-01: March to June, both of them.
    expect(body.months.map((m) => m.activities.length)).toEqual([0, 0, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0]);
    expect(body.months[2]?.activities.map((a) => [a.doc, a.unit, a.type, a.title])).toEqual([
      ['plan-a', 'vc-a', 'halsodag', 'Hälsodag A'],
      ['plan-a', 'vc-a', 'promenadgrupp', 'Promenadgrupp A'],
    ]);
    expect(body.months[2]?.activities[0]?.rowId).toMatch(/\S/);
    expect(body.months.map((m) => m.due.map((d) => d.round))).toEqual([[], [], [], [], [], [], ['2026-kv-2'], [], [], [], [], []]);
  });

  it('narrows to one unit, finds nothing in another year, and refuses a year that is not one', async () => {
    f = await makeFixture();
    const months = async (q: string) => ((await (await f.req(`/v1/workspaces/${WS}/calendar/${q}`, f.tokens.editor)).json()) as { months: CalendarMonth[] }).months;
    expect((await months('2026?unit=vc-b')).flatMap((m) => m.activities)).toEqual([]);
    expect((await months('2026?unit=vc-a')).flatMap((m) => m.activities)).toHaveLength(8);
    expect((await months('2025')).flatMap((m) => m.activities)).toEqual([]);
    const bad = await f.req(`/v1/workspaces/${WS}/calendar/20x6`, f.tokens.editor);
    expect(bad.status).toBe(400);
    const err = await errorOf(bad);
    expect(englishOf(err)).toContain('"20x6" is not a year');
    expect(err.details).toMatchObject({ message: { sv: expect.stringContaining('inget år') } });
    expect((await f.req(`/v1/workspaces/other/calendar/2026`, f.tokens.editor)).status).toBe(404);
  });

  it('reads the unit by name too, and refuses one that names nothing in words that never repeat an identity number', async () => {
    f = await makeFixture();
    const byName = await f.req(`/v1/workspaces/${WS}/calendar/2026?unit=${encodeURIComponent('vårdcentral  a')}`, f.tokens.editor);
    expect(byName.status).toBe(200);
    const body = (await byName.json()) as { unit: string; months: CalendarMonth[] };
    expect(body.unit).toBe('vc-a');
    expect(body.months.flatMap((m) => m.activities)).toHaveLength(8);
    for (const typed of ['vc-nope', '850101-1236', '19850101-1236']) {
      const res = await f.req(`/v1/workspaces/${WS}/calendar/2026?unit=${encodeURIComponent(typed)}`, f.tokens.editor);
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain('unknown-filter');
      expect(text).not.toMatch(/850101-?1236/);
      if (typed !== 'vc-nope') expect(text).toContain('unit=\\"[personnummer]\\"');
    }
  });
});

describe('the wheel layout', () => {
  const months: CalendarMonth[] = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, activities: [], due: [] }));
  months[2] = {
    month: 3,
    activities: [
      { doc: 'p', rowId: 'r1', unit: 'vc-a', title: 'A', type: 'halsodag', start: '2026-03-01', end: '2026-03-01' },
      { doc: 'p', rowId: 'r2', unit: 'vc-a', title: 'B', type: 'halsodag', start: '2026-03-02', end: '2026-03-02' },
      { doc: 'p', rowId: 'r3', unit: 'vc-b', title: 'C', type: 'promenadgrupp', start: '2026-03-03', end: '2026-03-03' },
    ],
    due: [{ round: '2026-kv-1', title: '2026 kv 1', dueDate: '2026-03-31' }],
  };

  it('gives one dot per type with its count, a due marker, and the report draws exactly those shapes', () => {
    const layout = wheelLayout(months, { lang: 'sv' });
    expect(layout.segments.map((s) => s.label.text)).toEqual(['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']);
    expect(layout.segments[2]?.dots.map((d) => [d.type, d.count])).toEqual([['halsodag', 2], ['promenadgrupp', 1]]);
    expect(layout.segments[2]?.due.map((d) => d.round)).toEqual(['2026-kv-1']);
    // March sits in the right half, below the top: clockwise from twelve o'clock.
    const mar = layout.segments[2]?.label;
    expect(mar && mar.x > layout.centre && mar.y < layout.centre + 1).toBe(true);
    const svg = yearCalendarSvg(months, { year: 2026, lang: 'sv', dueLabel: 'Sista dag för' });
    for (const s of layout.segments) expect(svg).toContain(`d="${s.path}"`);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('Sista dag för 2026 kv 1 2026-03-31');
  });
});
