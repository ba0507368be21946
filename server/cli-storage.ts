/**
 * The store a `samplan` command works on, opened for the command and closed after it. The
 * backends (better-sqlite3, pg) are loaded here, when a command opens one, not when the CLI starts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './cli-args.js';
import type { ServerConfig } from './config.js';
import type { Storage } from './storage/storage.js';

/** How a command opens the store: `create` a missing SQLite file, or open it `readonly`. */
export interface StorageUse {
  create?: boolean;
  readonly?: boolean;
}

/**
 * Run `fn` on the configured store and close it; resolves with what `fn` resolves with. An SQLite
 * file that does not exist is refused with a sentence (a {@link CliError}: a mistyped --db, or a
 * command run in another folder than the server's `./data/samplan.db`) instead of being created
 * empty, which would list nothing and leave a stray database behind; `use.create` (workspace
 * create, the first step of a new deployment) creates it; `use.readonly` (report, export, backup:
 * commands that only read) opens an SQLite file read-only, leaving its folder as it was found
 * (`openStorage`).
 *
 * @example
 * await withStorage(config, async (storage) => (await storage.listWorkspaces()).length, { readonly: true });
 */
export async function withStorage<T>(config: ServerConfig, fn: (storage: Storage) => Promise<T>, use: StorageUse = {}): Promise<T> {
  if (!config.databaseUrl && config.db !== ':memory:' && !use.create && !existsSync(config.db)) {
    const file = resolve(config.db);
    throw new CliError({
      sv: `Det finns ingen Samplan-databas på ${file}. Ange serverns fil med --db eller SAMPLAN_DB (standardfilen, ./data/samplan.db, söks i mappen kommandot körs i), eller skapa en med samplan serve eller samplan workspace create.`,
      en: `There is no Samplan database at ${file}. Name the server's file with --db or SAMPLAN_DB (the default, ./data/samplan.db, is looked for in the folder the command runs in), or create one with samplan serve or samplan workspace create.`,
    });
  }
  const { openStorage } = await import('./storage/open-storage.js');
  const storage = await openStorage(config, undefined, { readonly: use.readonly === true });
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}
