/**
 * A rounds client for the pane's component tests whose requests go to the HTTP tests' fixture
 * app (`tests/server/http/support.ts`) instead of the network. Apart from `support.ts` so that
 * component tests without a server do not load the server's modules.
 */
import { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import { WS, type Fixture } from '../../server/http/support.js';

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
