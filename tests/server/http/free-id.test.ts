/**
 * A document id Samplan makes (`<kind>-<unit>`, then `-2`, `-3` …) never holds a personnummer:
 * the number added can complete one from a unit code that holds none (`x-850101-12` and `-10`).
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { freeId } from '../../../server/http/documents.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';

describe('freeId', () => {
  it('passes over an id the personnummer guard flags', async () => {
    const storage = createMemoryStorage();
    const base = 'activity-plan-x-850101-12';
    const at = '2026-01-15T10:00:00.000Z';
    await storage.putWorkspace({ id: 'ws', name: 'W', createdAt: at });
    for (let n = 1; n <= 9; n++) {
      const doc = n === 1 ? base : `${base}-${n}`;
      await storage.putDocRecord({ workspace: 'ws', doc, kind: 'activity-plan', title: `Plan ${n}`, ownerUnit: 'x-850101-12', createdAt: at, updatedAt: at });
    }
    // The tenth would be …-850101-12-10: a personnummer with its serial in pairs.
    expect(findPersonnummer(`${base}-10`)).not.toBeNull();
    const id = await freeId(storage, 'ws', base);
    expect(id).toBe(`${base}-11`);
    expect(findPersonnummer(id)).toBeNull();
    await storage.close();
  });
});
