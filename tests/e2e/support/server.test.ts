/**
 * The end-to-end files' servers (`server.ts`): within a test run each starts on a copy of the demo
 * the run seeded once, so two servers answer the same demo tokens, yet each keeps its own
 * database: what a test writes on its server is not seen by another file's.
 */
import { describe, expect, it } from 'vitest';
import { memberToken, startServer } from './server.js';

const WS = 'hbi-stockholm';

describe('the servers of a run’s end-to-end files', { timeout: 120_000 }, () => {
  it('start on copies of one seeded demo: the same demo tokens, a database each', async () => {
    const one = await startServer();
    const two = await startServer().catch(async (err: unknown) => {
      await one.stop();
      throw err;
    });
    try {
      expect(two.tokens).toEqual(one.tokens);
      const read = (server: typeof one, token: string) => fetch(`${server.url}/v1/workspaces/${WS}`, { headers: { authorization: `Bearer ${token}` } });
      // A token made on the first server is stored in its database alone.
      const made = await memberToken(one, WS, 'chef', 'copy check');
      expect((await read(one, made)).status).toBe(200);
      expect((await read(two, made)).status).toBe(401);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});
