/**
 * A database or Redis address whose password holds a `#`, `/` or `?` as typed parses as a URL of
 * another host (`postgres://samplan:2024#Vinter@db/x`: host `samplan`, port 2024): it is refused
 * before anything connects, in words saying how to write those characters, and its password is
 * masked wherever the address is shown.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config-error.js';
import { loadConfig, redactPassword } from '../../server/config.js';
import { CliError } from '../../server/cli-args.js';
import { checkMigrateArguments } from '../../server/cli-check.js';
import { splitUserinfo } from '../../server/url-userinfo.js';

const SPLIT = ['postgres://samplan:2024#Vinter@db/samplan', 'postgres://samplan:2024/Vinter@db/samplan', 'postgresql://samplan:2024?Vinter@db:5433/samplan', 'redis://:1234#x@redis:6379'];

describe('an address whose password ended its authority early', () => {
  it('is found, and an address written encoded or with its @ in the authority is not', () => {
    for (const url of SPLIT) expect(splitUserinfo(url), url).toBe(true);
    for (const url of ['postgres://samplan:2024%23Vinter@db/samplan', 'postgres://samplan:hem@ligt@db/x', 'redis://127.0.0.1:6379/0', 'postgres://db/samplan', 'samplan:2024#x']) expect(splitUserinfo(url), url).toBe(false);
  });

  it('is judged before the host only: an @ in the path or a query value is the address\'s own, an IPv6 host or a Redis password alone is no split', () => {
    const whole = [
      'postgres://u:p@host/db?sslcert=/a@b',
      'postgres://host/db?sslcert=/a@b',
      'postgres://u:p@host/db?application_name=x&sslkey=/keys/a@b.key',
      'postgres://u:p@[::1]:5432/db?sslrootcert=/etc/a@b.crt',
      'postgres://[::1]/db',
      'postgres://u:p@[::1]/db',
      'redis://:pass@host',
      'redis://:pass@[::1]:6379/0',
    ];
    for (const url of whole) expect(splitUserinfo(url), url).toBe(false);
    for (const url of ['redis://:1234#x@[::1]:6379', 'postgres://u:2024/Vinter@[::1]:5432/db?sslcert=/a@b', 'postgres://u:2024?Vinter@db/x']) expect(splitUserinfo(url), url).toBe(true);
    // Taken as a setting, its password masked and the query kept.
    const config = loadConfig({ databaseUrl: 'postgres://u:hemligt@db/x?sslcert=/certs/a@b.crt' }, {});
    expect(config.databaseUrl).toBe('postgres://u:hemligt@db/x?sslcert=/certs/a@b.crt');
    const shown = String(redactPassword(config.databaseUrl));
    expect(shown).not.toContain('hemligt');
    expect(shown).toContain('sslcert=');
    // migrate --to: past the address, to the SQLite file that is not there.
    expect(() => checkMigrateArguments({ from: '/nowhere/samplan.db', to: 'postgres://u:p@db/x?sslcert=/a@b' })).toThrow('There is no SQLite database at /nowhere/samplan.db.');
  });

  it('is shown without its password', () => {
    for (const url of SPLIT) {
      const shown = String(redactPassword(url));
      expect(shown, url).not.toMatch(/2024|1234|Vinter/);
      expect(shown, url).toContain('***');
    }
    // A `#` in a password parameter: its rest is the password's too.
    expect(redactPassword('postgres://db/x?password=2024#Vinter')).not.toMatch(/2024|Vinter/);
  });

  it('is refused by every command before it connects, in Swedish and English, its password not quoted', () => {
    for (const [flags, setting] of [[{ databaseUrl: SPLIT[0] }, '--database-url / SAMPLAN_DATABASE_URL'], [{ databaseUrl: 'postgres://samplan@db/x', redisUrl: SPLIT[3] }, '--redis-url / SAMPLAN_REDIS_URL']] as const) {
      let err: unknown;
      try {
        loadConfig(flags, {});
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      const { message, sv } = err as ConfigError;
      expect(message).toContain(`The setting ${setting} has a #, / or ? in its user name or password`);
      expect(message).toContain('# as %23');
      expect(sv).toContain(`Inställningen ${setting} har ett #, / eller ? i användarnamnet eller lösenordet`);
      expect(`${message} ${sv}`).not.toMatch(/2024|1234|Vinter/);
    }
  });

  it('is refused as migrate --to before the SQLite file is even looked for', () => {
    for (const to of SPLIT.slice(0, 3)) {
      let err: unknown;
      try {
        checkMigrateArguments({ from: '/nowhere/samplan.db', to });
      } catch (e) {
        err = e;
      }
      expect(err, to).toBeInstanceOf(CliError);
      expect((err as CliError).message).toContain('The setting --to has a #, / or ? in its user name or password');
      expect((err as CliError).message).not.toMatch(/2024|Vinter/);
    }
  });
});
