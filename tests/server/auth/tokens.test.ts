import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  TOKEN_PATTERN,
  TokenError,
  createToken,
  listTokens,
  newTokenId,
  resolveToken,
  revokeToken,
} from '../../../server/auth/tokens.js';
import { sanitizeAuditDetail } from '../../../server/storage/audit-detail.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { MemberRecord, Storage } from '../../../server/storage/storage.js';

const WS = 'hbi-stockholm';
const anna: MemberRecord = { workspace: WS, id: 'anna', name: 'Anna Lind', role: 'editor', units: ['husby'] };

/** A clock that moves only when the test says so. */
function fakeClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => now,
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

const HOUR = 3600_000;

describe('tokens', () => {
  let storage: Storage;
  let time: ReturnType<typeof fakeClock>;
  beforeEach(async () => {
    storage = createMemoryStorage();
    time = fakeClock('2026-03-02T08:00:00.000Z');
    await storage.putMember(anna);
  });
  const make = (extra: { expiresAt?: string | null; memberId?: string } = {}) =>
    createToken(storage, { workspace: WS, memberId: 'anna', label: 'Excel, Husby', clock: time.clock, ...extra });

  describe('createToken', () => {
    it('returns a secret of 32 random bytes as spl_<base64url>, different every time', async () => {
      const a = await make();
      const b = await make();
      expect(a.secret).toMatch(TOKEN_PATTERN);
      expect(Buffer.from(a.secret.slice(4), 'base64url')).toHaveLength(32);
      expect(a.secret).not.toBe(b.secret);
      expect(a.record.id).not.toBe(b.record.id);
    });

    it('gives ids of letters only, which the audit log never mistakes for an identity number', () => {
      const ids = Array.from({ length: 2000 }, newTokenId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(/^[a-z]{11}$/);
        expect(sanitizeAuditDetail(`revoked ${id}`)).toBe(`revoked ${id}`);
      }
    });

    it('stores only the SHA-256 of the secret', async () => {
      const { secret, record } = await make();
      const stored = await storage.getTokenByHash(createHash('sha256').update(secret).digest('hex'));
      expect(stored).toEqual(record);
      expect(JSON.stringify(stored)).not.toContain(secret.slice(4));
    });

    it('records the creation time and the expiry from the clock', async () => {
      const { record } = await make({ expiresAt: '2026-03-02T10:00:00+01:00' });
      expect(record.createdAt).toBe('2026-03-02T08:00:00.000Z');
      expect(record.expiresAt).toBe('2026-03-02T09:00:00.000Z');
      expect(record.revokedAt).toBeNull();
    });

    it('refuses an expiry that has passed or is not a date', async () => {
      await expect(make({ expiresAt: '2026-03-02T07:59:59Z' })).rejects.toThrow(TokenError);
      await expect(make({ expiresAt: 'next tuesday' })).rejects.toMatchObject({ code: 'bad-expiry' });
    });

    it('refuses a token for someone who is not a member', async () => {
      await expect(make({ memberId: 'mallory' })).rejects.toMatchObject({ code: 'unknown-member' });
      expect(await storage.listTokens(WS)).toEqual([]);
    });
  });

  describe('resolveToken', () => {
    it('resolves a valid secret to the member’s principal', async () => {
      const { secret, record } = await make();
      expect(await resolveToken(storage, secret, time.now())).toEqual({
        ok: true,
        principal: { workspace: WS, memberId: 'anna', name: 'Anna Lind', role: 'editor', units: ['husby'], tokenId: record.id, expiresAt: null },
      });
    });

    it('says missing when nothing was sent', async () => {
      for (const secret of [undefined, null, '', '  ']) {
        expect(await resolveToken(storage, secret, time.now())).toEqual({ ok: false, reason: 'missing' });
      }
    });

    it('says unknown for a malformed secret or one never issued', async () => {
      const { secret } = await make();
      const neverIssued = `spl_${Buffer.alloc(32, 7).toString('base64url')}`;
      for (const s of ['hello', secret.slice(0, -1), `${secret}x`, neverIssued, secret.toUpperCase()]) {
        expect(await resolveToken(storage, s, time.now())).toEqual({ ok: false, reason: 'unknown' });
      }
    });

    it('says unknown when the token’s member no longer exists', async () => {
      const { secret, record } = await make();
      await storage.putToken({ ...record, memberId: 'gone' });
      expect(await resolveToken(storage, secret, time.now())).toEqual({ ok: false, reason: 'unknown' });
    });

    it('accepts a token until its expiry and refuses it from then on', async () => {
      const { secret } = await make({ expiresAt: '2026-03-02T09:00:00Z' });
      time.advance(HOUR - 1);
      expect((await resolveToken(storage, secret, time.now())).ok).toBe(true);
      time.advance(1);
      expect(await resolveToken(storage, secret, time.now())).toEqual({ ok: false, reason: 'expired' });
      time.advance(24 * HOUR);
      expect(await resolveToken(storage, secret, time.now())).toEqual({ ok: false, reason: 'expired' });
    });

    it('refuses a revoked token, also once it has expired', async () => {
      const { secret, record } = await make({ expiresAt: '2026-03-02T09:00:00Z' });
      expect(await revokeToken(storage, record.id, time.now())).toBe(true);
      expect(await resolveToken(storage, secret, time.now())).toEqual({ ok: false, reason: 'revoked' });
      time.advance(2 * HOUR);
      expect(await resolveToken(storage, secret, time.now())).toEqual({ ok: false, reason: 'revoked' });
    });

    it('uses the member’s current role and units, so a change needs no new token', async () => {
      const { secret } = await make();
      await storage.putMember({ ...anna, role: 'viewer', units: [] });
      const result = await resolveToken(storage, secret, time.now());
      expect(result.ok && [result.principal.role, result.principal.units]).toEqual(['viewer', []]);
    });
  });

  describe('revokeToken', () => {
    it('revokes once and reports unknown ids', async () => {
      const { record } = await make();
      expect(await revokeToken(storage, record.id, time.now())).toBe(true);
      expect(await revokeToken(storage, record.id, time.now())).toBe(false);
      expect(await revokeToken(storage, 'no-such-token', time.now())).toBe(false);
    });
  });

  describe('listTokens', () => {
    it('lists tokens with their state and without hashes', async () => {
      const active = await make();
      const expiring = await make({ expiresAt: '2026-03-02T09:00:00Z' });
      const revoked = await make();
      await revokeToken(storage, revoked.record.id, time.now());
      time.advance(2 * HOUR);
      const list = await listTokens(storage, WS, time.now());
      expect(Object.fromEntries(list.map((t) => [t.id, t.status]))).toEqual({
        [active.record.id]: 'active',
        [expiring.record.id]: 'expired',
        [revoked.record.id]: 'revoked',
      });
      for (const t of list) expect(t).not.toHaveProperty('hash');
      const printed = JSON.stringify(list);
      for (const t of [active, expiring, revoked]) expect(printed).not.toContain(t.record.hash);
    });
  });

  describe('in an SQLite file', () => {
    it('keeps neither the secret nor its bytes anywhere in the database files', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-tokens-'));
      try {
        const db = openSqliteStorage(path.join(dir, 'samplan.db'));
        await db.putMember(anna);
        const { secret, record } = await createToken(db, { workspace: WS, memberId: 'anna', label: 'x', clock: time.clock });
        expect((await resolveToken(db, secret, time.now())).ok).toBe(true);
        const raw = Buffer.from(secret.slice(4), 'base64url');
        // Read the files while open (WAL included) and again after close (checkpointed).
        for (const phase of ['open', 'closed']) {
          if (phase === 'closed') await db.close();
          // Every file, also those in the folder where the stores on the file meet (`<db>.journal-share/`).
          const all = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f));
          const files = Buffer.concat(all.filter((f) => fs.statSync(f).isFile()).map((f) => fs.readFileSync(f)));
          expect(files.includes(Buffer.from(record.hash)), `hash present (${phase})`).toBe(true);
          expect(files.includes(Buffer.from(secret)), `secret text (${phase})`).toBe(false);
          expect(files.includes(Buffer.from(secret.slice(4))), `base64url (${phase})`).toBe(false);
          expect(files.includes(raw), `raw bytes (${phase})`).toBe(false);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
