/**
 * A round's id has one shape at every door (`roundIdSchema`, `shared/rounds/model.ts`): the id the
 * CLI makes of a title (`roundIdOf`, as the pane's round form makes it) is the one REST finds and
 * lists, an id given to REST is the one `samplan rounds close` and `list` take and print, and an
 * id of another shape is refused in words at the CLI as it is at REST (in a body and in a path), not looked for. A title's
 * letters with marks or ligatures (`Müller`, `Œuvre`, `ﬁ`) keep their letters in the id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundsCommand } from '../../server/cli-rounds.js';
import { roundIdOf, roundIdSchema } from '../../shared/rounds/model.js';
import { errorOf, makeFixture, WS, type Fixture } from './http/support.js';

describe('a round id from one door in the others', () => {
  let f: Fixture;
  const lines: string[] = [];
  const cli = (sub: string, flags: Parameters<typeof roundsCommand>[1]) => roundsCommand(sub, { workspace: WS, ...flags }, f.storage, (l) => lines.push(l));
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.close());

  it('makes an id of a title as a person reads it: marks and ligatures keep their letters', () => {
    expect(roundIdOf('Uppföljning Müller vår 2026')).toBe('uppfoljning-muller-var-2026');
    expect(roundIdOf('Réunion Œuvre ﬁnale')).toBe('reunion-oeuvre-finale');
    expect(roundIdOf('Hälsoår Ⅻ')).toBe('halsoar-xii');
    for (const title of ['Uppföljning Müller vår 2026', 'Réunion Œuvre ﬁnale', 'Straße Øst', '2026 kv 1']) expect(roundIdSchema.safeParse(roundIdOf(title)).success, title).toBe(true);
  });

  it('a round the CLI defines from its title is found and listed by REST under the id the pane makes of that title', async () => {
    const title = 'Uppföljning Müller vår 2026';
    await expect(cli('define', { period: '2026 kv 2', due: '2026-07-15', title })).resolves.toBe(0);
    const id = roundIdOf(title);
    const one = await f.req(`/v1/workspaces/${WS}/rounds/${id}`, f.tokens.coordinator);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { round: { id: string; title: string } }).round).toMatchObject({ id, title });
    const all = (await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer)).json()) as { rounds: { id: string }[] };
    expect(all.rounds.map((r) => r.id)).toContain(id);
  });

  it('a round REST defines is closed and listed by the CLI under its id', async () => {
    const id = roundIdOf('Réunion Œuvre ﬁnale');
    const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, title: 'Réunion Œuvre ﬁnale', period: '2026Q3', dueDate: '2026-10-15', indicators: [], activities: true }),
    });
    expect(res.status).toBe(201);
    lines.length = 0;
    await expect(cli('close', { round: id })).resolves.toBe(0);
    await expect(cli('list', {})).resolves.toBe(0);
    expect(lines.find((l) => l.startsWith(`${id}\t`))).toContain('closed');
  });

  it('an id of another shape is refused in words at the CLI and at REST, as the same rule', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'Kv3 2026', title: 'Kv 3', period: '2026Q3', dueDate: '2026-10-15', indicators: [], activities: true }),
    });
    const words = ((await errorOf(res)).details as { issues: { message: string }[] }).issues[0]?.message;
    expect(words).toBe('must be lower-case letters, digits and dashes');
    await expect(cli('close', { round: 'Kv3 2026' })).rejects.toThrow(`The round id "Kv3 2026" ${words}; the ids are in samplan rounds list.`);
    await expect(cli('define', { period: '2026 kv 3', due: '2026-10-15', id: 'Kv3 2026' })).rejects.toThrow(`--id ${words}.`);
  });

  it('a malformed round id in a REST path is 400 naming the round and its shape, on every route under it; a well-formed unknown one stays 404', async () => {
    const paths = ['', '/completeness', '/rollup?period=2026', '/report', '/units/vc-a/submit', '/close', '/maturity'];
    for (const bad of ['2025%20kv%202', '2025-KV-2', '2025_kv_2']) {
      for (const tail of paths) {
        const post = tail === '/units/vc-a/submit' || tail === '/close' || tail === '/maturity';
        const res = await f.req(`/v1/workspaces/${WS}/rounds/${bad}${tail}`, f.tokens.coordinator, post ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' } : {});
        expect(res.status, `${bad}${tail}`).toBe(400);
        const err = await errorOf(res);
        expect(err.code).toBe('invalid-request');
        expect(err.details).toMatchObject({ issues: [{ path: 'round', message: 'must be lower-case letters, digits and dashes' }] });
        expect((err.details as { message: { sv: string } }).message.sv).toContain('ska bestå av små bokstäver a–z, siffror och "-"');
      }
    }
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2025-kv-9`, f.tokens.coordinator)).status).toBe(404);
  });
});
