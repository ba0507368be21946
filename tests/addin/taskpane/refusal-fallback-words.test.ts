// @vitest-environment happy-dom
/**
 * A refusal the Members view or the rounds views show without the server's own words (the server
 * not reached, a proxy's HTML error page, a body that is not JSON) is the pane's sentence in the
 * pane's language: never the browser's English (`Failed to fetch`), a proxy's status text
 * (`Bad Gateway`) nor a raw code. Fails on the old clients, which showed those as they came.
 */
import { describe, expect, it } from 'vitest';
import { MembersClient, refusalText } from '../../../addin/taskpane/members-client.js';
import { RoundsClient, RoundsError } from '../../../addin/taskpane/rounds-client.js';
import { errorText } from '../../../addin/taskpane/strings.js';
import '../../../addin/taskpane/samplan-rounds.js';
import '../../../addin/taskpane/samplan-rollup.js';
import { mount, until } from './support.js';

const unreachable: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
const proxyPage = (status: number, statusText: string): typeof fetch => () =>
  Promise.resolve(new Response('<html><body><h1>' + statusText + '</h1></body></html>', { status, statusText, headers: { 'content-type': 'text/html' } }));

/** English a Swedish sentence must not carry here: what the browser and a proxy say. */
const FOREIGN = /Failed to fetch|Bad Gateway|Gateway Timeout|Not Found|Unauthorized|http-\d+|unreachable/;

async function membersRefusal(fetchImpl: typeof fetch): Promise<unknown> {
  return new MembersClient('http://x', 'spl_t', 'ws', fetchImpl).members().then(() => null, (e: unknown) => e);
}

async function roundsRefusal(fetchImpl: typeof fetch): Promise<RoundsError> {
  return new RoundsClient('http://x', 'spl_t', 'ws', fetchImpl).rounds().then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as RoundsError,
  );
}

describe('a refusal without the server’s words', () => {
  it('in the Members view is the pane’s sentence for what happened', async () => {
    const cases: Array<[typeof fetch, string]> = [
      [unreachable, 'unreachable'],
      [proxyPage(502, 'Bad Gateway'), 'server'],
      [proxyPage(504, 'Gateway Timeout'), 'server'],
      [proxyPage(404, 'Not Found'), 'notFound'],
      [proxyPage(401, 'Unauthorized'), 'unauthorized'],
    ];
    for (const [fetchImpl, kind] of cases) {
      const err = await membersRefusal(fetchImpl);
      for (const lang of ['sv', 'en'] as const) {
        const text = refusalText(err, lang);
        expect(text).toBe(errorText(kind, lang));
        expect(text).not.toMatch(FOREIGN);
      }
    }
    // An error that is not a refusal (an answer of the wrong shape) is no raw zod text either.
    expect(refusalText(new Error('[{"code":"invalid_type","path":["members"]}]'), 'sv')).toBe(errorText('server', 'sv'));
  });

  it('in the rounds views is the pane’s sentence in each language', async () => {
    const cases: Array<[typeof fetch, string]> = [
      [unreachable, 'unreachable'],
      [proxyPage(502, 'Bad Gateway'), 'server'],
      [proxyPage(404, 'Not Found'), 'notFound'],
    ];
    for (const [fetchImpl, kind] of cases) {
      const err = await roundsRefusal(fetchImpl);
      expect(err).toBeInstanceOf(RoundsError);
      expect(err.text('sv')).toBe(errorText(kind, 'sv'));
      expect(err.text('en')).toBe(errorText(kind, 'en'));
      expect(err.text('sv')).not.toMatch(FOREIGN);
    }
  });

  it('keeps the server’s words where it gave them', async () => {
    const body = { error: { code: 'forbidden', message: 'Only admins.', details: { message: { sv: 'Bara administratörer.', en: 'Only admins.' } } } };
    const refused: typeof fetch = () => Promise.resolve(new Response(JSON.stringify(body), { status: 403, headers: { 'content-type': 'application/json' } }));
    expect(refusalText(await membersRefusal(refused), 'sv')).toBe('Bara administratörer.');
    const rounds = await roundsRefusal(refused);
    expect(rounds.text('sv')).toBe('Bara administratörer.');
    expect(rounds.text('en')).toBe('Only admins.');
  });
});

describe('a rounds view whose server answers in the wrong shape', () => {
  it('says so in the pane’s words, not zod’s English issue list', async () => {
    // `rounds` as a string: the client's zod check refuses it with its English issue list.
    const malformed: typeof fetch = () => Promise.resolve(new Response(JSON.stringify({ rounds: 'x' }), { status: 200, headers: { 'content-type': 'application/json' } }));
    const client = new RoundsClient('http://x', 'spl_t', 'ws', malformed);
    for (const tag of ['samplan-rounds', 'samplan-rollup'] as const) {
      const el = await mount(tag, { client, lang: 'sv' } as never);
      const shown = (): string => el.shadowRoot?.querySelector('[role="alert"], .error')?.textContent?.trim() ?? '';
      await until(() => shown() !== '');
      expect(shown(), tag).toBe(errorText('server', 'sv'));
      el.remove();
    }
  });
});
