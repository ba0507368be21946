import { createMemoryStorage } from '../../../server/storage/memory.js';
import { runStorageContract } from './contract.js';

runStorageContract('memory', async () => {
  const storage = createMemoryStorage();
  return { storage, cleanup: () => storage.close() };
});
