/**
 * The demo's admin, coordinator, editor and viewer tokens, kept across restarts. `samplan serve --demo`
 * writes their secrets to a file in the data directory (`<db>.demo-tokens.json`, mode 0600) and
 * reuses them at the next start while they still resolve. Each expires after 7 days; when they
 * are replaced (expired, revoked, file lost), the earlier demo tokens are revoked first, so at
 * most four demo tokens are ever active. A kept file without one of the four (written before the
 * coordinator's was added) is replaced like a lost one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { createToken, listTokens, resolveToken, revokeToken, type Clock } from '../auth/tokens.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';

/** Tokens printed at a demo start. */
export interface DemoTokens {
  admin: string;
  /** The county group's coordinator (`samordnare`, role `coordinator`), who approves and returns units' reports. */
  coordinator: string;
  editor: string;
  viewer: string;
}


/** How long a demo token lives, in ms. */
export const DEMO_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
/** Every demo token's label starts with this. */
export const DEMO_LABEL_PREFIX = 'demo ';

/** The member each demo token is for. */
const MEMBER_OF: Record<keyof DemoTokens, string> = { admin: 'admin', coordinator: 'samordnare', editor: 'tensta-dsk', viewer: 'chef' };

const fileSchema = z.object({ admin: z.string(), coordinator: z.string(), editor: z.string(), viewer: z.string() });

/** The tokens in `file` when all four still resolve; null otherwise (missing, bad, expired). */
async function reusable(storage: Storage, file: string, now: Date): Promise<DemoTokens | null> {
  if (!existsSync(file)) return null;
  let kept: DemoTokens;
  try {
    kept = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
  for (const secret of Object.values(kept)) if (!(await resolveToken(storage, secret, now)).ok) return null;
  return kept;
}

/** Revoke the workspace's active demo tokens; returns how many. */
async function revokeEarlier(storage: Storage, workspace: string, now: Date): Promise<number> {
  const earlier = (await listTokens(storage, workspace, now)).filter((t) => t.status === 'active' && t.label.startsWith(DEMO_LABEL_PREFIX));
  for (const t of earlier) await revokeToken(storage, t.id, now);
  return earlier.length;
}

/**
 * The demo tokens for `workspace`: those kept in `file` when they still resolve, else four new
 * ones (7 days) after revoking the earlier demo tokens, written to `file` when one is given.
 */
export async function demoTokens(
  storage: Storage,
  workspace: string,
  opts: { clock: Clock; logger: Logger; file?: string | null },
): Promise<DemoTokens> {
  const now = opts.clock();
  if (opts.file) {
    const kept = await reusable(storage, opts.file, now);
    if (kept) return kept;
  }
  const revoked = await revokeEarlier(storage, workspace, now);
  const expiresAt = new Date(now.getTime() + DEMO_TOKEN_TTL_MS).toISOString();
  const label = `${DEMO_LABEL_PREFIX}${now.toISOString().slice(0, 10)}`;
  const make = async (member: string) => (await createToken(storage, { workspace, memberId: member, label, expiresAt, clock: opts.clock })).secret;
  const tokens: DemoTokens = {
    admin: await make(MEMBER_OF.admin),
    coordinator: await make(MEMBER_OF.coordinator),
    editor: await make(MEMBER_OF.editor),
    viewer: await make(MEMBER_OF.viewer),
  };
  if (opts.file) writeFileSync(opts.file, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
  opts.logger.info({ workspace, revoked, expiresAt }, 'demo tokens issued');
  return tokens;
}
