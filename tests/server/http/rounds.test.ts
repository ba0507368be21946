import { afterEach, describe, expect, it } from 'vitest';
import { SPLIT_FLAGGED } from '../../support/personnummer-spellings-more.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

type Who = 'admin' | 'coordinator' | 'editor' | 'editorB' | 'viewer';

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function createRound(id: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id, title: `Omgång ${id}`, period: '2026Q2', dueDate: '2026-07-15', ...extra }));
}

async function act(round: string, unit: string, action: string, who: Who, reason?: string): Promise<Response> {
  return f.req(`/v1/workspaces/${WS}/rounds/${round}/units/${unit}/${action}`, f.tokens[who], json(reason === undefined ? {} : { reason }));
}

/** What must happen before `action` can be tried: the steps that bring vc-a to its from-status. */
const SETUP: Record<string, string[]> = { submit: [], approve: ['submit'], return: ['submit'], reopen: ['submit', 'approve'] };
const ALLOWED: Record<string, Who[]> = {
  submit: ['admin', 'coordinator', 'editor'],
  approve: ['admin', 'coordinator'],
  return: ['admin', 'coordinator'],
  reopen: ['admin'],
};

describe('rounds API', () => {
  describe('every transition × role: allowed, or 403 with words', () => {
    for (const action of ['submit', 'approve', 'return', 'reopen']) {
      for (const who of ['admin', 'coordinator', 'editor', 'editorB', 'viewer'] as Who[]) {
        const allowed = ALLOWED[action]?.includes(who) ?? false;
        it(`${action} by ${who}: ${allowed ? 'allowed' : '403'}`, async () => {
          f = await makeFixture();
          const round = `r-${action}-${who.toLowerCase()}`;
          expect((await createRound(round)).status).toBe(201);
          for (const step of SETUP[action] ?? []) expect((await act(round, 'vc-a', step, 'admin')).status).toBe(200);
          const res = await act(round, 'vc-a', action, who, 'Värdet för kv 2 saknas');
          if (allowed) {
            expect(res.status).toBe(200);
            const body = (await res.json()) as { unit: { status: string; history: { by: string; action: string }[] } };
            expect(body.unit.status).toBe({ submit: 'inskickad', approve: 'godkand', return: 'atersand', reopen: 'atersand' }[action]);
            expect(body.unit.history.at(-1)?.action).toBe(action);
          } else {
            expect(res.status).toBe(403);
            const err = await errorOf(res);
            expect(err.code).toBe('round-role');
            const message = (err.details as { message: { sv: string; en: string } }).message;
            expect(message.sv).toMatch(/får inte/);
            expect(message.en).toMatch(/may not/);
            // Names and words, never codes: the unit's name, the role as the pane names it.
            const role = { editor: ['redigerare', 'editor'], editorB: ['redigerare', 'editor'], viewer: ['läsare', 'viewer'], coordinator: ['samordnare', 'coordinator'], admin: [] }[who];
            expect(message.sv).toMatch(new RegExp(`^Din roll \\(${role[0]}\\) får inte .* för Vårdcentral A\\. `));
            expect(message.en).toMatch(new RegExp(`^Your role \\(${role[1]}\\) may not .* for Vårdcentral A\\. `));
            expect(message.sv).not.toContain('vc-a');
          }
        });
      }
    }
  });

  it('refuses a transition from the wrong status with 409, and return or reopen without a reason with 400', async () => {
    f = await makeFixture();
    await createRound('q2');
    const early = await act('q2', 'vc-a', 'approve', 'coordinator');
    expect(early.status).toBe(409);
    const earlyError = await errorOf(early);
    const sentence = earlyError.details as { message: { sv: string; en: string } };
    expect(earlyError.code).toBe('round-state');
    // The unit and the round by their names, the period in words; the codes stay in `code`.
    expect(sentence.message.sv).toBe('Det går inte att godkänna när Vårdcentral A har status "ej påbörjad" i omgången Omgång q2 (2026 kv 2).');
    expect(sentence.message.en).toBe('You cannot approve while Vårdcentral A is "not started" in the round Omgång q2 (2026 Q2).');
    expect((await act('q2', 'vc-a', 'submit', 'editor')).status).toBe(200);
    expect((await act('q2', 'vc-a', 'submit', 'editor')).status).toBe(409);
    const noReason = await act('q2', 'vc-a', 'return', 'coordinator', '  ');
    expect(noReason.status).toBe(400);
    const reasonError = await errorOf(noReason);
    expect(reasonError.code).toBe('round-reason');
    expect((reasonError.details as { message: { sv: string } }).message.sv).toBe('Skriv en motivering när du återsänder.');
    const unknownUnit = await errorOf(await act('q2', 'region', 'submit', 'admin'));
    expect(unknownUnit.code).toBe('round-unit');
    expect((unknownUnit.details as { message: { sv: string } }).message.sv).toBe('Enheten Region rapporterar inte i omgången Omgång q2 (2026 kv 2).');
    const notApproved = await act('q2', 'vc-a', 'reopen', 'admin', 'x');
    expect(notApproved.status).toBe(409);
    expect(((await errorOf(notApproved)).details as { message: { sv: string } }).message.sv).toBe('Det går inte att öppna rapporten för ändring när Vårdcentral A har status "inskickad" i omgången Omgång q2 (2026 kv 2).');
  });

  it('walks submit → return → resubmit → approve → reopen, each in the history and the audit with who and when', async () => {
    f = await makeFixture();
    await createRound('q2');
    expect((await act('q2', 'vc-a', 'submit', 'editor')).status).toBe(200);
    f.now.value = new Date('2026-07-02T09:00:00Z');
    const returned = await act('q2', 'vc-a', 'return', 'coordinator', 'FaR-uppföljningen saknar nämnare');
    expect(((await returned.json()) as { unit: { status: string; reason: string } }).unit).toMatchObject({ status: 'atersand', reason: 'FaR-uppföljningen saknar nämnare' });
    expect((await act('q2', 'vc-a', 'submit', 'editor')).status).toBe(200);
    expect((await act('q2', 'vc-a', 'approve', 'coordinator')).status).toBe(200);
    expect((await act('q2', 'vc-a', 'reopen', 'admin', 'Fel i täljaren upptäckt')).status).toBe(200);
    const round = (await (await f.req(`/v1/workspaces/${WS}/rounds/q2`, f.tokens.viewer)).json()) as {
      units: { unit: string; status: string; history: { action: string; from: string; to: string; by: string; at: string }[] }[];
    };
    const a = round.units.find((u) => u.unit === 'vc-a');
    expect(a?.history.map((h) => `${h.action}:${h.from}->${h.to}:${h.by}`)).toEqual([
      'submit:ej-paborjad->inskickad:eda',
      'return:inskickad->atersand:coord',
      'submit:atersand->inskickad:eda',
      'approve:inskickad->godkand:coord',
      'reopen:godkand->atersand:admin',
    ]);
    expect(a?.history[1]?.at).toBe('2026-07-02T09:00:00.000Z');
    const audit = await f.storage.listAudit(WS, 50);
    const lines = audit.filter((l) => l.action.startsWith('round-')).reverse();
    expect(lines.map((l) => `${l.action} ${l.memberId} ${l.detail}`)).toEqual([
      'round-create coord round=q2 period=2026Q2',
      'round-submit eda round=q2 unit=vc-a ej-paborjad->inskickad',
      'round-return coord round=q2 unit=vc-a inskickad->atersand',
      'round-submit eda round=q2 unit=vc-a atersand->inskickad',
      'round-approve coord round=q2 unit=vc-a inskickad->godkand',
      'round-reopen admin round=q2 unit=vc-a godkand->atersand',
    ]);
    // The reason's text stays in the round, not in the audit detail.
    expect(JSON.stringify(lines)).not.toContain('täljaren');
  });

  it('keeps out of round titles and return reasons a personnummer with its serial split by a dot or colon or its date part cut', async () => {
    f = await makeFixture();
    for (const [text] of SPLIT_FLAGGED) expect((await createRound('pnr', { title: `Omgång ${text}` })).status).toBe(422);
    expect((await createRound('q3')).status).toBe(201);
    expect((await act('q3', 'vc-a', 'submit', 'editor')).status).toBe(200);
    for (const [text] of SPLIT_FLAGGED) expect((await act('q3', 'vc-a', 'return', 'coordinator', `Ring ${text}`)).status).toBe(422);
  });

  it('lets only coordinators and admins define rounds, checks the body, and keeps personnummer out', async () => {
    f = await makeFixture();
    const byEditor = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.editor, json({ id: 'x', title: 'x', period: '2026Q2', dueDate: '2026-07-15' }));
    expect(byEditor.status).toBe(403);
    expect((await createRound('bad', { period: '2026Q5' })).status).toBe(400);
    // The shape of a date is not enough: a day the calendar lacks is refused in words.
    // A day its month lacks is told why and which days would do; a month that is none, the form.
    for (const [dueDate, words] of [['2026-02-30', /dueDate is 2026-02-30, a day that does not exist: February 2026 has 28 days; write e\.g\. 2026-02-28 or 2026-03-01/], ['2026-13-45', /dueDate must be a date YYYY-MM-DD that exists/]] as const) {
      const res = await createRound('bad-due', { dueDate });
      expect(res.status).toBe(400);
      expect(englishOf(await errorOf(res))).toMatch(words);
    }
    expect((await createRound('q2')).status).toBe(201);
    expect((await createRound('q2')).status).toBe(409);
    expect((await createRound('pnr', { title: 'Omgång 19121212-1212' })).status).toBe(422);
    await createRound('q3');
    const withPnr = await act('q3', 'vc-a', 'submit', 'editor');
    expect(withPnr.status).toBe(200);
    expect((await act('q3', 'vc-a', 'return', 'coordinator', 'Ring 19121212-1212')).status).toBe(422);
    expect((await act('nope', 'vc-a', 'submit', 'editor')).status).toBe(404);
    expect((await act('q3', 'vc-zz', 'submit', 'admin')).status).toBe(404);
    expect((await act('q3', 'vc-a', 'destroy', 'admin')).status).toBe(404);
  });

  it('keeps the county maturity placements per round with their history', async () => {
    f = await makeFixture();
    await createRound('q2');
    const place = (level: string, who: Who, comment?: string) => f.req(`/v1/workspaces/${WS}/rounds/q2/maturity`, f.tokens[who], json({ level, ...(comment ? { comment } : {}) }));
    expect((await place('2', 'editor')).status).toBe(403);
    expect((await place('5', 'coordinator')).status).toBe(400);
    expect((await place('1', 'coordinator', 'Planering pågår i tre kommuner')).status).toBe(200);
    f.now.value = new Date('2026-06-01T08:00:00Z');
    const second = await place('2', 'admin');
    const body = (await second.json()) as { maturity: { level: string; by: string; at: string }[] };
    expect(body.maturity.map((m) => `${m.level} ${m.by} ${m.at.slice(0, 10)}`)).toEqual(['1 coord 2026-01-15', '2 admin 2026-06-01']);
    // The level as a number, as a round's own `levels[].level` is written: the same placement.
    const asNumber = (level: number) => f.req(`/v1/workspaces/${WS}/rounds/q2/maturity`, f.tokens.coordinator, json({ level }));
    expect((await asNumber(5)).status).toBe(400);
    expect((await asNumber(2.5)).status).toBe(400);
    const third = await asNumber(3);
    expect(third.status).toBe(200);
    expect(((await third.json()) as { maturity: { level: string }[] }).maturity.map((m) => m.level)).toEqual(['1', '2', '3']);
  });
  it('checks the query of completeness, roll-up and report against the schemas /openapi.json describes', async () => {
    f = await makeFixture();
    await createRound('q2');
    const get = (path: string) => f.req(`/v1/workspaces/${WS}/rounds/q2/${path}`, f.tokens.viewer);
    const csv = await get('completeness?format=csv&sep=semicolon');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(';');
    expect((await get('rollup?format=csv&table=far')).status).toBe(200);
    for (const bad of ['completeness?format=xml', 'rollup?format=csv&table=partners', 'report?lang=de']) {
      const res = await get(bad);
      expect(res.status).toBe(400);
      expect(englishOf(await errorOf(res))).toMatch(/^The request is not valid: (format|table|lang) /);
    }
  });

  describe('closing a whole round', () => {
    const closeAs = (who: Who, action: 'close' | 'reopen' = 'close', round = 'q2') => f.req(`/v1/workspaces/${WS}/rounds/${round}/${action}`, f.tokens[who], json({}));

    it('lets only coordinators and admins close and reopen, in words; refuses closing twice; audits who and when', async () => {
      f = await makeFixture();
      await createRound('q2');
      for (const who of ['editor', 'viewer'] as Who[]) {
        const refused = await closeAs(who);
        expect(refused.status).toBe(403);
        const e = await errorOf(refused);
        expect(e.code).toBe('round-close-role');
      }
      const byEditor = await errorOf(await closeAs('editor'));
      expect((byEditor.details as { message: { sv: string } }).message.sv).toBe('Din roll (redigerare) får inte stänga omgången. Samordnare och administratörer stänger och öppnar omgångar.');
      expect((await closeAs('coordinator', 'reopen')).status).toBe(409);
      f.now.value = new Date('2026-07-20T08:00:00Z');
      const closed = await closeAs('coordinator');
      expect(closed.status).toBe(200);
      expect(((await closed.json()) as { closure: unknown }).closure).toEqual({ round: 'q2', closed: true, by: 'coord', at: '2026-07-20T08:00:00.000Z', reason: null, history: [{ action: 'close', by: 'coord', at: '2026-07-20T08:00:00.000Z', reason: null }] });
      const twice = await errorOf(await closeAs('admin'));
      expect(twice.code).toBe('round-close-state');
      expect((twice.details as { message: { sv: string } }).message.sv).toBe('Omgången Omgång q2 (2026 kv 2) är redan stängd.');
      expect((await closeAs('editor', 'reopen')).status).toBe(403);
      expect((await closeAs('admin', 'reopen')).status).toBe(200);
      expect((await closeAs('nobody' as Who)).status).toBe(401);
      expect((await f.req(`/v1/workspaces/${WS}/rounds/none/close`, f.tokens.coordinator, json({}))).status).toBe(404);
      const lines = (await f.storage.listAudit(WS, 50)).filter((l) => l.action === 'round-close' || l.action === 'round-reopen-closed').reverse();
      expect(lines.map((l) => `${l.action} ${l.memberId} ${l.detail} ${l.at}`)).toEqual(['round-close coord round=q2 2026-07-20T08:00:00.000Z', 'round-reopen-closed admin round=q2 2026-07-20T08:00:00.000Z']);
    });

    it('keeps the reason given for closing and reopening in the history, lists it, and refuses an unknown key or a personnummer in words', async () => {
      f = await makeFixture();
      f.now.value = new Date('2026-07-20T08:00:00Z');
      await createRound('q2');
      const post = (action: string, body: unknown) => f.req(`/v1/workspaces/${WS}/rounds/q2/${action}`, f.tokens.coordinator, json(body));
      const unknown = await post('close', { reson: 'Styrgruppen 18/7' });
      expect(unknown.status).toBe(400);
      expect((await errorOf(unknown)).message).toMatch(/reson/);
      const identity = await post('close', { reason: 'Se 19850101-1236' });
      expect(identity.status).toBe(422);
      expect((await errorOf(identity)).code).toBe('personnummer');
      const closed = await post('close', { reason: '  Styrgruppen beslutade 18/7.\nSiffrorna är slutliga.  ' });
      expect(closed.status).toBe(200);
      const reason = 'Styrgruppen beslutade 18/7.\nSiffrorna är slutliga.';
      expect(((await closed.json()) as { closure: { reason: string; history: unknown[] } }).closure).toMatchObject({ reason, history: [{ action: 'close', reason }] });
      const list = (await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer)).json()) as { closed: unknown[] };
      expect(list.closed).toEqual([{ round: 'q2', by: 'coord', at: '2026-07-20T08:00:00.000Z', reason }]);
      const completeness = (await (await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness`, f.tokens.viewer)).json()) as { closed: unknown };
      expect(completeness.closed).toEqual({ by: 'coord', at: '2026-07-20T08:00:00.000Z', reason });
      const reopened = ((await (await post('reopen', { reason: 'Vårdcentral A rättar ett värde' })).json()) as { closure: { reason: string; history: { reason: string | null }[] } }).closure;
      expect(reopened.reason).toBe('Vårdcentral A rättar ett värde');
      expect(reopened.history.map((h) => h.reason)).toEqual([reason, 'Vårdcentral A rättar ett värde']);
      // The audit says that a reason was given; its words stay in the round's history.
      const lines = (await f.storage.listAudit(WS, 50)).filter((l) => l.action.startsWith('round-close') || l.action === 'round-reopen-closed');
      expect(lines.map((l) => l.detail).sort()).toEqual(['round=q2 reason=given', 'round=q2 reason=given']);
    });

    it('refuses every unit move in a closed round in words, shows it closed in the list and in completeness, and takes moves again once reopened', async () => {
      f = await makeFixture();
      f.now.value = new Date('2026-07-20T08:00:00Z');
      await createRound('q2');
      expect((await act('q2', 'vc-b', 'submit', 'editorB')).status).toBe(200);
      const lateOpen = (await (await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness`, f.tokens.viewer)).json()) as { units: { unit: string; overdue: boolean }[] };
      expect(lateOpen.units.filter((u) => u.overdue).map((u) => u.unit)).toEqual(['vc-a']);
      expect((await closeAs('coordinator')).status).toBe(200);
      const refused = await act('q2', 'vc-a', 'submit', 'editor');
      expect(refused.status).toBe(409);
      const e = await errorOf(refused);
      expect(e.code).toBe('round-closed');
      expect((e.details as { message: { sv: string; en: string } }).message).toEqual({
        sv: 'Omgången Omgång q2 (2026 kv 2) är stängd, så det går inte att skicka in för Vårdcentral A. Den som leder uppföljningen (samordnare eller administratör) kan öppna omgången igen.',
        en: 'The round Omgång q2 (2026 Q2) is closed, so you cannot submit for Vårdcentral A. Whoever leads the follow-up (a coordinator or admin) can reopen the round.',
      });
      expect((await act('q2', 'vc-b', 'approve', 'coordinator')).status).toBe(409);
      const list = (await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer)).json()) as { closed: { round: string; by: string }[] };
      expect(list.closed).toMatchObject([{ round: 'q2', by: 'coord' }]);
      type Completeness = { closed: { by: string } | null; units: { unit: string; overdue: boolean }[]; totals: { overdue: number } };
      const completeness = (await (await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness`, f.tokens.viewer)).json()) as Completeness;
      expect(completeness.closed).toMatchObject({ by: 'coord' });
      // past the due date (2026-07-15), a closed round calls no unit late: nothing more can come in
      expect(completeness.units.filter((u) => u.overdue)).toEqual([]);
      expect(completeness.totals.overdue).toBe(0);
      expect((await closeAs('coordinator', 'reopen')).status).toBe(200);
      const reopened = (await (await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness`, f.tokens.viewer)).json()) as Completeness;
      expect(reopened.closed).toBeNull();
      expect(reopened.units.filter((u) => u.overdue).map((u) => u.unit)).toEqual(['vc-a']);
      expect((await act('q2', 'vc-a', 'submit', 'editor')).status).toBe(200);
      expect((await act('q2', 'vc-b', 'approve', 'coordinator')).status).toBe(200);
    });
  });
});
