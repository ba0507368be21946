/**
 * A workspace or a unit created by several requests at once: the store creates it once (a
 * create-only write, checked in its transaction), so one request answers 201 and the others 409 in
 * words, and one "created" audit line is kept — the losers are not made admins of the winner's workspace.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('creation at once', () => {
  it('creates a workspace asked for three times at once once: one 201, two 409 in words, one audit line', async () => {
    const names = ['Ny region', 'Annan region', 'Tredje region'];
    const answers = await Promise.all(names.map((name) => f.req('/v1/workspaces', f.tokens.admin, post({ id: 'ny', name }))));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const losers = await Promise.all(answers.filter((r) => r.status === 409).map((r) => errorOf(r)));
    for (const e of losers) expect(e.code).toBe('workspace-exists');
    const won = (await answers.find((r) => r.status === 201)?.json()) as { workspace: { name: string } };
    expect((await f.storage.getWorkspace('ny'))?.name).toBe(won.workspace.name);
    const lines = (await f.storage.listAudit('ny', 10)).filter((a) => a.detail === 'created ny');
    expect(lines).toHaveLength(1);
  });

  it('adds a unit asked for three times at once once: one 201, two 409 in words, one audit line', async () => {
    const names = ['Vårdcentral C', 'Vårdcentral Centrum', 'VC C'];
    const answers = await Promise.all(
      names.map((name) => f.req(`/v1/workspaces/${WS}/units`, f.tokens.coordinator, post({ code: 'vc-c', name, parent: 'region' }))),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const losers = await Promise.all(answers.filter((r) => r.status === 409).map((r) => errorOf(r)));
    for (const e of losers) expect(e.code).toBe('unit-exists');
    const lines = (await f.storage.listAudit(WS, 50)).filter((a) => a.detail === 'added vc-c');
    expect(lines).toHaveLength(1);
  });
});
