/**
 * The answers of the REST routes that change a right (`server/http/workspaces.ts`, `session.ts`,
 * `document-life.ts`), shared by the server, which builds them, and the pane, which reads them.
 *
 * In a cluster such a route answers once every live server process applied the change; when that
 * could not be confirmed (Redis unreachable, a process silent past the bound or cut from Redis),
 * the answer carries `unconfirmed`: words in Swedish and English saying that the change is saved
 * and when the other processes apply it anyway (from the database, within seconds). The pane shows
 * them to the person who made the change (`server/fanout/rights-acks.ts` words them).
 */
import { z } from 'zod';

/** Words (Swedish for the pane, English for the API) that a saved rights change is not confirmed by every server process. */
export const rightsUnconfirmedSchema = z.object({ sv: z.string().min(1), en: z.string().min(1) });

/** See {@link rightsUnconfirmedSchema}. */
export type RightsUnconfirmed = z.infer<typeof rightsUnconfirmedSchema>;

const unconfirmed = { unconfirmed: rightsUnconfirmedSchema.optional() };

/** `POST /v1/workspaces/:ws/members` (201 created, 200 changed): the member as stored; `liftedRemoval` when a removed id was added again. */
export const memberSavedAnswerSchema = z.looseObject({
  member: z.object({ id: z.string() }),
  created: z.boolean(),
  liftedRemoval: z.object({ removedBy: z.string().nullable(), removedAt: z.string() }).nullable(),
  ...unconfirmed,
});

/** `DELETE /v1/workspaces/:ws/members/:member`: the member id removed and how many of its tokens were revoked. */
export const memberRemovedAnswerSchema = z.looseObject({ removed: z.string(), tokensRevoked: z.number().int().nonnegative(), ...unconfirmed });

/** `DELETE /v1/workspaces/:ws/tokens`: the token id revoked. */
export const tokenRevokedAnswerSchema = z.looseObject({ revoked: z.string(), ...unconfirmed });

/** `DELETE /v1/session`: the session signed out. */
export const signedOutAnswerSchema = z.looseObject({ signedOut: z.literal(true), ...unconfirmed });

/** `POST /v1/workspaces/:ws/documents/:doc/archive|unarchive`: the document record as stored. */
export const documentLifeAnswerSchema = z.looseObject({ document: z.object({ doc: z.string() }), ...unconfirmed });

/** The answer of `POST …/members` (input side: what the server builds). */
export type MemberSavedAnswer = z.input<typeof memberSavedAnswerSchema>;
/** The answer of `DELETE …/members/:member`. */
export type MemberRemovedAnswer = z.input<typeof memberRemovedAnswerSchema>;
/** The answer of `DELETE …/tokens`. */
export type TokenRevokedAnswer = z.input<typeof tokenRevokedAnswerSchema>;
/** The answer of `DELETE /v1/session`. */
export type SignedOutAnswer = z.input<typeof signedOutAnswerSchema>;
/** The answer of `POST …/archive|unarchive`. */
export type DocumentLifeAnswer = z.input<typeof documentLifeAnswerSchema>;

/**
 * The `unconfirmed` words of any of these answers, or null when the change was confirmed. Only
 * that field is read, so that words a server sends are shown even beside a field the reader does
 * not know of; malformed words count as none.
 */
export function unconfirmedOf(answer: unknown): RightsUnconfirmed | null {
  const parsed = z.looseObject(unconfirmed).safeParse(answer);
  return (parsed.success && parsed.data.unconfirmed) || null;
}
