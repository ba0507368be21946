/**
 * A command stopped by PostgreSQL's `statement_timeout` (SQLSTATE 57014) is told as what it is: the
 * database server was reached and stopped the statement because it took too long (or was
 * cancelled), with what to look at if it happens again, not "the database server cannot be
 * reached". Nothing is stored, and the same command runs once the hold is gone.
 */
import { listenedClient } from '../support/listened-client.js';
import { describe, expect, it } from 'vitest';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cliEn } from './cli-capture.js';

/** `url` (as `createDb` gives it, with its `options`) whose every statement may run `ms` at most. */
function withStatementTimeout(url: string, ms: number): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options') ?? '';
  parsed.searchParams.set('options', `${options} -c statement_timeout=${ms}`.trim());
  return parsed.toString();
}

describe.skipIf(servicesMissing() !== null)('a PostgreSQL statement stopped by statement_timeout', () => {
  const server = usePostgres();

  it('member add held by a lock past the timeout: exit 1 with words of a statement that took too long, nothing stored', async () => {
    const url = await server.createDb('stmttimeout');
    expect((await cliEn(['workspace', 'create', '--id', 'hbi-x', '--name', 'Region X', '--database-url', url])).code).toBe(0);
    const holder = listenedClient({ connectionString: url });
    await holder.connect();
    const add = ['member', 'add', '--workspace', 'hbi-x', '--id', 'nina', '--name', 'Nina Ek', '--role', 'admin'];
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE members IN EXCLUSIVE MODE');
      const held = await cliEn([...add, '--database-url', withStatementTimeout(url, 300)]);
      expect(held.code).toBe(1);
      expect(held.err).toContain('the database server stopped the statement: it took too long or was cancelled');
      expect(held.err).toContain("statement_timeout may be too short");
      expect(held.err).not.toContain('cannot be reached');
      expect(held.err).toContain('The store said: PostgreSQL: canceling statement due to statement timeout');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const check = listenedClient({ connectionString: url });
    await check.connect();
    try {
      expect((await check.query("SELECT count(*)::int AS n FROM members WHERE id = 'nina'")).rows[0].n).toBe(0);
      expect((await check.query("SELECT count(*)::int AS n FROM audit WHERE detail LIKE '%nina%'")).rows[0].n).toBe(0);
    } finally {
      await check.end();
    }
    const again = await cliEn([...add, '--database-url', withStatementTimeout(url, 300)]);
    expect(again.code, again.err).toBe(0);
  }, 120_000);
});
