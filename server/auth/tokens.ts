/**
 * Bearer tokens. A token is 32 random bytes shown once as `spl_<base64url>`; storage keeps only
 * the SHA-256 of the secret, so a copied database or backup opens nothing. Lookup is by hash
 * (an index lookup on a value the caller cannot steer bit by bit); the final comparison is
 * constant-time anyway, so a backend with a non-exact index cannot leak a prefix.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomString } from '../../shared/doc/index.js';
import { assertNoIdentity } from '../storage/record-text.js';
import type { AuditRecord, Storage, TokenRecord } from '../storage/storage.js';
import type { AuthResult } from './principal.js';

/** The current time; passed in so that tests control expiry. */
export type Clock = () => Date;

/** What every secret starts with, so it can be recognised (and found by secret scanners). */
export const TOKEN_PREFIX = 'spl_';
/** The shape of a secret: the prefix and 32 bytes in unpadded base64url (43 characters). */
export const TOKEN_PATTERN = /^spl_[A-Za-z0-9_-]{43}$/;

/** A token as shown to people: everything but the hash, plus its state at a given time. */
export type TokenInfo = Omit<TokenRecord, 'hash'> & { status: 'active' | 'expired' | 'revoked' };

/** Input of {@link createToken}. */
export interface CreateTokenInput {
  workspace: string;
  memberId: string;
  /** Where the token is used, e.g. "Annas bärbara" or "Power Query, ekonomi". */
  label: string;
  /** ISO time after which the token is refused; absent or null for no expiry. */
  expiresAt?: string | null;
  clock: Clock;
  /**
   * Who creates it (member id; null for the command line): the audit line `created <id> for
   * <member>` (action `token`) is then stored in the token's own transaction, so the token and its
   * line are stored together or not at all. Absent: no audit line (a sign-in session, audited as
   * the sign-in).
   */
  auditBy?: string | null;
  /** Further audit lines stored in the token's transaction (a sign-in's line with its session). */
  lines?: readonly AuditRecord[];
}

/** A token could not be created; `code` is stable, the message is for the admin (English, `sv` the Swedish). */
export class TokenError extends Error {
  /** The sentence in Swedish (`cli-lang.ts` `sentenceOf` says it on a Swedish command line). */
  readonly sv: string;

  constructor(
    readonly code: 'unknown-member' | 'bad-expiry',
    message: { sv: string; en: string },
  ) {
    super(message.en);
    this.sv = message.sv;
    this.name = 'TokenError';
  }
}

/**
 * A token's public id: 11 lower-case letters (about 50 bits), easy to read out and type for
 * `samplan token revoke`. Letters only, so an id is never a digit run that the audit log's
 * identity-number redaction would hide.
 */
export function newTokenId(): string {
  return randomString('abcdefghijkmnpqrstuvwxyz', 11);
}

/** SHA-256 of a secret, hex: the only form of it that is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Create a token for a member. The secret is returned once and never stored. Rejects with
 * {@link TokenError} for an unknown member or a past expiry, and with `IdentityInTextError`
 * (code `personnummer`) when the label or member id holds an identity number.
 *
 * @example
 * ```ts
 * const { secret, record } = await createToken(storage, {
 *   workspace: 'hbi-stockholm', memberId: 'anna', label: 'Excel, Husby', clock: () => new Date(),
 * });
 * ```
 */
export async function createToken(
  storage: Storage,
  input: CreateTokenInput,
): Promise<{ secret: string; record: TokenRecord }> {
  assertNoIdentity('token', { memberId: input.memberId, label: input.label });
  const now = input.clock();
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null) {
    const t = Date.parse(expiresAt);
    if (Number.isNaN(t)) throw new TokenError('bad-expiry', { sv: `"${expiresAt}" är ingen tidpunkt.`, en: `"${expiresAt}" is not a date and time.` });
    if (t <= now.getTime()) throw new TokenError('bad-expiry', { sv: 'Tiden då token ska gå ut har redan passerat.', en: 'The expiry time has already passed.' });
  }
  const member = await storage.getMember(input.workspace, input.memberId);
  if (!member) {
    throw new TokenError('unknown-member', {
      sv: `Det finns ingen medlem "${input.memberId}" i arbetsytan "${input.workspace}".`,
      en: `There is no member "${input.memberId}" in workspace "${input.workspace}".`,
    });
  }
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const record: TokenRecord = {
    id: newTokenId(),
    hash: hashSecret(secret),
    workspace: input.workspace,
    memberId: input.memberId,
    label: input.label,
    createdAt: now.toISOString(),
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    revokedAt: null,
  };
  const by = input.auditBy;
  const created: AuditRecord[] = by === undefined ? [] : [{ at: record.createdAt, workspace: record.workspace, doc: null, memberId: by, action: 'token', bytes: 0, detail: `created ${record.id} for ${record.memberId}` }];
  await storage.putToken(record, [...created, ...(input.lines ?? [])]);
  return { secret, record };
}

/**
 * Resolve a presented secret to the principal it stands for, or say why not: `missing` (nothing
 * sent), `unknown` (malformed, never issued, or its member was removed), `revoked`, `expired`.
 * The member's current role and units are read on every call, so a role change takes effect
 * without new tokens. `takeExpired`, when given, lets through an expired (never a revoked) record
 * it answers true for: only sign-out asks this (`resolveSignOutToken` in `sessions.ts`).
 */
export async function resolveToken(
  storage: Storage,
  secret: string | null | undefined,
  now: Date,
  takeExpired?: (record: TokenRecord) => boolean,
): Promise<AuthResult> {
  if (secret === null || secret === undefined || secret.trim() === '') return { ok: false, reason: 'missing' };
  if (!TOKEN_PATTERN.test(secret)) return { ok: false, reason: 'unknown' };
  const hash = hashSecret(secret);
  const record = await storage.getTokenByHash(hash);
  if (!record || !sameHash(record.hash, hash)) return { ok: false, reason: 'unknown' };
  if (record.revokedAt !== null) return { ok: false, reason: 'revoked' };
  if (isExpired(record, now) && !(takeExpired?.(record) ?? false)) return { ok: false, reason: 'expired' };
  const member = await storage.getMember(record.workspace, record.memberId);
  if (!member) return { ok: false, reason: 'unknown' };
  return {
    ok: true,
    principal: {
      workspace: record.workspace,
      memberId: member.id,
      name: member.name,
      role: member.role,
      units: [...member.units],
      tokenId: record.id,
      expiresAt: record.expiresAt,
    },
  };
}

/** Revoke a token by id; false when there is no such token or it was already revoked. */
export async function revokeToken(storage: Storage, id: string, now: Date): Promise<boolean> {
  return storage.revokeToken(id, now.toISOString());
}

/** A workspace's tokens as they may be printed: no hashes, with their state at `now`. */
export async function listTokens(storage: Storage, workspace: string, now: Date): Promise<TokenInfo[]> {
  const records = await storage.listTokens(workspace);
  return records.map(({ hash: _hash, ...rest }) => ({
    ...rest,
    status: rest.revokedAt !== null ? 'revoked' : isExpired(rest, now) ? 'expired' : 'active',
  }));
}

function isExpired(record: Pick<TokenRecord, 'expiresAt'>, now: Date): boolean {
  return record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime();
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
