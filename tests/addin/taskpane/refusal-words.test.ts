/**
 * One mapping from the server's refusals to the pane's sentence (`refusal-words.ts`): the identity
 * sentence for an identity number only, the server's words for every other reason it gave, and a
 * sentence naming the code (never "something went wrong on the server") for a request refused
 * without words. Create, rename, copy and the Members view all read it.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../addin/taskpane/api-client.js';
import { MembersClient, refusalText } from '../../../addin/taskpane/members-client.js';
import { failureWords } from '../../../addin/taskpane/notice.js';
import { refusalWords } from '../../../addin/taskpane/refusal-words.js';
import { errorText } from '../../../addin/taskpane/strings.js';
import { fakeFetch } from './support.js';

const identity = {
  number: { sv: 'Namnet godtogs inte: det liknar ett personnummer.', en: 'The name was not accepted: it looks like a personal identity number.' },
  reserve: { sv: 'Namnet godtogs inte: det innehåller ett reservnummer.', en: 'The name was not accepted: it contains a reservnummer.' },
};
const words = (sv: string, en: string) => ({ message: { sv, en } });

describe('refusalWords', () => {
  it('says the identity sentence for the personnummer codes only', () => {
    const pnr = new ApiError('server', 'x', 422, 'personnummer', words('Dokumentets titel innehåller ett personnummer.', 'The title contains one.'));
    expect(refusalWords(pnr, 'sv', identity)).toBe(identity.number.sv);
    // Without the caller's sentence: the server's, which names the field.
    expect(refusalWords(pnr, 'sv')).toBe('Dokumentets titel innehåller ett personnummer.');
    const synced = new ApiError('server', 'x', 422, 'update-refused-personnummer', null);
    expect(refusalWords(synced, 'en')).toBe('The text was not accepted: it looks like a personal identity number. Samplan stores none.');
  });

  it("says the caller's words for a reservnummer when the server names the kind, for a personnummer otherwise", () => {
    const reserve = new ApiError('server', 'x', 422, 'personnummer', { field: 'title', kind: 'reservnummer', ...words('Dokumentets titel innehåller ett reservnummer.', 'The title contains one.') });
    expect(refusalWords(reserve, 'sv', identity)).toBe(identity.reserve.sv);
    expect(refusalWords(reserve, 'en', identity)).toBe(identity.reserve.en);
    const coordination = new ApiError('server', 'x', 422, 'personnummer', { field: 'title', kind: 'samordningsnummer' });
    expect(refusalWords(coordination, 'sv', identity)).toBe(identity.number.sv);
  });

  it("says the server's words for any other 422 or 400, in the reader's language", () => {
    const long = new ApiError('server', 'x', 422, 'update-refused-doc-too-large', words('Dokumentet skulle bli större än 8 MiB.', 'The document would grow beyond 8 MiB.'));
    expect(refusalWords(long, 'sv', identity)).toBe('Dokumentet skulle bli större än 8 MiB.');
    expect(refusalWords(long, 'en', identity)).toBe('The document would grow beyond 8 MiB.');
    const invalid = new ApiError('server', 'x', 400, 'invalid-request', words('titel får vara högst 200 tecken.', 'title must be at most 200 characters.'));
    expect(refusalWords(invalid, 'sv', identity)).toBe('titel får vara högst 200 tecken.');
  });

  it('names the code of a request refused without words, and keeps the kinds of sign-in, right and gone', () => {
    expect(refusalWords(new ApiError('server', 'x', 422, 'schema-refused', null), 'sv', identity)).toBe(
      'Servern tog inte emot det (schema-refused); inget ändrades. Ändra och försök igen, eller fråga din administratör vad koden betyder.',
    );
    expect(refusalWords(new ApiError('server', 'x', 413, 'http-413', null), 'en')).toBe('The server did not accept it; nothing was changed. Change it and try again, or ask your administrator.');
    expect(refusalWords(new ApiError('expired', 'x', 401, 'unauthorized', null), 'sv')).toBe(errorText('expired', 'sv'));
    expect(refusalWords(new ApiError('forbidden', 'x', 403, 'forbidden', null), 'sv')).toBe(errorText('forbidden', 'sv'));
    expect(refusalWords(new ApiError('unreachable', 'Failed to fetch'), 'sv')).toBe(errorText('unreachable', 'sv'));
    expect(refusalWords(new ApiError('server', 'x', 500, 'internal', null), 'sv')).toBe(errorText('server', 'sv'));
    expect(refusalWords(new TypeError('x'), 'sv')).toBeNull();
  });

  it('is what a failure notice (create, export …) says of a refusal', () => {
    expect(failureWords(new ApiError('server', 'x', 422, 'schema-refused', null), 'sv')).toContain('(schema-refused)');
  });
});

describe("the Members view's refusals", () => {
  const refused = async (status: number, body: unknown): Promise<unknown> => {
    const s = fakeFetch({ 'POST /v1/workspaces/ws/members': { status, body } });
    return new MembersClient('http://x', 'spl_t', 'ws', s.fetch).putMember({ id: 'a@b.se', name: 'A', role: 'editor', units: [] }).then(() => null, (e: unknown) => e);
  };

  it('says the identity sentence for a personnummer, and the reason for any other 422', async () => {
    expect(refusalText(await refused(422, { error: { code: 'personnummer', message: 'x', details: null } }), 'sv')).toBe('Ett namn eller id liknar ett personnummer och sparades inte.');
    const other = await refused(422, { error: { code: 'unit-unknown', message: 'x', details: null } });
    expect(refusalText(other, 'sv')).toContain('(unit-unknown)');
    expect(refusalText(other, 'sv')).not.toContain('personnummer');
  });

  it('names a reservnummer the server refused as one, in both languages', async () => {
    const refusal = await refused(422, { error: { code: 'personnummer', message: 'x', details: { field: 'name', kind: 'reservnummer' } } });
    expect(refusalText(refusal, 'sv')).toBe('Ett namn eller id innehåller ett reservnummer och sparades inte. Personnummer och reservnummer sparas inte i Samplan.');
    expect(refusalText(refusal, 'en')).toBe('A name or id contains a reserve identity number (reservnummer); it was not saved. Samplan stores no identity numbers.');
  });
});
