import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { createLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { setMissingPlaceholderPolicy } from '../../../shared/i18n/placeholders.js';
import { localized } from '../../../shared/i18n/t.js';
import { keptLogger } from './support.js';

describe('request logging', () => {
  it('logs method, path and status, never the token, the body or a personnummer', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const storage = createMemoryStorage();
    await storage.putWorkspace({ id: 'w', name: 'W', createdAt: new Date().toISOString() });
    await storage.putMember({ workspace: 'w', id: 'a', name: 'A', role: 'admin', units: [] });
    const { secret } = await createToken(storage, { workspace: 'w', memberId: 'a', label: '', clock: () => new Date() });
    const { app, close } = createApp({ storage, logger: createLogger({ level: 'info', destination }), clock: () => new Date(), publicUrl: 'http://x' });
    await app.request(`/v1/workspaces/w/members?token=${secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'b', name: 'Ring 19121212-1212', role: 'boss' }),
    });
    await close();
    const log = lines.join('');
    expect(log).toContain('"status":400');
    expect(log).toContain('/v1/workspaces/w/members');
    expect(log).not.toContain(secret);
    expect(log).not.toContain('1212');
  });
});

describe('a message filled without a value, outside a test runner', () => {
  it('is logged by the server under the code placeholder-missing, naming the placeholder and the text, once', async () => {
    const { logger, lines } = keptLogger();
    const samplan = createApp({ storage: createMemoryStorage(), logger, clock: () => new Date(), publicUrl: 'http://x' });
    const before = setMissingPlaceholderPolicy({ strict: false });
    try {
      const words = localized('below-min', { column: 'Deltagare', value: 3 } as never);
      localized('below-min', { column: 'Deltagare', value: 4 } as never);
      expect(words.sv).toBe('Deltagare: 3 är mindre än det lägsta tillåtna, {min}.');
    } finally {
      setMissingPlaceholderPolicy(before);
      await samplan.close();
    }
    const said = lines.filter((line) => line.code === 'placeholder-missing');
    expect(said.map((line) => [line.placeholder, line.level])).toEqual([
      ['min', 50],
      ['min', 50],
    ]);
    expect(said.map((line) => line.template)).toEqual(['{column}: {value} är mindre än det lägsta tillåtna, {min}.', '{column}: {value} is below the minimum, {min}.']);
  });
});

