/**
 * A refused request body or query (400 `invalid-request`) says why in Swedish with no English
 * inside and in English with no Swedish inside, for every zod issue code the shared schemas can
 * make: through the routes where a body makes it, through `validationHook` directly for the codes
 * no route's schema makes today (zod's date, UUID and e-mail formats, `not_multiple_of`, keys and
 * elements of records and sets). The field's path stays machine-readable in `details.issues`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, validationHook } from '../../../server/http/errors.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';
import { ENGLISH_WORDS, SWEDISH_WORDS, withoutKeys } from '../../support/language-words.js';

interface Issue {
  path: string;
  code: string;
  message: string;
  sv: string;
}
interface Details {
  issues: Issue[];
  message: { sv: string; en: string };
}

const ws = `/v1/workspaces/${WS}`;
const round = { id: 'q2', title: 'Q2', period: '2026Q2', dueDate: '2026-07-15' };

type Who = 'admin' | 'coordinator';
interface RouteCase {
  code: string;
  what: string;
  who: Who;
  method: string;
  path: string;
  body?: unknown;
  /** The issue's path in `details.issues[0]`. */
  at: string;
  /** Words the Swedish sentence holds. */
  sv: string;
}

const ROUTE_CASES: RouteCase[] = [
  { code: 'invalid_type', what: 'a missing name', who: 'admin', method: 'POST', path: `${ws}/members`, body: { id: 'nina', role: 'viewer' }, at: 'name', sv: 'namnet (name) saknas' },
  { code: 'invalid_type', what: 'years as a word', who: 'coordinator', method: 'POST', path: `${ws}/documents/plan-a/copy`, body: { title: 'Plan', years: 'två' }, at: 'years', sv: 'antalet år (years) ska vara ett tal' },
  { code: 'invalid_type', what: 'years not whole', who: 'coordinator', method: 'POST', path: `${ws}/documents/plan-a/copy`, body: { title: 'Plan', years: 1.5 }, at: 'years', sv: 'ska vara ett heltal' },
  { code: 'invalid_type', what: 'a body that is no object', who: 'coordinator', method: 'PATCH', path: `${ws}/documents/plan-a`, body: 5, at: '', sv: 'innehållet ska vara ett objekt' },
  { code: 'invalid_type', what: 'a limit that is no number', who: 'coordinator', method: 'GET', path: `${ws}/documents/plan-a/history?limit=alla`, at: 'limit', sv: 'antalet rader (limit) ska vara ett tal' },
  { code: 'too_small', what: 'an empty title', who: 'coordinator', method: 'PATCH', path: `${ws}/documents/plan-a`, body: { title: '' }, at: 'title', sv: 'namnet (title) ska ha minst 1 tecken' },
  { code: 'too_big', what: 'a long title', who: 'coordinator', method: 'PATCH', path: `${ws}/documents/plan-a`, body: { title: 'x'.repeat(201) }, at: 'title', sv: 'får ha högst 200 tecken' },
  { code: 'too_small', what: 'a token for no days', who: 'admin', method: 'POST', path: `${ws}/tokens`, body: { memberId: 'eda', expiresInDays: 0 }, at: 'expiresInDays', sv: 'giltighetstiden (expiresInDays) ska vara minst 1' },
  { code: 'too_big', what: 'a copy eleven years on', who: 'coordinator', method: 'POST', path: `${ws}/documents/plan-a/copy`, body: { title: 'Plan', years: 11 }, at: 'years', sv: 'får vara högst 10' },
  { code: 'too_big', what: 'a member in 101 units', who: 'admin', method: 'POST', path: `${ws}/members`, body: { id: 'nina', name: 'Nina', role: 'viewer', units: Array.from({ length: 101 }, (_, i) => `u${i}`) }, at: 'units', sv: 'enheterna (units) får ha högst 100 värden' },
  { code: 'too_small', what: 'an empty unit code in a list', who: 'admin', method: 'POST', path: `${ws}/members`, body: { id: 'nina', name: 'Nina', role: 'viewer', units: ['vc-a', ''] }, at: 'units.1', sv: 'värde nr 2 i enheterna (units.1) ska ha minst 1 tecken' },
  { code: 'invalid_format', what: 'a due date written the Swedish way', who: 'coordinator', method: 'POST', path: `${ws}/rounds`, body: { ...round, dueDate: '15/7/2026' }, at: 'dueDate', sv: 'sista dagen att rapportera (dueDate) ska vara ett datum ÅÅÅÅ-MM-DD' },
  { code: 'invalid_format', what: 'a workspace id with capitals', who: 'admin', method: 'POST', path: '/v1/workspaces', body: { id: 'Ny Yta', name: 'Ny' }, at: 'id', sv: 'ska ha 1–64 tecken a–z' },
  // Named, the character a member id may not hold (`shared/protocol/member-id.ts`); it listed the characters it may.
  { code: 'custom', what: 'a member id with a space', who: 'admin', method: 'POST', path: `${ws}/members`, body: { id: 'nina k', name: 'Nina', role: 'viewer' }, at: 'id', sv: 'innehåller ett mellanslag (U+0020), som ett id inte får innehålla' },
  { code: 'invalid_format', what: 'a document id with capitals', who: 'coordinator', method: 'POST', path: `${ws}/documents`, body: { kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-b', id: 'Plan B' }, at: 'id', sv: 'får bara ha små bokstäver' },
  // A day its month lacks: why and which days would do (they said only "a date that exists"), as `rounds define --due` says it.
  { code: 'custom', what: 'a day that does not exist', who: 'coordinator', method: 'POST', path: `${ws}/rounds`, body: { ...round, dueDate: '2026-02-30' }, at: 'dueDate', sv: 'sista dagen att rapportera (dueDate) är 2026-02-30, en dag som inte finns: februari 2026 har 28 dagar; skriv t.ex. 2026-02-28 eller 2026-03-01' },
  { code: 'custom', what: '29 February of a year that is no leap year', who: 'coordinator', method: 'POST', path: `${ws}/rounds`, body: { ...round, dueDate: '2026-02-29' }, at: 'dueDate', sv: 'är 2026-02-29, en dag som inte finns: 2026 är inget skottår, så februari 2026 har 28 dagar; skriv t.ex. 2026-02-28 eller 2026-03-01' },
  { code: 'custom', what: 'a month that does not exist', who: 'coordinator', method: 'POST', path: `${ws}/rounds`, body: { ...round, dueDate: '2026-13-01' }, at: 'dueDate', sv: 'som finns (månad 01–12' },
  { code: 'custom', what: 'a period that is none', who: 'coordinator', method: 'POST', path: `${ws}/rounds`, body: { ...round, period: '2026Q5' }, at: 'period', sv: 'perioden (period) ska vara en period' },
  { code: 'custom', what: 'a level named twice', who: 'coordinator', method: 'POST', path: `${ws}/rounds`, body: { ...round, levels: [{ level: 2, indicators: [] }, { level: 2, indicators: [] }] }, at: 'levels', sv: 'nivåerna (levels) får nämna varje nivå en gång' },
  { code: 'custom', what: 'a token label of a session', who: 'admin', method: 'POST', path: `${ws}/tokens`, body: { memberId: 'eda', label: 'session: x' }, at: 'label', sv: 'etiketten (label) får inte börja med' },
  { code: 'custom', what: 'a title with a right-to-left override', who: 'coordinator', method: 'PATCH', path: `${ws}/documents/plan-a`, body: { title: 'Plan\u202eA' }, at: 'title', sv: 'höger-till-vänster-åsidosättning' },
  { code: 'invalid_value', what: 'an unknown role', who: 'admin', method: 'POST', path: `${ws}/members`, body: { id: 'nina', name: 'Nina', role: 'boss' }, at: 'role', sv: 'rollen (role) ska vara "admin"' },
  { code: 'invalid_value', what: 'an unknown format', who: 'coordinator', method: 'GET', path: `${ws}/documents/plan-a/rows?format=pdf`, at: 'format', sv: 'formatet (format) ska vara' },
  { code: 'unrecognized_keys', what: 'a misspelt key', who: 'coordinator', method: 'PATCH', path: `${ws}/documents/plan-a`, body: { title: 'Plan', titel: 'Plan' }, at: '', sv: 'menade du "title"?' },
  { code: 'too_big', what: 'a Kolada period text too long to be one', who: 'coordinator', method: 'POST', path: `${ws}/indicators/kolada?doc=indikatorvarden`, body: { values: [{ kpi: 'N1', municipality: '0180', period: 'det tredje kvartalet av år 2024 i länet', values: [] }] }, at: 'values.0.period', sv: 'perioden (values.0.period) ska vara en period som text, t.ex. 2024Q3' },
  { code: 'invalid_union', what: 'a Kolada period that is neither number nor text', who: 'coordinator', method: 'POST', path: `${ws}/indicators/kolada?doc=indikatorvarden`, body: { values: [{ kpi: 'N1', municipality: '0180', period: true, values: [] }] }, at: 'values.0.period', sv: 'perioden (values.0.period) ska vara ett tal eller en text' },
];

/** The checks every pair of sentences passes: each language without the other's words. */
function expectOneLanguageEach(sv: string, en: string): void {
  const svPlain = withoutKeys(sv);
  expect(svPlain, `English inside the Swedish: ${sv}`).not.toMatch(ENGLISH_WORDS);
  expect(withoutKeys(en), `Swedish inside the English: ${en}`).not.toMatch(SWEDISH_WORDS);
  expect(sv).toMatch(/^Förfrågan är inte giltig: .+\.$|\?$/);
}

describe('a refused body in both languages, through the routes', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.close());

  it('says so in /openapi.json: the error body’s issues carry code and sv, the Swedish without English', async () => {
    const doc = (await (await f.req('/openapi.json')).json()) as {
      components: { responses: { Error: { content: { 'application/json': { schema: { properties: { error: { properties: { details: { properties: Record<string, { description: string; items?: { required?: string[] } }> } } } } } } } } } };
    };
    const details = doc.components.responses.Error.content['application/json'].schema.properties.error.properties.details.properties;
    expect(details.issues?.items?.required).toEqual(['path', 'code', 'message', 'sv']);
    expect(details.issues?.description).toContain('sv (Swedish, no English inside)');
    expect(details.message?.description).toContain('holds none of the validator’s English');
  });

  it.each(ROUTE_CASES)('$code: $what', async (c) => {
    const init: RequestInit = { method: c.method };
    if (c.body !== undefined) {
      init.body = JSON.stringify(c.body);
      init.headers = { 'content-type': 'application/json' };
    }
    const res = await f.req(c.path, f.tokens[c.who], init);
    const error = await errorOf(res);
    expect([res.status, error.code]).toEqual([400, 'invalid-request']);
    const details = error.details as Details;
    const first = details.issues[0]!;
    expect([first.code, first.path]).toEqual([c.code, c.at]);
    expect(details.message.sv).toContain(c.sv);
    expect(first.sv.length).toBeGreaterThan(3);
    expect(details.message.en).toContain(first.message);
    // No Accept-Language: the Swedish default (`API_DEFAULT_LANG`).
    expect(error.message).toBe(details.message.sv);
    expectOneLanguageEach(details.message.sv, details.message.en);
    for (const issue of details.issues) expect(withoutKeys(issue.sv), issue.sv).not.toMatch(ENGLISH_WORDS);
  });
});

/** The refusal `validationHook` makes of `schema` parsing `input`. */
function refusalOf(schema: z.ZodType, input: unknown): Details {
  try {
    validationHook(schema.safeParse(input));
  } catch (err) {
    if (err instanceof AppError) return err.details as Details;
    throw err;
  }
  throw new Error('no refusal');
}

const DIRECT_CASES: { code: string; what: string; schema: z.ZodType; input: unknown; sv: string }[] = [
  { code: 'invalid_format', what: 'a date', schema: z.object({ dueDate: z.iso.date() }), input: { dueDate: '2026-13-01' }, sv: 'sista dagen att rapportera (dueDate) ska vara ett datum ÅÅÅÅ-MM-DD som finns' },
  { code: 'invalid_format', what: 'a time', schema: z.object({ at: z.iso.datetime() }), input: { at: 'igår' }, sv: 'ska vara en tidpunkt enligt ISO 8601' },
  { code: 'invalid_format', what: 'a UUID', schema: z.object({ id: z.uuid() }), input: { id: 'abc' }, sv: 'id:t (id) ska vara ett UUID' },
  { code: 'invalid_format', what: 'an e-mail address', schema: z.object({ email: z.email() }), input: { email: 'nina@' }, sv: 'ska vara en e-postadress' },
  { code: 'invalid_format', what: 'a pattern of no words', schema: z.object({ code: z.string().regex(/^x$/) }), input: { code: 'y' }, sv: 'koden (code) har inte den form som krävs' },
  { code: 'too_small', what: 'an empty list', schema: z.object({ units: z.array(z.string()).min(1) }), input: { units: [] }, sv: 'enheterna (units) ska ha minst 1 värde' },
  { code: 'too_small', what: 'an exact length', schema: z.object({ code: z.string().length(4) }), input: { code: 'ab' }, sv: 'ska ha exakt 4 tecken' },
  { code: 'too_big', what: 'an exclusive bound', schema: z.object({ limit: z.number().lt(5) }), input: { limit: 5 }, sv: 'ska vara mindre än 5' },
  { code: 'not_multiple_of', what: 'a step', schema: z.object({ limit: z.number().multipleOf(5) }), input: { limit: 7 }, sv: 'ska vara en multipel av 5' },
  { code: 'invalid_key', what: 'a record key', schema: z.object({ values: z.record(z.string().min(2), z.number()) }), input: { values: { b: 1 } }, sv: 'värdena (values.b) har en nyckel' },
  { code: 'invalid_value', what: 'a literal', schema: z.object({ kind: z.literal('activity-plan') }), input: { kind: 'plan' }, sv: 'dokumenttypen (kind) ska vara "activity-plan"' },
  { code: 'invalid_union', what: 'a union of objects', schema: z.object({ value: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]) }), input: { value: {} }, sv: 'värdet (value)' },
  { code: 'unrecognized_keys', what: 'a plain strict object', schema: z.strictObject({ a: z.string() }), input: { a: 'x', b: 1 }, sv: 'har ett fält som förfrågan inte tar: "b"' },
  { code: 'custom', what: 'a refinement of no words', schema: z.object({ name: z.string().refine(() => false) }), input: { name: 'x' }, sv: 'namnet (name) har ett värde som inte går att använda' },
];

describe('a refused body in both languages, every issue code', () => {
  it.each(DIRECT_CASES)('$code: $what', ({ code, schema, input, sv }) => {
    const details = refusalOf(schema, input);
    expect(details.issues[0]?.code).toBe(code);
    expect(details.message.sv).toContain(sv);
    expectOneLanguageEach(details.message.sv, details.message.en);
  });

  it('covers every issue code zod 4 makes', () => {
    const codes = new Set([...ROUTE_CASES, ...DIRECT_CASES].map((c) => c.code));
    for (const code of ['invalid_type', 'too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_value', 'custom']) {
      expect(codes, code).toContain(code);
    }
  });
});
