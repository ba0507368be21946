/**
 * A unit submitted or approved with errors left in the rows the round covers: the move is made,
 * and the answer says so in words (how many, in which documents, where to see them). Fails on the
 * old answer, which was `{ unit }` alone: the coordinator and the manager were told nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, planRow, putDoc, WS, type Fixture } from './support.js';

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

interface Answer {
  unit: { status: string };
  warning?: { code: string; errors: number; documents: { doc: string; title: string; errors: number }[]; message: { sv: string; en: string } };
}

describe('submit and approve with errors left', () => {
  let f: Fixture;
  const act = async (unit: string, action: string, token: string): Promise<Answer> => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q2/units/${unit}/${action}`, token, json({}));
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };
  beforeEach(async () => {
    f = await makeFixture();
    // Two rows of vc-a's second plan end before they start: an error each.
    const wrong = (title: string) => planRow(title, { startDate: '2026-05-10', endDate: '2026-04-01' });
    await putDoc(f.storage, 'plan-a2', 'activity-plan', 'vc-a', [wrong('Stavgång'), wrong('Hälsodag'), planRow('Promenad')], f.now.value.toISOString());
    const round = { id: 'q2', title: 'Omgång q2', period: '2026Q2', dueDate: '2026-07-15' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
  });
  afterEach(() => f.close());

  it('says at submit and at approve how many errors are left and in which document', async () => {
    const completeness = (await (await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness`, f.tokens.viewer)).json()) as { units: { unit: string; problems: number; problemDocs: unknown }[] };
    const a = completeness.units.find((u) => u.unit === 'vc-a');
    expect(a?.problems).toBeGreaterThanOrEqual(2);
    expect(a?.problemDocs).toEqual([{ doc: 'plan-a2', title: 'activity-plan vc-a', errors: a?.problems }]);

    const submitted = await act('vc-a', 'submit', f.tokens.editor);
    expect(submitted.unit.status).toBe('inskickad');
    const n = a?.problems ?? 0;
    expect(submitted.warning).toEqual({
      code: 'round-problems-left',
      errors: n,
      documents: [{ doc: 'plan-a2', title: 'activity-plan vc-a', errors: n }],
      message: {
        sv: `Vårdcentral A skickades in med ${n} fel kvar i raderna omgången omfattar (${n} fel i ”activity-plan vc-a”). Se Problem i dokumenten, eller Problem kvar i omgångens fullständighet.`,
        en: `Vårdcentral A was submitted with ${n} errors left in the rows the round covers (${n} errors in ”activity-plan vc-a”). See Problems in the documents, or Problems left in the round's completeness.`,
      },
    });
    const approved = await act('vc-a', 'approve', f.tokens.coordinator);
    expect(approved.unit.status).toBe('godkand');
    expect(approved.warning?.message.sv).toBe(
      `Vårdcentral A godkändes med ${n} fel kvar i raderna omgången omfattar (${n} fel i ”activity-plan vc-a”). Raderna är nu låsta; för att rätta dem måste enheten öppnas igen. Se Problem i dokumenten, eller Problem kvar i omgångens fullständighet.`,
    );
  });

  it('says nothing for a unit without errors', async () => {
    const submitted = await act('vc-b', 'submit', f.tokens.editorB);
    expect(submitted.unit.status).toBe('inskickad');
    expect(submitted.warning).toBeUndefined();
  });
});
