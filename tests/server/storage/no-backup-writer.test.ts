import { describe, expect, it } from 'vitest';
import { failureLine } from '../../../server/cli-failure.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { NoBackupWriterError } from '../../../server/storage/no-backup-writer.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

const missing = servicesMissing();

describe('a store without a backup writer', () => {
  it('refuses an in-memory backup in Swedish on a Swedish command line, and in English on an English one', async () => {
    const s = createMemoryStorage();
    const err = await s.backup('/tmp/never-written.sqlite').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(NoBackupWriterError);
    expect(failureLine(err, 'sv')).toBe('samplan: Den här lagringen i minnet kan inte säkerhetskopieras: den har ingen skrivare för säkerhetskopior och sparar inga filer.');
    expect(failureLine(err, 'en')).toBe('samplan: This in-memory store has no backup writer; it keeps no files.');
    await s.close();
  });

  describe.skipIf(missing !== null)('postgres', () => {
    const server = usePostgres();
    it('refuses a PostgreSQL backup in Swedish too, naming pg_dump', async () => {
      const s = await openPostgresStorage(await server.createDb('no_backup_writer'));
      try {
        const err = await s.backup('/tmp/never-written.sqlite').then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(NoBackupWriterError);
        expect(failureLine(err, 'sv')).toBe('samplan: Den här PostgreSQL-lagringen har ingen skrivare för säkerhetskopior; använd pg_dump, eller ange en skrivare.');
      } finally {
        await s.close();
      }
    });
  });
});
