/**
 * One Samplan server for the personnummer door matrix (`*.matrix.test.ts` of this folder): a
 * SQLite file, every log line captured (debug level), and the needles a stored or logged
 * personnummer would leave: each spelling as typed and as JSON escapes it, its digits in ASCII,
 * and its serial number with the end of the date before it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type SamplanApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { createLogger } from '../../../server/logger.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { lookAlikeDigit } from '../../../shared/validate/normalize-digits.js';
import { putDoc, planRow } from '../http/support.js';

export const WS = 'ws1';

/** Spellings of one identity number (850101-1236, and 850161-1233 as samordningsnummer) people and attackers use. */
export const TEXT_SPELLINGS = [
  'Eva Ek 850101-1236',
  '19850101-1236',
  '850101\u20131236',
  '850101\u00A01236',
  '８５０１０１－１２３６',
  '850101\u200B1236',
  '٨٥٠١٠١-١٢٣٦',
  'B50101-1236',
  '850101 personnummer 1236',
  '850101.12.36',
  'samordningsnr 850161-1233',
];
/** Spellings that fit the id patterns (lower-case letters, digits, `-`, `.`). */
export const ID_SPELLINGS = ['850101-1236', '198501011236', 'eva-850101-1236', '85010l-l236'];

/** ASCII digits of `text`, every script's digits and look-alikes read as the guard reads them. */
function digitsOf(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (/\p{Nd}/u.test(ch)) {
      // Decimal digits come in runs of ten from zero: the value is the distance from the run's start.
      let zero = cp;
      while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
      out += String((cp - zero) % 10);
    } else {
      const d = lookAlikeDigit(ch.codePointAt(0) as number);
      if (d !== undefined) out += d;
    }
  }
  return out;
}

/** What must appear in no stored byte, log line or peer's message for `spellings`. */
export function needlesOf(spellings: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of spellings) {
    out.add(s);
    out.add(JSON.stringify(s).slice(1, -1));
    const digits = digitsOf(s);
    if (digits.length >= 10) {
      out.add(digits.slice(-10));
      out.add(digits.slice(-6));
    }
  }
  return [...out];
}

/** The needles of {@link needlesOf} found in `haystack` (bytes or text). */
export function foundIn(haystack: Buffer | string, needles: readonly string[]): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack) : haystack;
  return needles.filter((n) => bytes.includes(Buffer.from(n)));
}

export interface TrustServer {
  samplan: SamplanApp;
  storage: Storage;
  file: string;
  dir: string;
  tokens: { admin: string; coordinator: string; editor: string };
  /** Every log line so far, joined. */
  log(): string;
  req(path: string, token: string | null, init?: RequestInit): Promise<Response>;
  /** Close the server and its store, then read every byte the SQLite file and its sidecars hold. */
  closeAndRead(): Promise<Buffer>;
}

/** A JSON request of `method` with `body`. */
export const send = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Start the server: workspace `ws1` with units region and vc-a, an admin, a coordinator, an editor of vc-a, plan `plan-a`. */
export async function startTrustServer(): Promise<TrustServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-trust-'));
  const file = path.join(dir, 'samplan.db');
  const storage = openSqliteStorage(file);
  const clock = () => new Date('2026-03-02T09:00:00.000Z');
  const at = clock().toISOString();
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: at });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: 'region' });
  await storage.putMember({ workspace: WS, id: 'admin', name: 'Ada Admin', role: 'admin', units: ['region'] });
  await storage.putMember({ workspace: WS, id: 'coord', name: 'Cecilia Koordinator', role: 'coordinator', units: ['region'] });
  await storage.putMember({ workspace: WS, id: 'eda', name: 'Eda Redaktör', role: 'editor', units: ['vc-a'] });
  await putDoc(storage, 'plan-a', 'activity-plan', 'vc-a', [planRow('Promenadgrupp A')], at);
  const token = async (memberId: string): Promise<string> => (await createToken(storage, { workspace: WS, memberId, label: 'test', clock })).secret;
  const tokens = { admin: await token('admin'), coordinator: await token('coord'), editor: await token('eda') };
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const samplan = createApp({ storage, logger: createLogger({ level: 'debug', destination }), clock, publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
  return {
    samplan,
    storage,
    file,
    dir,
    tokens,
    log: () => lines.join(''),
    req(p, tok, init = {}) {
      const headers = new Headers(init.headers);
      if (tok) headers.set('authorization', `Bearer ${tok}`);
      return Promise.resolve(samplan.app.request(p, { ...init, headers }));
    },
    async closeAndRead() {
      await samplan.close();
      await storage.close();
      const bytes = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)));
      fs.rmSync(dir, { recursive: true, force: true });
      return Buffer.concat(bytes);
    },
  };
}
