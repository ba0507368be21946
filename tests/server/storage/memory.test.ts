import { createMemoryStorage } from '../../../server/storage/memory.js';
import { writeDumpToSqlite } from '../../../server/storage/sqlite-dump.js';
import { runStorageContract } from './contract.js';

runStorageContract('memory', async (opts) => {
  const storage = createMemoryStorage({ ...opts, writeBackup: writeDumpToSqlite });
  return { storage, cleanup: () => storage.close() };
});
