/**
 * The rights versions storage's notices told of writes that lower no open socket's rights
 * (`ChangeHandlers.rights` with a `RightsNotice`): a token added, a sign-in session or a new API
 * token, whose id no open socket holds; a member added, an id no open socket's token names (a
 * socket is admitted only for a stored member, and the removal that took a member away was a
 * write of another kind); a document record renamed, nothing else in it changed (a title is no
 * right; a room keeps the record it has, whose archive state the rename left as it was). A rights round (`live-rights.ts`) whose storage moved since
 * the last complete round only by such writes has nothing to read: the rights in force are those
 * storage holds at the new version. Every other kind (a token changed or revoked, a member
 * changed, also by an add over a stored id, or removed, a document record written otherwise or deleted) and a notice that says nothing (a
 * writer of an earlier Samplan, a change SQLite's notice file tells with no line, notices that came back) is
 * never remembered here, so a version it moved is never covered and the round reads rights again.
 */
import type { RightsNotice, RightsWriteKind } from '../storage/storage.js';

/** The kinds of write that cannot lower the rights of an open socket. */
export const LOWERS_NO_RIGHT: ReadonlySet<RightsWriteKind> = new Set<RightsWriteKind>(['token-added', 'member-added', 'doc-retitled']);

/** Versions remembered at most; past it they are forgotten (a forgotten version only costs a round). */
const MOST = 10_000;

/** The versions told to lower no right, above the last version a round read everything at. */
export class QuietVersions {
  private readonly versions = new Set<number>();

  /** Remember `notice`'s version when its write lowers no right; true if so. */
  told(notice: RightsNotice | undefined): notice is RightsNotice {
    if (!notice || !LOWERS_NO_RIGHT.has(notice.kind)) return false;
    if (this.versions.size >= MOST) this.versions.clear();
    this.versions.add(notice.version);
    return true;
  }

  /**
   * Whether every version after `seen` up to `version` was told to lower no right (true when
   * `version` is not after `seen`); the versions covered are forgotten.
   */
  covers(seen: number, version: number): boolean {
    if (version - seen > this.versions.size) return false;
    for (let v = seen + 1; v <= version; v++) if (!this.versions.has(v)) return false;
    this.forget(version);
    return true;
  }

  /** Forget the versions up to `seen` (a round read everything at it). */
  forget(seen: number): void {
    for (const v of this.versions) if (v <= seen) this.versions.delete(v);
  }

  /** How many versions are remembered (for tests). */
  get size(): number {
    return this.versions.size;
  }
}
