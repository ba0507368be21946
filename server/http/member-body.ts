/**
 * A member's body as `POST /v1/workspaces/:ws/members` and `samplan member add` take it, in a
 * module of its own so that the CLI checks `--id`, `--name`, `--role` and `--units` before any of
 * the server is loaded (`put-member.ts` stores it).
 */
import { z } from 'zod';
import { roleSchema } from '../../shared/protocol/roles.js';
import { nameText } from '../../shared/validate/plain-text.js';
import { strictBody } from '../../shared/validate/strict-body.js';
import { memberIdFault, memberIdFaultWords, memberIdOfText } from '../../shared/protocol/member-id.js';

/** A member as the API and the CLI take it. */
export const memberBodySchema = strictBody({
  // The shape sign-in takes (`shared/protocol/member-id.ts`): an id a work account holds, `'` and
  // `#EXT#` too, is invited as it signs in; the refusal names the character it may not hold.
  id: z
    .string()
    .transform(memberIdOfText)
    .superRefine((id, ctx) => {
      const fault = memberIdFault(id);
      if (!fault) return;
      const words = memberIdFaultWords(fault);
      ctx.addIssue({ code: 'custom', message: words.en, params: { sv: words.sv }, input: id });
    }),
  name: nameText(),
  role: roleSchema,
  units: z.array(z.string().min(1).max(64)).max(100).default([]),
});

/** A parsed member body. */
export type MemberBody = z.infer<typeof memberBodySchema>;
