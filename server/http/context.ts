/**
 * The types every route group shares: the dependencies a router is built from, and the Hono
 * environment carrying the authenticated principal.
 */
import type { AuthResult, Principal } from '../auth/principal.js';
import type { RightsHooks } from '../sync/rights.js';
import type { LockLookup } from '../sync/row-locks.js';
import type { Logger } from '../logger.js';
import type { ServerMetrics } from '../metrics.js';
import type { Storage, TokenRecord } from '../storage/storage.js';
import type { DocAccess } from './doc-access.js';
import type { ReadWorkerOwner } from './read-worker.js';

/** The current time; passed in so that tests control expiry and timestamps. */
export type Clock = () => Date;

/** What the route groups are built from. */
export interface RouteDeps {
  storage: Storage;
  logger: Logger;
  clock: Clock;
  metrics: ServerMetrics;
  /** Reads and writes documents through the sync registry, so live clients see every change. */
  docs: DocAccess;
  /** The server's public address, e.g. `http://127.0.0.1:8787`. */
  publicUrl: string;
  /** Resolve a bearer token (undefined when none was sent) to a principal or a reason. */
  resolveToken: (token: string | undefined) => Promise<AuthResult>;
  /** Create a token for a member; the secret is returned once and only its hash is stored. */
  issueToken: (input: IssueTokenInput) => Promise<{ secret: string; record: TokenRecord }>;
  /** Tell open sockets that a right changed; call right after the storage write. */
  rights: RightsHooks;
  /** Rows approved follow-up rounds lock (imports refuse them per record); none when unset. */
  locks?: LockLookup;
  /** Owner of the reading workers this app keeps warm between imports (`read-worker.ts`): its close ends only those. */
  readOwner?: ReadWorkerOwner;
}

/** Hono environment of authenticated routes. */
export interface AuthEnv {
  Variables: { principal: Principal };
}

/** What a new token is for. */
export interface IssueTokenInput {
  workspace: string;
  memberId: string;
  label: string;
  /** ISO time after which the token is refused, or null for none. */
  expiresAt: string | null;
  /**
   * Who creates it (member id; null for the command line): the audit line `created <id> for
   * <member>` is then stored in the token's own transaction. Absent: no audit line.
   */
  auditBy?: string | null;
}
