/**
 * A member's body as `POST /v1/workspaces/:ws/members` and `samplan member add` take it, in a
 * module of its own so that the CLI checks `--id`, `--name`, `--role` and `--units` before any of
 * the server is loaded (`put-member.ts` stores it).
 */
import { z } from 'zod';
import { checkWords } from '../../shared/i18n/check-words.js';
import { roleSchema } from '../../shared/protocol/roles.js';
import { nameText } from '../../shared/validate/plain-text.js';
import { strictBody } from '../../shared/validate/strict-body.js';
import { MEMBER_ID_PATTERN } from '../auth/member-id.js';

/** A member as the API and the CLI take it. */
export const memberBodySchema = strictBody({
  id: z.string().trim().toLowerCase().regex(
    MEMBER_ID_PATTERN,
    checkWords({
      sv: 'ska ha 1–128 tecken: små bokstäver, siffror, ".", "_", "-", "+" eller "@" (en e-postadress eller ett UPN går bra)',
      en: 'must be 1–128 lower-case letters, digits, ".", "_", "-", "+" or "@" (an e-mail address or UPN fits)',
    }),
  ),
  name: nameText(),
  role: roleSchema,
  units: z.array(z.string().min(1).max(64)).max(100).default([]),
});

/** A parsed member body. */
export type MemberBody = z.infer<typeof memberBodySchema>;
