import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPLIT_FLAGGED } from '../../support/personnummer-spellings-more.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** One identity number in the spellings people (and attackers) use. */
/** A lone UTF-16 surrogate (a `\ud800` escape in JSON) is stored as U+FFFD, which the guard reads as a dash. */
const LONE_SURROGATES = ['850101\uD8001236', '8501\uDC0001-1236', '850101-12\uD80036'];
const SPELLINGS = [...LONE_SURROGATES, 'Eva Ek 850101-1236', '850101\u20131236', '850101\u00A01236', '８５０１０１－１２３６', '1985-01-01-1236', '850101\u200B1236', '٨٥٠١٠١-١٢٣٦', 'B50101-1236', '850101O1236', '850101 personnummer 1236', '850101 \u2013 nr \u2013 1236', ...SPLIT_FLAGGED.map(([text]) => text)];
/** Spellings that fit the id patterns (lower-case letters, digits, `-`, `.`). */
const ID_SPELLINGS = ['850101-1236', '8501011236', '198501011236', 'eva-850101-1236', '85010l-l236', 'eva-850101o1236'];

describe('stored texts over REST', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  /** The Swedish words each refused field is named by (the record is implied by the door). */
  const SV_FIELDS: Record<string, string> = {
    title: 'Dokumentets namn',
    id: '(Dokumentets|Medlemmens) id',
    name: 'Medlemmens namn',
    units: 'Medlemmens enheter',
    label: 'Åtkomsttokenets etikett',
    memberId: 'Åtkomsttokenets medlems-id',
  };

  async function expectRefused(res: Response, field: string): Promise<void> {
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('personnummer');
    // Named as the update refusal names it: a personnummer or, for a day + 60, a samordningsnummer.
    expect(englishOf(error)).toMatch(new RegExp(`'s ${field} contains a (personal identity|coordination) number`));
    // The Swedish names the record and the field in Swedish, the API key in brackets: 'Dokumentets namn (title) innehåller …'.
    // `kind` names which number it was (never its digits), so that the pane words it.
    expect(error.details).toEqual({ field, kind: expect.stringMatching(/^(personnummer|samordningsnummer)$/) as unknown, message: { sv: expect.stringMatching(new RegExp(`^${SV_FIELDS[field]} \\(${field}\\) innehåller ett (personnummer|samordningsnummer)`)) as unknown, en: expect.any(String) as unknown } });
    // Asked for no language, `message` says it in Swedish.
    expect(error.message).toBe((error.details as { message: { sv: string } }).message.sv);
  }

  describe('document create', () => {
    const cases: Array<[field: string, values: string[], body: (v: string) => Record<string, unknown>]> = [
      ['title', SPELLINGS, (v) => ({ kind: 'activity-plan', title: v, ownerUnit: 'vc-a' })],
      ['id', ID_SPELLINGS, (v) => ({ kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-a', id: v })],
    ];
    it.each(cases)('refuses a personnummer in the %s with 422, and stores neither record nor content', async (field, values, body) => {
      const before = await f.storage.listDocs(WS);
      for (const v of values) {
        await expectRefused(await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, post(body(v))), field);
      }
      expect(await f.storage.listDocs(WS)).toEqual(before);
      for (const doc of ['activity-plan-vc-a', ...ID_SPELLINGS]) {
        expect((await f.storage.loadDoc({ workspace: WS, doc })).lastSeq).toBe(0);
      }
    });
  });

  describe('members', () => {
    const cases: Array<[field: string, values: string[], body: (v: string) => Record<string, unknown>]> = [
      ['name', SPELLINGS, (v) => ({ id: 'nina', name: v, role: 'viewer' })],
      ['id', ID_SPELLINGS, (v) => ({ id: v, name: 'Nina', role: 'viewer' })],
    ];
    it.each(cases)("refuses a personnummer in a member's %s with 422 and stores nothing", async (field, values, body) => {
      const before = await f.storage.listMembers(WS);
      for (const v of values) {
        await expectRefused(await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, post(body(v))), field);
      }
      expect(await f.storage.listMembers(WS)).toEqual(before);
      expect((await f.storage.listAudit(WS, 100)).filter((a) => a.action === 'member')).toEqual([]);
    });

    it('refuses a personnummer among the units before looking them up', async () => {
      await expectRefused(await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, post({ id: 'nina', name: 'Nina', role: 'editor', units: ['vc-a', '850101-1236'] })), 'units');
    });
  });

  describe('tokens', () => {
    it('refuses a personnummer in the label with 422 and stores no token', async () => {
      const before = await f.storage.listTokens(WS);
      for (const label of SPELLINGS) {
        await expectRefused(await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, post({ memberId: 'eda', label })), 'label');
      }
      expect(await f.storage.listTokens(WS)).toEqual(before);
    });

    it('refuses a personnummer as the member id without echoing it', async () => {
      const res = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, post({ memberId: '850101-1236', label: 'x' }));
      await expectRefused(res.clone(), 'memberId');
      expect(await res.text()).not.toContain('850101');
    });
  });

  it('still accepts look-alikes: phone numbers, organisationsnummer and dates', async () => {
    const doc = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, post({ kind: 'activity-plan', title: 'Plan 2026-05-01–2026-12-31, 556036-0793', ownerUnit: 'vc-a' }));
    expect(doc.status).toBe(201);
    const member = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, post({ id: 'nina', name: 'Nina, 070-123 12 35', role: 'viewer' }));
    expect(member.status).toBe(201);
    const token = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, post({ memberId: 'nina', label: 'Bärbar dator, rum 08-123 456 78' }));
    expect(token.status).toBe(201);
  });
});
