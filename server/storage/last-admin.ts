/**
 * The rule that a workspace always keeps someone who can manage it: its last admin is neither
 * removed nor made an editor or viewer. Every store checks it in the write's own transaction,
 * against the admins as stored there, so two removals at once (of the two last admins) never both
 * pass: the second is checked after the first and refused.
 */
import type { Localized } from '../../shared/schema/types.js';

/** What a refused write would have done to the last admin. */
export type LastAdminChange = 'remove' | 'demote';

/**
 * The refusal of a removal or role change that would leave workspace `workspace` with no admin
 * (`RecordStore.deleteMember`, with a removal or without, `RecordStore.updateMember`, and
 * `putMember` or `putWorkspace` replacing the admin by a member of another role); nothing was written.
 * `localized` is the sentence in Swedish and English, `message` the English.
 */
export class LastAdminError extends Error {
  readonly code = 'last-admin';
  readonly localized: Localized;

  constructor(
    readonly workspace: string,
    readonly memberId: string,
    readonly change: LastAdminChange,
  ) {
    const words = lastAdminWords(workspace, memberId, change);
    super(words.en);
    this.name = 'LastAdminError';
    this.localized = words;
  }
}

/** The sentence of a {@link LastAdminError}, in both languages. */
export function lastAdminWords(workspace: string, memberId: string, change: LastAdminChange): Localized {
  const what = change === 'remove' ? { sv: 'tas bort', en: 'be removed' } : { sv: 'få en annan roll', en: 'be given another role' };
  return {
    sv: `${memberId} är den enda administratören i ${workspace} och kan inte ${what.sv}: då kan ingen längre hantera arbetsytan. Gör först någon annan till administratör.`,
    en: `${memberId} is the only admin of ${workspace} and cannot ${what.en}: no one could manage the workspace then. Make someone else an admin first.`,
  };
}

/**
 * Throws {@link LastAdminError} when taking admin `memberId` away (removing them, or giving them
 * role `newRole`) leaves `workspace` without an admin. `role` is the member's stored role (null
 * when none is stored), `admins` the ids of the workspace's admins as read in the write's transaction.
 */
export function checkLastAdmin(workspace: string, memberId: string, role: string | null, newRole: string | null, admins: readonly string[]): void {
  if (role !== 'admin' || newRole === 'admin') return;
  if (admins.some((id) => id !== memberId)) return;
  throw new LastAdminError(workspace, memberId, newRole === null ? 'remove' : 'demote');
}
