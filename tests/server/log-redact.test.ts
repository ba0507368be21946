import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { createToken } from '../../server/auth/tokens.js';
import { redactDigitRuns, redactUrl } from '../../server/log-redact.js';
import { createLogger } from '../../server/logger.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { Storage } from '../../server/storage/storage.js';
import { normalizeForDigits } from '../../shared/validate/normalize-digits.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { listenedSocket } from '../support/listened-socket.js';
import { SPLIT_FLAGGED } from '../support/personnummer-spellings-more.js';

/** One identity number, 850101-1236, in the spellings a path can carry, percent-encoded as a client sends it. */
const SPELLINGS = [
  '850101-1236',
  '8501011236',
  '198501011236',
  '850101+1236',
  '1985-01-01-1236',
  '850101.1236',
  '850101 1236',
  '850101\u20131236',
  '850101\u00A01236',
  '850101\u200B1236',
  '８５０１０１－１２３６',
  '٨٥٠١٠١-١٢٣٦',
].map(encodeURIComponent);

/** True when `text` still holds the number in any spelling: the strict check, and its digits in order. */
function holdsTheNumber(text: string): boolean {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // a malformed escape: look at the text as it is
  }
  for (const t of [text, decoded]) {
    if (findPersonnummer(t)) return true;
    const digits = (normalizeForDigits(t, 0)?.text ?? t).replace(/\D/g, '');
    if (digits.includes('850101') || digits.includes('8501011236')) return true;
  }
  return false;
}

/** Every string in a parsed log line, except pino's own timestamp. */
function stringsOf(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'time' ? [] : [key, value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v, k)]);
}

/** Storage whose lookups of an id with digits fail with the id in the message, like a driver error. */
function failingOnDigits(storage: Storage): Storage {
  return {
    ...storage,
    getWorkspace: async (id) => {
      if (/\d{4}/.test(id)) throw new Error(`lookup of workspace ${id} failed`);
      return storage.getWorkspace(id);
    },
    getDocRecord: async (ref) => {
      if (/\d{4}/.test(decodeURIComponent(ref.doc))) throw new Error(`lookup of ${ref.workspace}/${ref.doc} failed`);
      return storage.getDocRecord(ref);
    },
  };
}


/** A logger writing its lines into `lines` (one JSON line per entry). */
function capturedLogger(level?: 'debug'): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger(level ? { level, destination } : { destination }) };
}
describe('log redaction', () => {
  it('masks digit runs of six or more in URLs and ids, in any script and spacing, and keeps short ones', () => {
    expect(redactUrl('/v1/sync/w/850101-1236?token=spl_abc')).toBe('/v1/sync/w/[digits]?token=[redacted]');
    expect(redactDigitRuns('/v1/sync/w/%EF%BC%98%EF%BC%95%EF%BC%90%EF%BC%91%EF%BC%90%EF%BC%91-1236')).toBe('/v1/sync/w/[digits]');
    expect(redactDigitRuns('/addin/%E0%A4%A/85 01 01')).toBe('/addin/%E0%A4%A/[digits]');
    expect(redactDigitRuns('/v1/workspaces/hbi-2026/documents/plan-vc-12')).toBe('/v1/workspaces/hbi-2026/documents/plan-vc-12');
    // Letters read as digits make no digit run, but a personnummer all the same.
    expect(redactUrl('/v1/workspaces/ws1/members/85010l-l236')).toBe('/v1/workspaces/ws1/members/[digits]');
    expect(redactDigitRuns('/v1/workspaces/ws1/rounds/l9850l0l-l236')).toBe('/v1/workspaces/ws1/rounds/[digits]');
    // Three symbols of two digits each (`⑫` is 12) are a run of six.
    expect(redactDigitRuns(`/v1/sync/w/${encodeURIComponent('⑫⑫⑫')}`)).toBe('/v1/sync/w/[digits]');
    expect(redactDigitRuns('/v1/sync/w/⑫⑫')).toBe('/v1/sync/w/⑫⑫');
  });

  it('masks the spellings with look-alike letters and words between the parts in a logged value', () => {
    const { lines, logger } = capturedLogger();
    const spellings = ['B50101-1236', '850101O1236', '85010l-l236', '850101 personnummer 1236', '850101 p nr 1236', '850101 \u2013 nr \u2013 1236', ...SPLIT_FLAGGED.map(([, match]) => match)];
    logger.info({ notes: spellings.map((s) => `Ring ${s}`) }, `Ring ${spellings.join(', ')}`);
    expect(lines).toHaveLength(1);
    for (const s of spellings) expect(lines[0]).not.toContain(JSON.stringify(s).slice(1, -1));
    expect(lines[0]?.match(/\[redacted\]/g)).toHaveLength(2 * spellings.length);
  });

  it('leaves no personnummer with its serial split by a dot or colon or its date part cut in a logged path or query', () => {
    for (const [text, match] of SPLIT_FLAGGED) {
      for (const url of [`/v1/workspaces/${encodeURIComponent(text)}/documents?q=${encodeURIComponent(text)}`, `/v1/w/${text}?q=${text}`]) {
        const logged = redactUrl(url);
        expect(logged).not.toContain(match);
        expect(findPersonnummer(decodeURIComponent(logged))).toBeNull();
      }
    }
  });

  it('masks a personnummer however deep in a logged value it sits', () => {
    const { lines, logger } = capturedLogger();
    // Eight levels, past the walk's depth: what lies deeper is masked as text, not kept as it is.
    let deep: unknown = { note: 'Eva 850101-1236' };
    for (let i = 0; i < 8; i++) deep = { level: deep };
    logger.info({ deep, list: [[[[[[[['19121212-1212']]]]]]]] }, 'deep');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('850101-1236');
    expect(lines[0]).not.toContain('19121212-1212');
    expect(lines[0]).toContain('[redacted]');
  });

  it('masks a personnummer used as a key of a logged value, look-alike letters included', () => {
    const { lines, logger } = capturedLogger();
    logger.info({ counts: { 'B50101-1236': 3, '85010l-l236': 1, plan: 2 }, doc: { 'ws1/850101-1236': 1 } }, 'counts');
    expect(lines).toHaveLength(1);
    for (const s of ['B50101-1236', '85010l-l236', '850101-1236']) expect(lines[0]).not.toContain(s);
    expect(lines[0]).toContain('"plan":2');
  });

  it("keeps the server's own address readable (an IP literal host) and masks every other host's digit runs", () => {
    expect(redactUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(redactUrl('http://[::1]:8787/v1/sync/w/850101-1236')).toBe('http://[::1]:8787/v1/sync/w/[digits]');
    expect(redactUrl('https://10.20.30.40/a?token=x')).toBe('https://10.20.30.40/a?token=[redacted]');
    expect(redactUrl('http://850101-1236.example.se/x')).toBe('http://[digits].example.se/x');
    expect(redactUrl('http://user@127.0.0.1:8787/')).not.toContain('127.0.0.1');
  });

  it('keeps every spelling of a personnummer in request paths out of logs, audit and metrics', async () => {
    const memory = createMemoryStorage();
    const at = new Date().toISOString();
    await memory.putWorkspace({ id: 'w', name: 'W', createdAt: at });
    await memory.putMember({ workspace: 'w', id: 'a', name: 'A', role: 'admin', units: [] });
    const { secret } = await createToken(memory, { workspace: 'w', memberId: 'a', label: '', clock: () => new Date() });
    const { lines, logger } = capturedLogger('debug');
    const { app, injectWebSocket, close } = createApp({ storage: failingOnDigits(memory), logger, clock: () => new Date(), publicUrl: 'http://x' });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    injectWebSocket(server);
    await once(server, 'listening');
    const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const auth = { authorization: `Bearer ${secret}` };

    for (const pnr of SPELLINGS) {
      const requests: Array<[string, RequestInit?]> = [
        [`/v1/workspaces/${pnr}`],
        [`/v1/workspaces/${pnr}`, { headers: auth }],
        [`/v1/workspaces/w/documents/${pnr}`, { headers: auth }],
        [`/v1/workspaces/w/indicators/table?unit=${pnr}`, { headers: auth }],
        [`/v1/sync/w/${pnr}`],
        [`/${pnr}`],
        [`/addin/${pnr}`],
        [`/v1/workspaces/w/documents?kind=${pnr}&token=${secret}`],
      ];
      for (const [path, init] of requests) await fetch(`http://${base}${path}`, init);
      for (const token of [secret, 'nope']) {
        await listenedSocket(`ws://${base}/v1/sync/w/${pnr}?token=${token}`).closed;
      }
    }
    logger.info({ note: 'Eva 850101\u20131236', ref: { workspace: 'w', doc: '８５０１０１-１２３６' } }, 'message with 8501011236');
    const metrics = await (await fetch(`http://${base}/metrics`)).text();
    const audit = JSON.stringify(await memory.listAudit('w', 1000));
    await close();
    server.close();

    expect(lines.length).toBeGreaterThan(SPELLINGS.length * 8);
    expect(lines.join('')).toContain('unhandled error');
    expect(lines.join('')).toContain('admitting a sync connection failed');
    for (const line of lines) {
      for (const text of stringsOf(JSON.parse(line))) expect(holdsTheNumber(text), `${text} in ${line}`).toBe(false);
      expect(line).not.toContain(secret);
    }
    expect(holdsTheNumber(metrics)).toBe(false);
    expect(holdsTheNumber(audit)).toBe(false);
  }, 60_000);
});
