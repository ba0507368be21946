import { describe, expect, it } from 'vitest';
import { runCrashRounds } from './crash-rounds.js';

describe('sync under kill -9', () => {
  it('keeps every update any client received from the server, over 5 kill -9 rounds', async () => {
    const rounds = await runCrashRounds(5);
    expect(rounds).toHaveLength(5);
    // The test only means something if clients did see each other's rows before the kills.
    expect(rounds[rounds.length - 1]?.seen).toBeGreaterThan(50);
    expect(rounds.map((r) => r.missing)).toEqual([0, 0, 0, 0, 0]);
  }, 60_000);
});
