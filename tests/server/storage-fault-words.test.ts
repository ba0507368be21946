import { describe, expect, it } from 'vitest';
import { faultWords, faultWordsSv, roomUnavailable, StorageUnavailableError } from '../../server/storage/watched.js';

/**
 * A storage fault answered in Swedish names its kind in Swedish words: the Swedish 503 sentence
 * carried SQLite's or PostgreSQL's English wording (`Servern kan inte spara ändringar just nu
 * (database or disk is full)`), and with PostgreSQL the driver's, which may name an address.
 */
describe('the Swedish words for a storage fault', () => {
  const fault = (message: string, code: string): Error => Object.assign(new Error(message), { code });

  it.each([
    ['database or disk is full', 'SQLITE_FULL', 'disken är full'],
    ['ENOSPC: no space left on device, write', 'ENOSPC', 'disken är full'],
    ['attempt to write a readonly database', 'SQLITE_READONLY', 'skrivbehörighet till databasen saknas'],
    ['PostgreSQL: permission denied for table tokens', '42501', 'skrivbehörighet till databasen saknas'],
    ['disk I/O error', 'SQLITE_IOERR_WRITE', 'ett läs- eller skrivfel på disken'],
    ['database disk image is malformed', 'SQLITE_CORRUPT', 'databasen är skadad'],
    ['database is locked', 'SQLITE_BUSY', 'databasen är upptagen'],
    ['PostgreSQL: connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED', 'databasservern går inte att nå'],
    ['PostgreSQL: terminating connection due to administrator command', '57P01', 'anslutningen till databasservern bröts'],
    ['PostgreSQL: terminating connection due to unexpected postmaster exit', '57P02', 'anslutningen till databasservern bröts'],
    ['PostgreSQL: the database system is starting up', '57P03', 'databasservern går inte att nå'],
    [
      'PostgreSQL: canceling statement due to statement timeout',
      '57014',
      'databasservern avbröt satsen: den tog för lång tid eller avbröts (händer det igen kan databasens statement_timeout vara för kort)',
    ],
    [
      'PostgreSQL: canceling statement due to user request',
      '57014',
      'databasservern avbröt satsen: den tog för lång tid eller avbröts (händer det igen kan databasens statement_timeout vara för kort)',
    ],
    ['PostgreSQL: could not extend file: No space left on device', '53100', 'disken är full'],
  ])('%s (%s) → %s', (message, code, words) => {
    const err = new StorageUnavailableError(message, { cause: fault(message, code) });
    expect(err.sv).toBe(`Servern kan inte spara ändringar just nu (${words}). Inget ändrades; försök igen om en stund.`);
    // The English names the kind too: the store's wording (a file, an address) stays in `reason`, for the log.
    expect(err.message).not.toContain(message);
    expect(err.reason).toBe(message);
  });

  it('tells the kind by the words when no code is at hand, and never repeats an unknown wording', () => {
    expect(faultWordsSv('database or disk is full')).toBe('disken är full');
    expect(faultWordsSv('the document could not be reloaded after a failed write')).toBe('dokumentet kunde inte läsas in igen efter en misslyckad skrivning');
    expect(faultWordsSv('PostgreSQL: Connection terminated unexpectedly')).toBe('anslutningen till databasservern bröts');
    expect(faultWordsSv('PostgreSQL: timeout exceeded when trying to connect')).toBe('databasservern går inte att nå');
    // A statement timeout is no unreached server: it was reached, and stopped the statement.
    expect(faultWords('PostgreSQL: canceling statement due to statement timeout').en).toBe(
      "the database server stopped the statement: it took too long or was cancelled (if it happens again, the database's statement_timeout may be too short)",
    );
    const unknown = new StorageUnavailableError('something at /srv/samplan/samplan.db');
    expect(unknown.sv).toBe('Servern kan inte spara ändringar just nu (ett fel av okänt slag). Inget ändrades; försök igen om en stund.');
    expect(unknown.message).toBe('The server cannot store changes right now (a fault of unknown kind). Nothing was changed; try again in a while.');
  });

  it('reads the code of the error a wrapped fault carries', () => {
    const inner = new StorageUnavailableError('database or disk is full', { cause: fault('database or disk is full', 'SQLITE_FULL') });
    expect(faultWordsSv('whatever', new Error('outer', { cause: inner.cause }))).toBe('disken är full');
  });

  // The kind words are said by the server (a 503, /healthz) and by a command (`samplan: The
  // database failed (…)`) alike: they name the fault, never who met it.
  it('names no speaker in any kind of fault', () => {
    const kinds = ['SQLITE_FULL', 'SQLITE_READONLY', 'EACCES', '42501', 'SQLITE_IOERR', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'ECONNREFUSED', '57P01', '57014', '53200', 'none'];
    for (const code of kinds) {
      const words = faultWords('x', fault('x', code));
      expect(words.en.replaceAll('database server', ''), code).not.toMatch(/\bserver\b/i);
      expect(words.sv.replaceAll('databasservern', ''), code).not.toMatch(/servern/i);
    }
  });
});

/**
 * A room that refuses writes while it reloads its document answers a server-side write with a
 * 503 worded by what made it unavailable (`roomUnavailable`), not "storage does not answer".
 */
describe('the words of a document being reloaded', () => {
  const fault = (message: string, code: string): Error => Object.assign(new Error(message), { code });

  it.each([
    ['a full disk', fault('database or disk is full', 'SQLITE_FULL'), 'the disk is full', 'disken är full'],
    ['a file made read-only', fault('attempt to write a readonly database', 'SQLITE_READONLY'), 'no permission to write to the database', 'skrivbehörighet till databasen saknas'],
    [
      'PostgreSQL gone',
      new StorageUnavailableError('PostgreSQL: Connection terminated unexpectedly', { cause: fault('Connection terminated unexpectedly', '57P01') }),
      'the connection to the database server was lost',
      'anslutningen till databasservern bröts',
    ],
    ['a reload that failed', new StorageUnavailableError('the document could not be reloaded after a failed write'), 'the document could not be reloaded after a failed write', 'dokumentet kunde inte läsas in igen efter en misslyckad skrivning'],
    ['an apply that threw', new TypeError("Cannot read properties of undefined (reading 'x')"), 'the document is being reloaded after a fault', 'dokumentet läses in på nytt efter ett fel'],
    ['no fault known', null, 'the document is being reloaded after a fault', 'dokumentet läses in på nytt efter ett fel'],
  ])('%s', (_, cause, en, sv) => {
    const err = roomUnavailable(cause);
    expect(err.message).toBe(`The server cannot store changes right now (${en}). Nothing was changed; try again in a while.`);
    expect(err.sv).toBe(`Servern kan inte spara ändringar just nu (${sv}). Inget ändrades; försök igen om en stund.`);
  });
});
