/**
 * What the file system says of a write SQLite failed. SQLite keeps the system's error to itself: a
 * full disk and a used-up disk quota both come out as `SQLITE_FULL` (a write cut short) or
 * `SQLITE_IOERR_WRITE` (a write refused outright, EDQUOT among them), and a file system remounted
 * read-only as `SQLITE_IOERR_*` too. One small write of our own beside the database, made only when
 * such an error comes (rarely), gets the system's code (ENOSPC, EDQUOT, EROFS, EIO), which
 * `faultWords` (`watched.ts`) then tells instead of SQLite's: "the disk quota is used up" where
 * SQLite said only "database or disk is full" or "disk I/O error".
 *
 * Every probe of the process goes through one {@link limitedProbe}, {@link processProbe}: at most
 * once per {@link PROBE_EVERY_MS} beside one file (a database file, its journal, a backup's partial
 * file), whichever store, journal or backup asks. A disk that keeps failing fails every write (the
 * journal flushes every 250 ms), and a probe per failure wrote and flushed 64 KiB to that disk
 * four times a second; a limit per store or per journal opened still probed anew for each one
 * opened on the same file (a command's store beside the server's, a journal opened again), and a
 * backup's failure probed every time.
 */
import fs from 'node:fs';

/** SQLite's codes of a write the file system may have refused, without saying why. */
const UNSAID = /^SQLITE_(FULL|IOERR)/;

/** Bytes the probe writes: more than the page or WAL frame SQLite failed to write (4 KiB by default). */
export const PROBE_BYTES = 64 * 1024;

/**
 * Writes {@link PROBE_BYTES} to `<file>.probe-<pid>` beside `file`, flushed to the disk, and removes
 * it again. Returns the code of the error the write, its flush or its close met (`ENOSPC`, `EDQUOT`,
 * `EROFS`, `EIO`…); else `EFBIG` when `file` or its `-wal` or `-journal` has grown to within
 * {@link PROBE_BYTES} of the process's file-size limit (`limit()`, bytes, default
 * {@link fileSizeLimit}): the probe's new, small file stays under any limit above 64 KiB, so a
 * database stopped by `ulimit -f 1500` was told as an I/O error; else null (the file system has
 * room for this user now). Never throws.
 */
export function probeWrite(file: string, limit: () => number | null = fileSizeLimit): string | null {
  return probeNewFile(file) ?? (atSizeLimit(file, limit()) ? 'EFBIG' : null);
}

/**
 * The process's limit on the size of a file it writes (`RLIMIT_FSIZE`: `ulimit -f`, systemd's
 * `LimitFSIZE=`), in bytes, read from `/proc/self/limits`; null when there is none or it cannot be
 * read (not Linux).
 */
export function fileSizeLimit(): number | null {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max file size'));
    const soft = line?.slice('Max file size'.length).trim().split(/\s+/)[0];
    return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

/**
 * Whether `file`, its `-wal` or its `-journal` stands within {@link PROBE_BYTES} (SQLite's largest
 * page) of `limit` bytes: a write that would take it past the limit stops there (EFBIG, said by
 * SQLite as an I/O error), the file left at or just under it.
 */
function atSizeLimit(file: string, limit: number | null): boolean {
  if (limit === null) return false;
  return ['', '-wal', '-journal'].some((suffix) => {
    try {
      return fs.statSync(`${file}${suffix}`).size + PROBE_BYTES >= limit;
    } catch {
      return false;
    }
  });
}

/**
 * `err`, with `diskCode` `EFBIG` when it is SQLite's error of a write that does not say why and a
 * copy of `bytes` bytes (a backup of a database that size) does not fit under the process's
 * file-size limit (`limit()`, bytes, default {@link fileSizeLimit}). SQLite removes a backup it
 * could not finish, so no file is left at the limit for {@link probeWrite} to find. An error that
 * has its system code already, or any other, is returned as it is; the same object.
 */
export function withCopyLimit<E>(err: E, bytes: number, limit: () => number | null = fileSizeLimit): E {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNSAID.test(code) || diskCodeOf(err) !== undefined || typeof err !== 'object' || err === null) return err;
  const most = limit();
  if (most !== null && bytes > most) Object.assign(err, { diskCode: 'EFBIG' });
  return err;
}

/** {@link probeWrite}'s write of a new file beside `file`: the code of its error, or null. */
function probeNewFile(file: string): string | null {
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

/** The least time between two probes beside one file by a {@link limitedProbe}, in ms. */
export const PROBE_EVERY_MS = 10_000;

/** A probe: {@link probeWrite}'s shape. */
export type DiskProbe = (file: string) => string | null;

/**
 * A {@link DiskProbe} that writes beside each file at most once per `everyMs` (ms, default
 * {@link PROBE_EVERY_MS}, read from `now()`, ms since the epoch, default `Date.now`); asked again
 * sooner about the same file, it answers what its last probe there found, writing nothing. The
 * answer can be that long out of date (a quota raised meanwhile is told at the next probe).
 * `probe` is {@link probeWrite} unless given. Stores share {@link processProbe}.
 *
 * @example
 * const probe = limitedProbe();
 * withDiskCode(err, '/srv/samplan/samplan.db', probe); // probes; the same call within 10 s does not
 */
export function limitedProbe(opts: { everyMs?: number; now?: () => number; probe?: DiskProbe } = {}): DiskProbe {
  const everyMs = opts.everyMs ?? PROBE_EVERY_MS;
  const now = opts.now ?? (() => Date.now());
  const probe = opts.probe ?? probeWrite;
  const last = new Map<string, { at: number; code: string | null }>();
  return (file) => {
    const at = now();
    const known = last.get(file);
    if (known !== undefined && at >= known.at && at - known.at < everyMs) return known.code;
    const code = probe(file);
    // Files probed long ago are forgotten: one per backup target named, over a process's life.
    if (last.size >= FILES_REMEMBERED) for (const [f, k] of last) if (!(at >= k.at && at - k.at < everyMs)) last.delete(f);
    last.set(file, { at, code });
    return code;
  };
}

/** Files a {@link limitedProbe} remembers before it forgets those probed more than `everyMs` ago. */
const FILES_REMEMBERED = 64;

/**
 * The process's one {@link limitedProbe} (system clock, {@link PROBE_EVERY_MS}): what stores,
 * journals and backups probe through unless given another, so that the limit is per file, not per
 * store or journal opened.
 */
export const processProbe: DiskProbe = limitedProbe();

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
export function withDiskCode<E>(err: E, file: string, probe: DiskProbe = probeWrite): E {
  const code = (err as { code?: unknown } | null)?.code;
  if (file === ':memory:' || file === '' || typeof code !== 'string' || !UNSAID.test(code) || diskCodeOf(err) !== undefined) return err;
  const found = probe(file);
  if (found !== null && typeof err === 'object' && err !== null) Object.assign(err, { diskCode: found });
  return err;
}
