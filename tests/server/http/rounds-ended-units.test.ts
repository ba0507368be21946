/**
 * A round that names no units expects the active ones (`reportingUnitsOf`,
 * `shared/rounds/levels.ts`): a clinic whose documents are all archived has ended, as the demo's
 * KIM clinics of 2013–2015, and the round does not wait for it; naming it still makes it report,
 * and a unit that has reported in the round stays in it when its plan is archived afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, planRow, putDoc, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const round = (id: string, units?: string[]) => ({ id, title: `Omgång ${id}`, period: '2026Q1', dueDate: '2026-04-15', ...(units ? { units } : {}) });

describe('a round that names no units', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    // vc-b ended: its only plan, of an earlier period, is archived. vc-a has a live plan.
    await putDoc(f.storage, 'plan-b-2014', 'activity-plan', 'vc-b', [planRow('Promenadgrupp B')], f.now.value.toISOString());
    const rec = await f.storage.getDocRecord({ workspace: WS, doc: 'plan-b-2014' });
    await f.storage.putDocRecord({ ...rec!, archivedAt: '2016-01-10T08:00:00.000Z', archivedBy: 'Person admin' });
  });
  afterEach(() => f.close());

  const unitsOf = async (id: string): Promise<string[]> => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/${id}/completeness`, f.tokens.viewer);
    expect(res.status).toBe(200);
    return ((await res.json()) as { units: { unit: string }[] }).units.map((u) => u.unit).sort();
  };

  it('does not wait for a clinic whose documents are all archived', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round('q1')))).status).toBe(201);
    expect(await unitsOf('q1')).toEqual(['vc-a']);
    const submit = await f.req(`/v1/workspaces/${WS}/rounds/q1/units/vc-b/submit`, f.tokens.editorB, json('POST', {}));
    expect([submit.status, ((await submit.json()) as { error: { code: string } }).error.code]).toEqual([404, 'round-unit']);
  });

  it('expects the ended clinic when the round names it', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round('q1', ['vc-a', 'vc-b'])))).status).toBe(201);
    expect(await unitsOf('q1')).toEqual(['vc-a', 'vc-b']);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/q1/units/vc-b/submit`, f.tokens.editorB, json('POST', {}))).status).toBe(200);
  });

  it('keeps a clinic that reported in the round when its last live plan is archived afterwards', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round('q1')))).status).toBe(201);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/q1/units/vc-a/submit`, f.tokens.editor, json('POST', {}))).status).toBe(200);
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/archive`, f.tokens.admin, { method: 'POST' })).status).toBe(200);
    expect(await unitsOf('q1')).toEqual(['vc-a']);
  });
});
