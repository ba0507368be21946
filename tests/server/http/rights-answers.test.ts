/**
 * The answers of the routes that change a right follow the shared schemas the pane reads
 * (`shared/protocol/rights-answers.ts`): with `unconfirmed` words when the fan-out could not
 * confirm the change on every server process, without them when it could.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Fanout } from '../../../server/sync/fanout.js';
import {
  documentLifeAnswerSchema,
  memberRemovedAnswerSchema,
  memberSavedAnswerSchema,
  tokenRevokedAnswerSchema,
  type RightsUnconfirmed,
} from '../../../shared/protocol/rights-answers.js';
import { makeFixture, WS, type Fixture } from './support.js';

const WORDS: RightsUnconfirmed = {
  sv: 'Ändringen är sparad, men 1 av 2 andra serverprocesser bekräftade den inte inom 3 sekunder.',
  en: 'The change is saved, but 1 of 2 other server processes did not confirm it within 3 s.',
};

/** A fan-out of one other process that answers every rights change with `words`. */
function fanoutAnswering(words: RightsUnconfirmed | null): Fanout {
  return {
    publishUpdates: () => undefined,
    publishAwareness: () => undefined,
    askPresence: () => undefined,
    publishRights: () => Promise.resolve(words),
    connected: () => true,
    listen: () => undefined,
    close: async () => undefined,
  };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('answers of rights changes', () => {
  let f: Fixture;
  afterEach(() => f.close());

  for (const words of [WORDS, null]) {
    const said = words ? 'with the words' : 'without words';
    it(`answers a member saved, a token revoked, a member removed and an archive ${said} of the fan-out`, async () => {
      f = await makeFixture({ fanout: fanoutAnswering(words) });
      const admin = f.tokens.admin;
      const saved = await f.req(`/v1/workspaces/${WS}/members`, admin, json({ id: 'olle@region.se', name: 'Olle Berg', role: 'editor', units: ['vc-a'] }));
      expect(saved.status).toBe(201);
      const tokenId = (await f.storage.listTokens(WS)).find((t) => t.memberId === 'chef')!.id;
      const revoked = await f.req(`/v1/workspaces/${WS}/tokens`, admin, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: tokenId }) });
      const removed = await f.req(`/v1/workspaces/${WS}/members/olle@region.se`, admin, { method: 'DELETE' });
      const archived = await f.req(`/v1/workspaces/${WS}/documents/plan-a/archive`, admin, { method: 'POST' });
      const answers = [
        memberSavedAnswerSchema.parse(await saved.json()),
        tokenRevokedAnswerSchema.parse(await revoked.json()),
        memberRemovedAnswerSchema.parse(await removed.json()),
        documentLifeAnswerSchema.parse(await archived.json()),
      ];
      for (const answer of answers) expect(answer.unconfirmed).toEqual(words ?? undefined);
    });
  }
});
