import { describe, expect, it } from 'vitest';
import { parseExpiry } from '../../server/cli-access-args.js';
import { CliError } from '../../server/cli-args.js';

/**
 * `samplan token create --expires` as a date: a day of the calendar, written as ISO. `Date.parse`
 * took `2027-02-30` for 2 March (a token made to expire on a day no one wrote) and `June 3` or
 * `12` for days of 2001 (refused as already past, which is not the mistake).
 */
describe('samplan token create --expires', () => {
  const now = new Date('2026-12-07T01:00:00Z');
  const neither = (text: string) => `--expires "${text}" is neither a duration like 30d or 12h nor a date like 2026-12-31.`;

  it('takes a duration, an ISO date and an ISO date and time', () => {
    expect(parseExpiry('30d', now)).toBe('2027-01-06T01:00:00.000Z');
    expect(parseExpiry('2027-02-28', now)).toBe('2027-02-28T00:00:00.000Z');
    expect(parseExpiry('2028-02-29', now)).toBe('2028-02-29T00:00:00.000Z');
    expect(parseExpiry('2027-06-30T17:00:00Z', now)).toBe('2027-06-30T17:00:00.000Z');
    expect(parseExpiry('2027-06-30T17:00+02:00', now)).toBe('2027-06-30T15:00:00.000Z');
    expect(parseExpiry(undefined, now)).toBeNull();
  });

  it.each(['2027-02-30', '2027-02-29', '2027-06-31', '2027-04-31T10:00Z', 'June 3', '12', '3 juni 2027', '31/12'])('refuses %s, which is no date of the calendar written as ISO', (text) => {
    expect(() => parseExpiry(text, now)).toThrow(neither(text));
  });

  it('says its refusals in Swedish too, as the CLI speaks', () => {
    const sv = (text: string): string | undefined => {
      try {
        parseExpiry(text, now);
      } catch (err) {
        return err instanceof CliError ? err.sv : undefined;
      }
      return undefined;
    };
    expect(sv('2027-02-30')).toBe('--expires "2027-02-30" är varken en tid som 30d eller 12h eller ett datum som 2026-12-31.');
    expect(sv('0d')).toBe('--expires ska vara mer än noll, t.ex. 30d.');
  });
});
