/**
 * A change of a member (role, units, name) racing the member's removal: the change read the member
 * before the removal and writes after it. The removal must stay: the member is not brought back,
 * its removal record is kept (sign-in by group rules keeps refusing it), and the change is refused
 * with a sentence.
 */
import { describe, expect, it } from 'vitest';
import { putMember, removeMember } from '../../../server/http/put-member.js';
import { AppError } from '../../../server/http/errors.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';

const WS = 'hbi-test';
const at = '2026-12-01T09:00:00.000Z';

async function seeded(): Promise<Storage> {
  const storage = createMemoryStorage();
  await storage.putWorkspace({ id: WS, name: 'Test', createdAt: at });
  await storage.putUnit({ workspace: WS, code: 'husby', name: 'Husby', parent: null });
  await storage.putMember({ workspace: WS, id: 'nina', name: 'Nina Ek', role: 'editor', units: ['husby'] });
  return storage;
}

describe('a member change racing the member’s removal', () => {
  it('keeps the removal: the member stays removed and the change answers 409 member-removed', async () => {
    const storage = await seeded();
    const getMember = storage.getMember.bind(storage);
    let removeOnce = true;
    // The removal lands right after the change read the member (another admin, another process).
    storage.getMember = async (workspace, id) => {
      const found = await getMember(workspace, id);
      if (removeOnce && id === 'nina') {
        removeOnce = false;
        expect(await removeMember(createMemoryStorageView(storage, getMember), WS, 'nina', { at, by: 'anna' })).toEqual({ tokensRevoked: 0 });
      }
      return found;
    };
    const change = putMember(storage, WS, { id: 'nina', name: 'Nina Ek', role: 'coordinator', units: [] }, { at, by: 'bo' });
    const err = await change.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(409);
    expect((err as AppError).code).toBe('member-removed');
    expect(await getMember(WS, 'nina')).toBeNull();
    expect((await storage.getRemoval(WS, 'nina'))?.removedBy).toBe('anna');
  });

  it('still changes a member nobody removed', async () => {
    const storage = await seeded();
    const { created } = await putMember(storage, WS, { id: 'nina', name: 'Nina Ek', role: 'viewer', units: [] }, { at, by: 'bo' });
    expect(created).toBe(false);
    expect((await storage.getMember(WS, 'nina'))?.role).toBe('viewer');
  });
});

/** `storage` with its own `getMember` (so the removal inside the hook does not trigger it again). */
function createMemoryStorageView(storage: Storage, getMember: Storage['getMember']): Storage {
  return new Proxy(storage, { get: (target, name) => (name === 'getMember' ? getMember : Reflect.get(target, name)) });
}
