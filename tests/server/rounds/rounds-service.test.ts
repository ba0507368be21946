import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { RoundsStore } from '../../../server/rounds/rounds-store.js';
import { RoundError, RoundsService } from '../../../server/rounds/rounds-service.js';
import type { RoundDef } from '../../../shared/rounds/model.js';

const WS = 'ws1';
const COORDINATOR = { workspace: WS, memberId: 'coord', role: 'coordinator' as const, units: [] };
const round = (over: Partial<RoundDef>): RoundDef => ({ id: 'r', title: 'R', period: '2026Q1', dueDate: '2026-04-20', indicators: [], activities: false, units: [], ...over });

describe('defining a round', () => {
  const now = new Date('2026-01-15T10:00:00Z');
  const storage = createMemoryStorage({ clock: () => now });
  const service = new RoundsService(new RoundsStore(storage), storage, () => now);
  beforeAll(async () => {
    await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: now.toISOString() });
  });
  afterAll(() => storage.close());

  it('refuses a round that asks for no indicator and no activities, in words, and stores nothing', async () => {
    const refused = await service.create(COORDINATOR, round({ id: 'tom' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RoundError);
    expect((refused as RoundError).status).toBe(400);
    expect((refused as RoundError).code).toBe('round-asks-nothing');
    expect((refused as RoundError).localized.sv).toMatch(/^Omgången frågar inte efter något/);
    expect((await service.store.state(WS)).rounds.has('tom')).toBe(false);
  });

  it.each([
    ['activities alone', { id: 'akt', activities: true }],
    ['one indicator', { id: 'ind', indicators: ['vc-halsosamtal'] }],
    ["one level's indicator", { id: 'niva', levels: [{ level: 1, indicators: ['vc-halsosamtal'] }] }],
  ])('takes a round that asks for %s', async (_, over) => {
    expect((await service.create(COORDINATOR, round(over))).id).toBe(over.id);
  });
});
