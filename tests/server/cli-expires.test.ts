import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseExpiry } from '../../server/cli-access-args.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli, cliEn, withLocale } from './cli-capture.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * `samplan token create --expires` as a date: a day of the calendar, written as ISO, that the token
 * works through in Swedish time. `Date.parse` took `2027-02-30` for 2 March (a token made to expire
 * on a day no one wrote) and `June 3` or `12` for days of 2001 (refused as already past, which is
 * not the mistake), and `2026-12-31` for 00:00 UTC, 01:00 Swedish time on the 31st: the day named
 * was not usable.
 */
describe('samplan token create --expires', () => {
  const now = new Date('2026-12-07T01:00:00Z');
  const neither = (text: string) => `--expires "${text}" is neither a duration like 30d or 12h nor a date like 2026-12-31.`;

  it('takes a duration, an ISO date (through that day in Swedish time) and an ISO date and time (as written)', () => {
    expect(parseExpiry('30d', now)).toBe('2027-01-06T01:00:00.000Z');
    expect(parseExpiry('2026-12-31', now)).toBe('2026-12-31T23:00:00.000Z');
    expect(parseExpiry('2027-02-28', now)).toBe('2027-02-28T23:00:00.000Z');
    expect(parseExpiry('2028-02-29', now)).toBe('2028-02-29T23:00:00.000Z');
    expect(parseExpiry('2027-06-30', now)).toBe('2027-06-30T22:00:00.000Z');
    expect(parseExpiry('2027-06-30T17:00:00Z', now)).toBe('2027-06-30T17:00:00.000Z');
    expect(parseExpiry('2027-06-30T17:00+02:00', now)).toBe('2027-06-30T15:00:00.000Z');
    expect(parseExpiry(undefined, now)).toBeNull();
  });

  it.each([
    // Summer time begins 2027-03-28 02:00 and ends 2027-10-31 03:00: the next midnight has the offset of its own day.
    ['2027-03-27', '2027-03-27T23:00:00.000Z'],
    ['2027-03-28', '2027-03-28T22:00:00.000Z'],
    ['2027-10-30', '2027-10-30T22:00:00.000Z'],
    ['2027-10-31', '2027-10-31T23:00:00.000Z'],
  ])('reads %s, beside a change of summer time, as ending at the next 00:00 in Stockholm', (date, end) => {
    expect(parseExpiry(date, now)).toBe(end);
  });

  it.each(['2027-02-30', '2027-02-29', '2027-06-31', '2027-04-31T10:00Z', 'June 3', '12', '3 juni 2027', '31/12'])('refuses %s, which is no date of the calendar written as ISO', (text) => {
    expect(() => parseExpiry(text, now)).toThrow(neither(text));
  });

  it.each(['100000000d', '99999999999999999999m', '9000000d', '9999-12-31', '9999-12-31T23:30Z'])('refuses %s, after the year 9999 (in UTC or in Swedish time), in words, not with a JavaScript error', (text) => {
    expect(() => parseExpiry(text, now)).toThrow(`--expires "${text}" lies after the year 9999, further ahead than a time can be written. Write a shorter time, e.g. 3650d, or a date like 2036-12-31.`);
  });

  it('takes the last day and duration before the year 10000', () => {
    expect(parseExpiry('9999-12-30', now)).toBe('9999-12-30T23:00:00.000Z');
    expect(parseExpiry('2900000d', now)).toMatch(/^\d{4}-/);
  });

  /** A database with workspace hbi-x and its admin anna. */
  async function database(): Promise<string> {
    const db = join(mkdtempSync(join(tmpdir(), 'samplan-expires-')), 'samplan.db');
    const s = openSqliteStorage(db);
    await s.putWorkspace({ id: 'hbi-x', name: 'X', createdAt: now.toISOString() });
    await s.putMember({ workspace: 'hbi-x', id: 'anna', name: 'Anna', role: 'admin', units: [] });
    await s.close();
    return db;
  }

  it('says when the token expires in Swedish time and UTC, and refuses a past or zero expiry in Swedish on a C locale', async () => {
    const db = await database();
    const create = ['token', 'create', '--workspace', 'hbi-x', '--member', 'anna', '--db', db, '--expires'];
    const made = await cliEn([...create, '2099-12-31']);
    expect(made.code).toBe(0);
    expect(made.out.split('\n')[0]).toMatch(/^Token [a-z]+ for anna in hbi-x, expires 2100-01-01 00:00 Swedish time \(2099-12-31 23:00 UTC\)\.$/);
    const summer = await withLocale({ LANG: 'C.UTF-8' }, () => cli([...create, '2099-06-30']));
    expect(summer.out.split('\n')[0]).toMatch(/, går ut 2099-07-01 00:00 svensk tid \(2099-06-30 22:00 UTC\)\.$/);
    await withLocale({ LANG: 'C.UTF-8' }, async () => {
      expect(await cli([...create, '2020-01-01'])).toMatchObject({ code: 2, err: 'samplan: Tiden då token ska gå ut har redan passerat.' });
      expect((await cli([...create, '0d'])).err).toMatch(/^--expires måste vara mer än noll, t\.ex\. 30d\./);
      expect((await cli([...create, '31/12'])).err).toMatch(/^--expires "31\/12" är varken en tidslängd som 30d eller 12h eller ett datum som 2026-12-31\./);
      // Past Date's range the duration made no time at all: the command failed with 'Invalid time value' (exit 1).
      expect(await cli([...create, '100000000d'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--expires "100000000d" ligger efter år 9999, längre fram än en tidpunkt kan skrivas\./) });
    });
  });
});
