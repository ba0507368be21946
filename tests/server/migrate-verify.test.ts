import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateHash } from '../../server/migrate-verify.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { Storage } from '../../server/storage/storage.js';
import { DamagedHistoryError } from '../../server/sync/stored-history.js';
import { planRow, putDoc, WS } from './http/support.js';
import { DAMAGED_UPDATE as DAMAGED } from '../support/damaged-update.js';

describe('stateHash (the state a migration compares)', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = createMemoryStorage();
    const at = '2026-01-15T10:00:00.000Z';
    await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: at });
    await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
    await putDoc(storage, 'plan-a', 'activity-plan', 'vc-a', [planRow('Promenadgrupp')], at);
    await putDoc(storage, 'plan-b', 'activity-plan', 'vc-a', [planRow('Promenadgrupp')], at);
    await storage.appendUpdates({ workspace: WS, doc: 'plan-b' }, [{ update: DAMAGED, memberId: null }]);
  });
  afterAll(() => storage.close());

  it('reads a sound document', async () => {
    expect(await stateHash(storage, { workspace: WS, doc: 'plan-a' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the document and the stored update that does not decode, not only what Yjs said', async () => {
    const thrown = await stateHash(storage, { workspace: WS, doc: 'plan-b' }).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(DamagedHistoryError);
    expect((thrown as DamagedHistoryError).place).toEqual({ kind: 'update', seq: 2 });
    expect((thrown as DamagedHistoryError).message).toMatch(/^The document ws1\/plan-b cannot be read: its stored history is damaged at update 2\./);
  });
});
