import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config-error.js';
import { loadConfig, publicUrlOf, redactPassword } from '../../server/config.js';

describe('config', () => {
  it('defaults to loopback on 8787 with ./data/samplan.db', () => {
    expect(loadConfig({}, {})).toEqual({ port: 8787, host: '127.0.0.1', db: './data/samplan.db', databaseUrl: null, redisUrl: null, publicUrl: null, logLevel: 'info', demo: false });
  });

  it('reads PORT, HOST, SAMPLAN_DB, SAMPLAN_PUBLIC_URL and LOG_LEVEL', () => {
    const config = loadConfig({}, { PORT: '9000', HOST: '0.0.0.0', SAMPLAN_DB: '/var/lib/samplan.db', SAMPLAN_PUBLIC_URL: 'https://samplan.example.se/', LOG_LEVEL: 'WARN' });
    expect(config).toMatchObject({ port: 9000, host: '0.0.0.0', db: '/var/lib/samplan.db', publicUrl: 'https://samplan.example.se', logLevel: 'warn' });
  });

  it('lets flags win over the environment', () => {
    expect(loadConfig({ port: '7000', db: 'x.db', demo: true }, { PORT: '9000', SAMPLAN_DB: 'y.db' })).toMatchObject({ port: 7000, db: 'x.db', demo: true });
  });

  it('treats an empty environment variable as unset', () => {
    expect(loadConfig({}, { PORT: '' }).port).toBe(8787);
  });

  it('names the setting and the bad value in one sentence', () => {
    expect(() => loadConfig({}, { PORT: '80a' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { PORT: '80a' })).toThrow(/--port \/ PORT must be a number: got "80a"/);
    expect(() => loadConfig({ port: '70000' }, {})).toThrow(/between 0 and 65,535/);
    expect(() => loadConfig({}, { SAMPLAN_PUBLIC_URL: 'samplan.example.se' })).toThrow(/SAMPLAN_PUBLIC_URL must be an http:\/\/ or https:\/\/ address/);
    expect(() => loadConfig({}, { LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of trace, debug/);
  });

  it('refuses a --port that is blank or no plain number, which started the server on a port no one named', () => {
    // `--port=` or a script's `--port "$PORT"` with the variable unset: 0, a random port, before.
    for (const blank of ['', ' ']) {
      expect(() => loadConfig({ port: blank }, {})).toThrow(`The setting --port / PORT must not be empty: got "${blank}".`);
    }
    const said = (port: string): string => {
      try {
        loadConfig({ port }, {});
      } catch (err) {
        return (err as ConfigError).sv ?? '';
      }
      return 'not refused';
    };
    expect(said('')).toBe('Inställningen --port / PORT får inte vara tom: fick "".');
    // JavaScript's spellings of a number: 8080, 1000 and 8 before.
    for (const other of ['0x1F90', '1e3', '0b1000', 'Infinity']) expect(() => loadConfig({ port: other }, {})).toThrow(`--port / PORT must be a number: got "${other}".`);
    expect(() => loadConfig({ port: '8787.5' }, {})).toThrow('--port / PORT must be a whole number: got "8787.5".');
    expect(() => loadConfig({ port: '-1' }, {})).toThrow('--port / PORT must be between 0 and 65,535: got "-1".');
    // The bound in Swedish form, as every number the server says in Swedish (it wrote 65535).
    expect(said('70000')).toBe('Inställningen --port / PORT ska vara mellan 0 och 65\u00a0535: fick "70000".');
    expect(loadConfig({ port: ' 9000 ' }, {}).port).toBe(9000);
    expect(loadConfig({ port: '0' }, {}).port).toBe(0);
    expect(loadConfig({ port: '65535' }, {}).port).toBe(65535);
  });

  it('reads a PostgreSQL and a Redis URL and refuses others without echoing a password', () => {
    const config = loadConfig({ redisUrl: 'redis://127.0.0.1:6379' }, { SAMPLAN_DATABASE_URL: 'postgres://samplan:pw@db.example/samplan' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://samplan:pw@db.example/samplan', redisUrl: 'redis://127.0.0.1:6379' });
    expect(() => loadConfig({ databaseUrl: 'mysql://samplan:secret@db/samplan' }, {})).toThrow(/--database-url \/ SAMPLAN_DATABASE_URL must be a postgres:\/\/ address/);
    // --db with a database URL (an exported SAMPLAN_DATABASE_URL, say) is refused, not silently ignored.
    expect(() => loadConfig({ db: './backup.db' }, { SAMPLAN_DATABASE_URL: 'postgres://samplan:pw@db.example/samplan' })).toThrow(
      '--db names an SQLite file, but a PostgreSQL database is set too (--database-url or SAMPLAN_DATABASE_URL, postgres://samplan:***@db.example/samplan): give one of them.',
    );
    expect(loadConfig({}, { SAMPLAN_DB: './x.db', SAMPLAN_DATABASE_URL: 'postgres://samplan@db.example/samplan' }).databaseUrl).toBe('postgres://samplan@db.example/samplan');
    expect(() => loadConfig({ databaseUrl: 'mysql://samplan:secret@db/samplan' }, {})).not.toThrow(/secret/);
    expect(() => loadConfig({}, { SAMPLAN_REDIS_URL: 'http://cache' })).toThrow(/SAMPLAN_REDIS_URL must be a redis:\/\/ address/);
  });

  it('quotes no password of an address a person got wrong, nor one given as a parameter', () => {
    const said = (url: string): string => {
      try {
        loadConfig({ db: './x.db' }, { SAMPLAN_DATABASE_URL: url });
      } catch (err) {
        return `${(err as ConfigError).message} ${(err as ConfigError).sv ?? ''}`;
      }
      return 'not refused';
    };
    // The scheme forgotten; a port that is no number with an @ in the password; libpq's ?password=.
    for (const url of ['samplan:Zq7Xw9@db/samplan', 'postgres://samplan:Zq7@Xw9@db:54a/samplan', 'postgres://db/samplan?password=Zq7Xw9', 'postgres://db:5x/samplan?sslmode=require&Password=Zq7Xw9']) {
      expect(said(url)).toContain('***');
      expect(said(url)).not.toMatch(/Zq7|Xw9/);
      expect(redactPassword(url)).not.toMatch(/Zq7|Xw9/);
    }
    expect(redactPassword('postgres://db/samplan?password=Zq7Xw9&sslmode=require')).toBe('postgres://db/samplan?password=***&sslmode=require');
    expect(redactPassword('samplan:Zq7Xw9@db/samplan')).toBe('samplan:***@db/samplan');
    expect(redactPassword('postgres://samplan@db.example/samplan')).toBe('postgres://samplan@db.example/samplan');
  });

  it('refuses a take-back memory budget that is not a positive number of megabytes at start, naming the setting', () => {
    for (const bad of ['abc', '0', '-5', '64MB']) {
      expect(() => loadConfig({}, { SAMPLAN_TAKE_BACK_MEMORY_MB: bad })).toThrow(ConfigError);
      expect(() => loadConfig({}, { SAMPLAN_TAKE_BACK_MEMORY_MB: bad })).toThrow(`SAMPLAN_TAKE_BACK_MEMORY_MB must be a positive number of megabytes, not "${bad}"`);
    }
    expect(() => loadConfig({}, { SAMPLAN_TAKE_BACK_MEMORY_MB: '128' })).not.toThrow();
  });

  it('refuses a bound on unapplied updates of other processes that is not a number of megabytes at start, naming the setting', () => {
    for (const bad of ['abc', '-1', '16MB']) {
      expect(() => loadConfig({}, { SAMPLAN_UNAPPLIED_MEMORY_MB: bad })).toThrow(ConfigError);
      expect(() => loadConfig({}, { SAMPLAN_UNAPPLIED_MEMORY_MB: bad })).toThrow(`SAMPLAN_UNAPPLIED_MEMORY_MB must be a number of megabytes, 0 or more, not "${bad}"`);
    }
    for (const good of ['0', '64', '0.5']) expect(() => loadConfig({}, { SAMPLAN_UNAPPLIED_MEMORY_MB: good })).not.toThrow();
  });

  it('refuses a serving-lock check interval that is not 0.1 to 600 seconds at start, naming the setting', () => {
    for (const bad of ['abc', '0', '0.05', '601', '5s']) {
      expect(() => loadConfig({}, { SAMPLAN_SERVE_LOCK_CHECK_SECONDS: bad })).toThrow(`The setting SAMPLAN_SERVE_LOCK_CHECK_SECONDS must be a number of seconds from 0.1 to 600, not "${bad}".`);
    }
    for (const good of ['0.1', '5', '600']) expect(() => loadConfig({}, { SAMPLAN_SERVE_LOCK_CHECK_SECONDS: good })).not.toThrow();
  });

  it('derives the public URL from host and port unless one is set', () => {
    expect(publicUrlOf({ publicUrl: null, host: '127.0.0.1' }, 8787)).toBe('http://127.0.0.1:8787');
    expect(publicUrlOf({ publicUrl: null, host: '0.0.0.0' }, 80)).toBe('http://localhost:80');
    expect(publicUrlOf({ publicUrl: 'https://samplan.example.se', host: '0.0.0.0' }, 80)).toBe('https://samplan.example.se');
  });
});
