/**
 * The answer of `GET /v1/workspaces/:ws/member-removals` (`server/http/workspaces.ts`), shared by
 * the server, which builds it, and the pane's Members view, which reads it
 * (`addin/taskpane/members-client.ts`).
 */
import { z } from 'zod';

/**
 * A person removed from the workspace and not added again: their member id; their display name
 * as it was at the removal (null for a removal kept before names were, or whose name could not
 * be kept: `RemovalRecord.name`, the id then says who it was); who removed them (member id and
 * name while they are a member, both null for the command line) and when (ISO time).
 *
 * A server of before names were kept sends no `name`: it is read as null, so the list still shows.
 */
export const memberRemovalSchema = z.object({
  id: z.string(),
  name: z.string().nullable().default(null),
  removedBy: z.string().nullable(),
  removedByName: z.string().nullable(),
  removedAt: z.string(),
});

/** See {@link memberRemovalSchema}. */
export type MemberRemoval = z.infer<typeof memberRemovalSchema>;

/** `GET /v1/workspaces/:ws/member-removals`: the kept removals, by member id. */
export const memberRemovalsAnswerSchema = z.object({ removals: z.array(memberRemovalSchema) });

/** See {@link memberRemovalsAnswerSchema}. */
export type MemberRemovalsAnswer = z.infer<typeof memberRemovalsAnswerSchema>;
