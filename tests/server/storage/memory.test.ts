import { createMemoryStorage } from '../../../server/storage/memory.js';
import { runStorageContract } from './contract.js';

runStorageContract('memory', async (opts) => {
  const storage = createMemoryStorage(opts);
  return { storage, cleanup: () => storage.close() };
});
