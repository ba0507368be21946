/**
 * What `samplan token revoke` and `samplan member add|remove` say of servers not yet told
 * (`server/cli-rights.ts`). Without `--redis-url` on PostgreSQL no server confirms the change and
 * one may take edits on the old right until PostgreSQL's notice reaches it: the command says so
 * (before, it said nothing, though its comment said it did). On SQLite it says nothing: the
 * file's one server reads the change as it is committed.
 */
import { describe, expect, it } from 'vitest';
import { announceRightsChange } from '../../server/cli-rights.js';

const change = { hook: 'tokenRevoked', tokenId: 't-1' } as const;

describe('a rights change the command line made without Redis', () => {
  it('says on PostgreSQL that no server confirmed it, and how soon the server applies it', async () => {
    const said = await announceRightsChange({ redisUrl: null, postgres: true }, change);
    expect(said?.en).toMatch(/^The change is saved\. Without --redis-url \(SAMPLAN_REDIS_URL\) no server confirms it: the server applies it on PostgreSQL's notice, as a rule at once, else when it reads rights from the database, within \d+ s; until then an open connection may still use the old right\.$/);
  });

  it('says nothing on SQLite', async () => {
    expect(await announceRightsChange({ redisUrl: null, postgres: false }, change)).toBeNull();
  });
});
