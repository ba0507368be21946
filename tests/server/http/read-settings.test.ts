/**
 * The reading settings (`read-settings.ts`): what each variable takes, in words naming it when
 * wrong, and a wrong value never throws while the server's modules load (a command refuses it at
 * its start, `loadConfig`, as a `ConfigError`; `cli-import-deadline.test.ts` runs that door).
 */
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../server/config-error.js';
import { loadConfig } from '../../../server/config.js';
import { importReadMs, readWorkerBounds, settingOrDefault } from '../../../server/http/read-settings.js';

afterEach(() => vi.unstubAllEnvs());

describe('importReadMs', () => {
  it('is 60 s unless SAMPLAN_IMPORT_READ_SECONDS says otherwise, in seconds with decimals', () => {
    expect(importReadMs({})).toBe(60_000);
    expect(importReadMs({ SAMPLAN_IMPORT_READ_SECONDS: ' 120 ' })).toBe(120_000);
    expect(importReadMs({ SAMPLAN_IMPORT_READ_SECONDS: '0.5' })).toBe(500);
  });

  // '0.0001' is 0 ms once rounded (every read late at once); '0x3C', '6e1', '0b1' are numbers to
  // JavaScript but not the decimal seconds the words promise, so they are refused, not read as 60.
  it.each(['0', '-1', 'soon', '3601', 'Infinity', '0.0001', '0.0004', '0x3C', '6e1', '0b1', '60 s', '1,5', '+60'])('refuses "%s" naming the variable', (raw) => {
    expect(() => importReadMs({ SAMPLAN_IMPORT_READ_SECONDS: raw })).toThrow(`SAMPLAN_IMPORT_READ_SECONDS must be a number of seconds from 0.001 to 3600, not "${raw}"`);
  });

  it('takes the shortest it says, 0.001 s, as 1 ms', () => {
    expect(importReadMs({ SAMPLAN_IMPORT_READ_SECONDS: '0.001' })).toBe(1);
  });
});

describe('readWorkerBounds', () => {
  // Each worker may take a 512 MiB heap: 100000 of them bounded no memory at all.
  it.each(['33', '100000'])('refuses SAMPLAN_READ_WORKERS="%s", more than the 32 a process runs', (raw) => {
    expect(() => readWorkerBounds({ SAMPLAN_READ_WORKERS: raw })).toThrow(`SAMPLAN_READ_WORKERS must be a whole number from 1 to 32, not "${raw}"`);
  });

  it('takes from 1 to 32 workers', () => {
    expect(readWorkerBounds({ SAMPLAN_READ_WORKERS: '32', SAMPLAN_READ_QUEUE: '50' })).toEqual({ workers: 32, queue: 50 });
    expect(readWorkerBounds({ SAMPLAN_READ_WORKERS: '1', SAMPLAN_READ_QUEUE: '0' })).toEqual({ workers: 1, queue: 0 });
  });

  // Each waiting import holds its body (up to 16 MiB): a million waiting bounded no memory either.
  it.each(['65', '1000000'])('refuses SAMPLAN_READ_QUEUE="%s", more than the 64 reads that may wait', (raw) => {
    expect(() => readWorkerBounds({ SAMPLAN_READ_QUEUE: raw })).toThrow(`SAMPLAN_READ_QUEUE must be a whole number from 0 to 64, not "${raw}"`);
  });

  it('takes from 0 to 64 reads waiting', () => {
    expect(readWorkerBounds({ SAMPLAN_READ_WORKERS: '1', SAMPLAN_READ_QUEUE: '64' })).toEqual({ workers: 1, queue: 64 });
  });

  it.each(['0x10', '1e1', '2.0e0', '0o7'])('refuses SAMPLAN_READ_WORKERS="%s", a number to JavaScript but no whole number as written', (raw) => {
    expect(() => readWorkerBounds({ SAMPLAN_READ_WORKERS: raw })).toThrow(`SAMPLAN_READ_WORKERS must be a whole number from 1 to 32, not "${raw}"`);
  });
});

describe('loadConfig and the reading settings', () => {
  it.each([
    ['SAMPLAN_READ_WORKERS', '0', 'a whole number from 1 to 32'],
    ['SAMPLAN_READ_WORKERS', '2.5', 'a whole number from 1 to 32'],
    ['SAMPLAN_READ_QUEUE', '-1', 'a whole number from 0 to 64'],
    ['SAMPLAN_READ_QUEUE', '65', 'a whole number from 0 to 64'],
    ['SAMPLAN_IMPORT_READ_SECONDS', 'ten', 'a number of seconds from 0.001 to 3600'],
  ])('refuses %s=%s with a ConfigError naming it and what it takes', (name, raw, allowed) => {
    expect(() => loadConfig({}, { [name]: raw })).toThrow(ConfigError);
    expect(() => loadConfig({}, { [name]: raw })).toThrow(`The setting ${name} must be ${allowed}, not "${raw}".`);
  });

  it('takes good values', () => {
    expect(() => loadConfig({}, { SAMPLAN_READ_WORKERS: '2', SAMPLAN_READ_QUEUE: '0', SAMPLAN_IMPORT_READ_SECONDS: '90' })).not.toThrow();
  });
});

describe('a wrong reading setting while modules load', () => {
  it('settingOrDefault answers the defaults for a wrong value', () => {
    expect(settingOrDefault(readWorkerBounds, { SAMPLAN_READ_WORKERS: '0' })).toEqual(readWorkerBounds({}));
    expect(settingOrDefault(importReadMs, { SAMPLAN_IMPORT_READ_SECONDS: '0' })).toBe(60_000);
    expect(settingOrDefault(readWorkerBounds, { SAMPLAN_READ_WORKERS: '3' })).toEqual({ workers: 3, queue: 16 });
  });

  it('does not throw when the reading worker module loads with SAMPLAN_READ_WORKERS=0', async () => {
    vi.stubEnv('SAMPLAN_READ_WORKERS', '0');
    vi.resetModules();
    const { readWorkerLimit } = await import('../../../server/http/read-worker.js');
    vi.resetModules();
    expect(readWorkerLimit.slots).toBe(Math.min(32, Math.max(1, availableParallelism() - 1)));
  });
});
