/**
 * A rounds client for the pane's component tests whose requests go to the HTTP tests' fixture
 * app (`tests/server/http/support.ts`) instead of the network. Apart from `support.ts` so that
 * component tests without a server do not load the server's modules.
 */
import { afterEach } from 'vitest';
import { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';

/**
 * A `RoundsClient` of the fixture's workspace signed in with `token`, whose requests go to the
 * app of the fixture `fixture()` answers at request time, with their method and JSON body.
 */
export function roundsClientOver(fixture: () => Fixture, token: string): RoundsClient {
  return new RoundsClient('http://samplan.test', token, WS, async (input, init) => {
    const url = new URL(String(input));
    return fixture().req(url.pathname + url.search, token, { method: init?.method ?? 'GET', ...(init?.body ? { body: init.body as string, headers: { 'content-type': 'application/json' } } : {}) });
  });
}

/** Two clinics of the fixture's workspace, as the Follow-up view is given them. */
export const TWO_UNITS = [{ code: 'vc-a', name: 'Vårdcentral A' }, { code: 'vc-b', name: 'Vårdcentral B' }];

/** The text of `e` with its white space folded to single spaces and trimmed; '' for no element. */
export const folded = (e: Element | null | undefined): string => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * A fixture for each test of the file that calls this at its top: `start()` makes it, and after
 * each test the page's elements are removed and the fixture is closed. `fixture()` is the test's
 * fixture, for a client that asks it at request time.
 */
export function fixturePerTest(): { start: () => Promise<Fixture>; fixture: () => Fixture } {
  let f: Fixture | undefined;
  afterEach(async () => {
    document.body.replaceChildren();
    await f?.close();
    f = undefined;
  });
  return {
    start: async () => (f = await makeFixture()),
    fixture: () => {
      if (!f) throw new Error('no fixture yet: the test calls start() first');
      return f;
    },
  };
}
