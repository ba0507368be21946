/**
 * The presence (Yjs awareness) state a client may announce, and its limits. The pane announces
 * `{ user: { name, color, role }, doc, row }`; a stock Yjs client may announce `{}` or part of it.
 * The server relays only states of this shape, at most {@link PresenceLimits.maxStateBytes} of
 * JSON, and replaces `user.name`, `user.role` and `user.memberId` with the connected member's own,
 * so nobody appears under another's name. Unknown keys make the state unknown, and it is dropped.
 */
import { z } from 'zod';
import { roleSchema } from './roles.js';

/** Limits on presence, enforced by the server per connection. */
export const PresenceLimits = {
  /** Largest state, in bytes of its JSON text. */
  maxStateBytes: 4 * 1024,
  /** Token bucket for awareness frames: sustained frames per second and burst. */
  framesPerSecond: 30,
  frameBurst: 60,
  /** Awareness client ids one connection may introduce (a stock client uses one). */
  maxClientIds: 4,
} as const;

/** Who is present, as relayed: the member's own name, role and id, and a colour of their choice. */
export const presenceUserSchema = z.strictObject({
  name: z.string().max(200),
  /** `#rrggbb`. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  role: roleSchema.nullable().optional(),
  memberId: z.string().max(64).optional(),
});

/** One client's presence state. */
export const awarenessStateSchema = z.strictObject({
  user: presenceUserSchema.optional(),
  /** The document id the client has open. */
  doc: z.string().max(200).optional(),
  /** The row id the client's selection is in, or null. */
  row: z.string().max(128).nullable().optional(),
});

/** A presence state as relayed. */
export type AwarenessState = z.infer<typeof awarenessStateSchema>;
