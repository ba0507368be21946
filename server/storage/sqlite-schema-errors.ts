/** The refusals of opening an SQLite file of another schema version than this build's (`sqlite-schema.ts`). */

/**
 * A file whose schema version is not the one asked for: `found` (`PRAGMA user_version`) against
 * `supported` (this build's, `MIGRATIONS.length`). The message says which is newer.
 */
export class SchemaVersionError extends Error {
  readonly code = 'schema-version';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      found > supported
        ? `The SQLite file ${file} has schema version ${found}, newer than this Samplan's (${supported}): a newer Samplan wrote it. Upgrade Samplan; the file was not changed.`
        : `The SQLite file ${file} has schema version ${found}, older than this Samplan's (${supported}), and was opened read-only, so it was not upgraded.`,
    );
    this.sv =
      found > supported
        ? `SQLite-filen ${file} har schemaversion ${found}, nyare än den här Samplans (${supported}): en nyare Samplan skrev den. Uppgradera Samplan; filen ändrades inte.`
        : `SQLite-filen ${file} har schemaversion ${found}, äldre än den här Samplans (${supported}), och öppnades skrivskyddad, så den uppgraderades inte.`;
  }
}

/**
 * A file of an older schema version that a live server serves, opened by a command of this newer
 * Samplan (`samplan token list` run before the server was upgraded): upgrading it would change
 * the tables under that server, so the command refuses and the file keeps its version.
 */
export class UpgradeUnderServerError extends Error {
  readonly code = 'upgrade-under-server';
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The SQLite file ${file} has schema version ${found}, older than this Samplan's (${supported}), and a running Samplan server serves it: ` +
        'upgrading it would change the tables under that server, so nothing was changed. Run this command with the Samplan that serves it, ' +
        'or stop that server and start samplan serve of this version, which upgrades the file.',
    );
  }
}
