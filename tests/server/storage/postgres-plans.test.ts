/**
 * PostgreSQL's plans for the reads of one token or member row per open socket or request
 * (`getTokens`, `getMembers`, `listMemberTokens`, `getToken`): on tables of a county's size
 * (5,000 sign-in sessions and 2,500 members in each of two workspaces, analysed) each walks its
 * index (`tokens_pkey`, `members_pkey`, `tokens_by_member`), never the table, both as planned for
 * the values given and as the generic plan a pooled connection's prepared statement settles on
 * (`plan_cache_mode = force_generic_plan`). On a handful of rows PostgreSQL rightly scans the one
 * page instead; that is not asked here.
 */
import type pg from 'pg';
import { listenedClient } from '../../support/listened-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { PG_QUERIES as Q } from '../../../server/storage/postgres-queries.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

const missing = servicesMissing();
const SESSIONS = 5_000;
const MEMBERS = 2_500;

/** Each scan node of a plan (EXPLAIN's JSON): its type and index. */
interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const scans = (node: PlanNode): string[] => [...(/Scan/.test(node['Node Type']) ? [`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`] : []), ...(node.Plans ?? []).flatMap(scans)];

describe.skipIf(missing !== null)('PostgreSQL plans of the one-row rights reads', () => {
  const server = usePostgres();
  let c: pg.Client;

  beforeAll(async () => {
    const url = await server.createDb('plans');
    await (await openPostgresStorage(url)).close();
    c = listenedClient({ connectionString: url });
    await c.connect();
    await c.query(`INSERT INTO members (workspace, id, name, role, units)
      SELECT w, 'm' || i, 'Person ' || i, 'editor', '["vc-a"]' FROM generate_series(1, $1) i, unnest(ARRAY['ws-a', 'ws-b']) w`, [MEMBERS]);
    await c.query(`INSERT INTO tokens (id, hash, workspace, member_id, label, created_at, expires_at, revoked_at)
      SELECT w || '-s' || i, md5(w || i::text) || md5(i::text || w), w, 'm' || (i % $2 + 1), 'session: dialog',
        to_char(timestamp '2026-12-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, NULL
      FROM generate_series(1, $1) i, unnest(ARRAY['ws-a', 'ws-b']) w`, [SESSIONS, MEMBERS]);
    await c.query('ANALYZE tokens; ANALYZE members');
  }, 120_000);

  afterAll(async () => {
    await c?.end();
  });

  const reads: [string, string, unknown[], string][] = [
    ['getTokens', Q.getTokens, ['ws-a', ['ws-a-s1', 'ws-a-s2', 'ws-a-s4711']], 'Index Scan using tokens_pkey'],
    ['getMembers', Q.getMembers, ['ws-a', ['m1', 'm2', 'm3']], 'Index Scan using members_pkey'],
    ['listMemberTokens', Q.listMemberTokens, ['ws-a', 'm7'], 'Index Scan using tokens_by_member'],
    ['getToken', Q.getToken, ['ws-a-s5', 'ws-a'], 'Index Scan using tokens_pkey'],
  ];

  it.each(reads)('%s walks its index, planned for its values and generic', async (name, sql, params, scan) => {
    const custom = await c.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    expect(scans(custom.rows[0]['QUERY PLAN'][0].Plan)).toEqual([scan]);
    await c.query('SET plan_cache_mode = force_generic_plan');
    try {
      await c.query(`PREPARE plan_${name} AS ${sql}`);
      const literal = (p: unknown): string => (Array.isArray(p) ? `ARRAY[${p.map(literal).join(', ')}]` : `'${String(p)}'`);
      const generic = await c.query(`EXPLAIN (FORMAT JSON) EXECUTE plan_${name}(${params.map(literal).join(', ')})`);
      expect(scans(generic.rows[0]['QUERY PLAN'][0].Plan)).toEqual([scan]);
    } finally {
      await c.query(`DEALLOCATE ALL; RESET plan_cache_mode`);
    }
  });
});
