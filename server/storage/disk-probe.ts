/**
 * What the file system says of a write SQLite failed. SQLite keeps the system's error to itself: a
 * full disk and a used-up disk quota both come out as `SQLITE_FULL` (a write cut short) or
 * `SQLITE_IOERR_WRITE` (a write refused outright, EDQUOT among them), and a file system remounted
 * read-only as `SQLITE_IOERR_*` too. One small write of our own beside the database, made only when
 * such an error comes (rarely), gets the system's code (ENOSPC, EDQUOT, EROFS, EIO), which
 * `faultWords` (`watched.ts`) then tells instead of SQLite's: "the disk quota is used up" where
 * SQLite said only "database or disk is full" or "disk I/O error".
 */
import fs from 'node:fs';

/** SQLite's codes of a write the file system may have refused, without saying why. */
const UNSAID = /^SQLITE_(FULL|IOERR)/;

/** Bytes the probe writes: more than the page or WAL frame SQLite failed to write (4 KiB by default). */
export const PROBE_BYTES = 64 * 1024;

/**
 * Writes {@link PROBE_BYTES} to `<file>.probe-<pid>` beside `file`, flushed to the disk, and removes
 * it again. Returns the code of the error the write, its flush or its close met (`ENOSPC`, `EDQUOT`,
 * `EROFS`, `EIO`…), or null when it succeeded (the file system has room for this user now); never
 * throws.
 */
export function probeWrite(file: string): string | null {
  const probe = `${file}.probe-${process.pid}`;
  let fd: number | null = null;
  try {
    fd = fs.openSync(probe, 'w', 0o600);
    const bytes = Buffer.alloc(PROBE_BYTES);
    for (let at = 0; at < bytes.length; ) {
      const wrote = fs.writeSync(fd, bytes, at, bytes.length - at);
      // Written short and then nothing: the file system has no more room for this user.
      if (wrote <= 0) return 'ENOSPC';
      at += wrote;
    }
    // Some file systems (NFS) tell a full disk or quota only when the data goes out.
    fs.fsyncSync(fd);
    // Or at the close (NFS again): its error is the probe's answer too.
    const closing = fd;
    fd = null;
    fs.closeSync(closing);
    return null;
  } catch (err) {
    return codeOf(err);
  } finally {
    try {
      if (fd !== null) fs.closeSync(fd);
    } catch {
      // The write's own error is the answer; the file is removed below all the same.
    }
    try {
      fs.rmSync(probe, { force: true });
    } catch {
      // A probe that cannot be removed is left, not thrown in place of the fault it was asked about.
    }
  }
}

/** The system's code of `err`, `EIO` when it has none. */
function codeOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** The error of the system that {@link withDiskCode} found behind an SQLite error, if any. */
export function diskCodeOf(err: unknown): string | undefined {
  const code = (err as { diskCode?: unknown } | null)?.diskCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `err`, with `diskCode` set to the system's code ({@link probeWrite} beside the database `file`)
 * when it is SQLite's error of a write that does not say why (`SQLITE_FULL`, `SQLITE_IOERR…`) and
 * the probe fails too; the same object, so its own code and message stay for the log. A database
 * in memory, and any other error, are returned as they are.
 */
export function withDiskCode<E>(err: E, file: string, probe: (file: string) => string | null = probeWrite): E {
  const code = (err as { code?: unknown } | null)?.code;
  if (file === ':memory:' || file === '' || typeof code !== 'string' || !UNSAID.test(code) || diskCodeOf(err) !== undefined) return err;
  const found = probe(file);
  if (found !== null && typeof err === 'object' && err !== null) Object.assign(err, { diskCode: found });
  return err;
}
