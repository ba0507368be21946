import { describe, expect, it } from 'vitest';
import type { MemberRecord, Storage } from '../../../server/storage/storage.js';

const WS = 'hbi-stockholm';
const member = (id: string, name: string): MemberRecord => ({ workspace: WS, id, name, role: 'editor', units: [] });

/**
 * The order of a workspace's member list: by name in Swedish order, whatever the ids, in every
 * store (`byName`, `shared/normalize/name-order.ts`).
 */
export function memberOrderContract(get: () => Storage): void {
  describe('the member list', () => {
    it('lists members by name in Swedish order (å ä ö after z, numbers by value), not by id', async () => {
      const s = get();
      // Ids in the order a plain id sort would give (p01 < p10 < p11 …), names in another.
      const stored = [
        member('p01', 'Örjan Berg'),
        member('p02', 'Person 11'),
        member('p03', 'Åsa Lind'),
        member('p04', 'Person 2'),
        member('p05', 'Ärla Ek'),
        member('p06', 'Zara Holm'),
        member('p07', 'anna Ström'),
        member('p08', 'Bo Nilsson'),
        member('p09', 'Person 1'),
        member('p00', 'Zara Holm'),
      ];
      for (const m of stored) await s.putMember(m);
      expect((await s.listMembers(WS)).map((m) => m.name)).toEqual([
        'anna Ström',
        'Bo Nilsson',
        'Person 1',
        'Person 2',
        'Person 11',
        'Zara Holm',
        'Zara Holm',
        'Åsa Lind',
        'Ärla Ek',
        'Örjan Berg',
      ]);
      // Two people of one name: by id, the same order in every store.
      expect((await s.listMembers(WS)).filter((m) => m.name === 'Zara Holm').map((m) => m.id)).toEqual(['p00', 'p06']);
    });
  });
}
