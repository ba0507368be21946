import { describe, expect, it } from 'vitest';
import { faultWordsSv, StorageUnavailableError } from '../../server/storage/watched.js';

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
    ['attempt to write a readonly database', 'SQLITE_READONLY', 'servern får inte skriva i databasen'],
    ['disk I/O error', 'SQLITE_IOERR_WRITE', 'ett läs- eller skrivfel på disken'],
    ['database disk image is malformed', 'SQLITE_CORRUPT', 'databasen är skadad'],
    ['database is locked', 'SQLITE_BUSY', 'databasen är upptagen'],
    ['PostgreSQL: connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED', 'databasservern går inte att nå'],
    ['PostgreSQL: terminating connection due to administrator command', '57P01', 'databasservern går inte att nå'],
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
    expect(faultWordsSv('PostgreSQL: Connection terminated unexpectedly')).toBe('databasservern går inte att nå');
    const unknown = new StorageUnavailableError('something at /srv/samplan/samplan.db');
    expect(unknown.sv).toBe('Servern kan inte spara ändringar just nu (lagringen svarar inte). Inget ändrades; försök igen om en stund.');
  });

  it('reads the code of the error a wrapped fault carries', () => {
    const inner = new StorageUnavailableError('database or disk is full', { cause: fault('database or disk is full', 'SQLITE_FULL') });
    expect(faultWordsSv('whatever', new Error('outer', { cause: inner.cause }))).toBe('disken är full');
  });
});
