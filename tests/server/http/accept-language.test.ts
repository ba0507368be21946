/**
 * An error body's `message` is said in the language the request asks for (`Accept-Language`, sv or
 * en), and names it in `Content-Language`. It was English whatever the request asked, a Swedish
 * client's too; then, for a request asking for neither (no header, another language, junk), still
 * English, where the pane, the command line and the sync server speak Swedish: now Swedish, the
 * default of `shared/i18n`, while `Accept-Language: en` gets English.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptedLang } from '../../../server/http/accept-language.js';
import { makeFixture, WS, type Fixture } from './support.js';

describe('acceptedLang', () => {
  it.each([
    ['sv', 'sv'],
    ['sv-SE', 'sv'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['en-US,en;q=0.9,sv;q=0.8', 'en'],
    ['sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7', 'sv'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.5, sv;q=0.6', 'sv'],
    ['en;q=0.5, *', 'sv'],
    ['en;q=0', null],
    ['en;q=0, sv;q=0.1', 'sv'],
    ['de, fr;q=0.9', null],
    ['', null],
    [undefined, null],
    ['!!, ;q=1, en;q=2, en;q=abc', null],
    ['💥, en', 'en'],
  ])('reads %j as %s', (header, lang) => {
    expect(acceptedLang(header)).toBe(lang);
  });

  it('reads no further than the first thousand characters', () => {
    expect(acceptedLang(`${'x'.repeat(995)}, en`)).toBe('en');
    expect(acceptedLang(`${'x'.repeat(2000)}, en`)).toBeNull();
  });
});

describe('an error body', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const missing = `/v1/workspaces/${WS}/documents/saknas`;
  const refused = async (headers: Record<string, string>) => {
    const res = await f.req(missing, f.tokens.viewer, { headers });
    const { error } = (await res.json()) as { error: { code: string; message: string; details: { message: { sv: string; en: string } } } };
    expect([res.status, error.code]).toEqual([404, 'doc-not-found']);
    return { error, language: res.headers.get('content-language'), vary: res.headers.get('vary') };
  };

  it('says its sentence in Swedish to a client asking for Swedish, both languages still in details.message', async () => {
    // The old code said it in English.
    for (const asked of ['sv-SE,sv;q=0.9,en;q=0.8', 'sv', 'en;q=0.5, sv;q=0.7']) {
      const { error, language, vary } = await refused({ 'accept-language': asked });
      expect(error.message, asked).toBe(error.details.message.sv);
      expect(error.message).toMatch(/^Det finns inget dokument/);
      expect(error.details.message.en).toMatch(/^There is no document/);
      expect([language, vary]).toEqual(['sv', 'Accept-Language']);
    }
  });

  it('says it in English to a client asking for English', async () => {
    for (const asked of ['en-GB,en;q=0.9', 'en', 'fr-FR, en;q=0.5']) {
      const { error, language } = await refused({ 'accept-language': asked });
      expect(error.message, asked).toBe('There is no document "saknas" in workspace "ws1".');
      expect(error.message).toBe(error.details.message.en);
      expect(language).toBe('en');
    }
  });

  it('says it in Swedish, the default, to a client that asks for neither language or sends no header or junk', async () => {
    // The old code said it in English to these.
    const asked: Record<string, string>[] = [{ 'accept-language': 'de-DE' }, {}, { 'accept-language': ';;q=x,%%,en;q=zz' }];
    for (const headers of asked) {
      const { error, language } = await refused(headers);
      expect(error.message, JSON.stringify(headers)).toBe(error.details.message.sv);
      expect(error.message).toMatch(/^Det finns inget dokument/);
      expect(language).toBe('sv');
    }
  });

  it("says Hono's own refusals and the unknown paths so too", async () => {
    const sv = await f.req('/v1/ingenting', f.tokens.viewer, { headers: { 'accept-language': 'sv' } });
    const en = await f.req('/v1/ingenting', f.tokens.viewer, { headers: { 'accept-language': 'en' } });
    const [svBody, enBody] = (await Promise.all([sv.json(), en.json()])) as { error: { message: string } }[];
    expect([svBody?.error.message, enBody?.error.message]).toEqual(['Det finns inget på GET /v1/ingenting.', 'There is nothing at GET /v1/ingenting.']);
  });
});
