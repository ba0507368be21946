/**
 * What a file written anew and renamed onto an existing one keeps of it (`samplan export --out`,
 * `samplan report`, `samplan backup --overwrite`: `output-file.ts`, `backup-target.ts`). A rename
 * puts the new file in the old one's place with the new file's own permissions, those a new file
 * gets (0644 under the usual umask): an export or backup its owner had made readable to themselves
 * alone (0600) became readable to every user of the machine on the next run. The new file takes
 * the old one's permission bits, and its owner and group where the process may give them (root
 * writing another user's file); one that was not there gets what any new file gets.
 */
import fs from 'node:fs';

/** The permission bits (0o7777), owner and group of a file that is there. */
export interface KeptMode {
  mode: number;
  uid: number;
  gid: number;
}

/** What the file `file` (followed through symbolic links) has to keep, or null when there is none. */
export function keptMode(file: string): KeptMode | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } : null;
  } catch {
    return null;
  }
}

/**
 * Give the file `partial`, about to be renamed onto a file that had `kept` ({@link keptMode}), the
 * old file's permission bits, then its owner and group where this process may (not as another
 * user: EPERM is let be). Nothing when `kept` is null. Throws what `chmod` throws.
 *
 * @example
 * const kept = keptMode('plan.csv');
 * fs.writeFileSync('plan.csv.partial-1', body, { mode: kept?.mode ?? 0o666 });
 * keepMode('plan.csv.partial-1', kept);
 * fs.renameSync('plan.csv.partial-1', 'plan.csv'); // still 0600 when it was
 */
export function keepMode(partial: string, kept: KeptMode | null): void {
  if (kept === null) return;
  const st = fs.statSync(partial);
  if (st.uid !== kept.uid || st.gid !== kept.gid) {
    try {
      fs.chownSync(partial, kept.uid, kept.gid);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    }
  }
  // After chown, which may clear set-id bits.
  fs.chmodSync(partial, kept.mode);
}
