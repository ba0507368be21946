/**
 * The file format of `<db>.journal`, the append journal in front of an SQLite store
 * (`sqlite-journal.ts`): a 4-byte header `SPJ1`, then entries `[u32 LE payload length][u32 LE
 * crc32 of payload][payload]`, each payload one document's batch of updates. One commit (a group
 * commit's several documents too) is one buffer written by one `writeSync`, so a process killed
 * with `kill -9` leaves each commit whole or absent; a crashed machine may leave a torn last entry,
 * which reading stops at (`readJournal`), and the commits in it are lost — as with the WAL under
 * `synchronous = NORMAL`.
 *
 * A file rewritten to hold the batches a refusal held back (`writeJournalAtomically`) starts with
 * `SPJ2` instead, and those entries are floating (`JournalBatch.floating`, their first sequence
 * number written negative): an older Samplan, which would read them as rows already stored and
 * drop them, refuses the file in words instead.
 */
import { closeSync, existsSync, fchmodSync, fstatSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { realDatabasePath } from './db-lock.js';
import { processProbe, type DiskProbe } from './disk-probe.js';

/** The header every journal file starts with. */
export const JOURNAL_MAGIC = Buffer.from('SPJ1', 'latin1');

/** The header of a journal file rewritten to hold floating entries (`JournalBatch.floating`); as long as {@link JOURNAL_MAGIC}. */
export const JOURNAL_MAGIC_HELD = Buffer.from('SPJ2', 'latin1');

/**
 * The name of the journal beside the SQLite file at `dbPath`: beside the file the path is, every
 * symbolic link followed ({@link realDatabasePath}, as `<db>.lock` and SQLite's own `-wal` are),
 * so that a server started through a link and one started on the file itself take in the same
 * journal, and a command through either spelling reads beside it.
 */
export const journalPathOf = (dbPath: string): string => `${realDatabasePath(dbPath)}.journal`;

/**
 * The journal's former name, `<dbPath>.journal` beside the path as given, when that is another
 * file than {@link journalPathOf}'s (the path is a symbolic link to the database); undefined when
 * both name one file. Samplan named the journal so before it followed links: a server of that
 * version started through a link and stopped by `kill -9` or a crash left its edits there, and the
 * store opened after an upgrade takes them in from there (`recoverFormerJournal`).
 *
 * @example formerJournalPathOf('current.db') // '/srv/samplan/current.db.journal' when current.db links to data/samplan.db
 */
export function formerJournalPathOf(dbPath: string): string | undefined {
  const former = path.resolve(`${dbPath}.journal`);
  return realDatabasePath(former) === journalPathOf(dbPath) ? undefined : former;
}

/** One update of a journaled batch: its bytes and who wrote it (`AppendItem` without records). */
export interface JournalItem {
  memberId: string | null;
  update: Uint8Array;
}

/** One document's batch as the journal holds it: numbered `firstSeq` … `firstSeq + items.length - 1`, committed at `atMs` (ms since 1970). */
export interface JournalBatch {
  workspace: string;
  doc: string;
  firstSeq: number;
  atMs: number;
  items: JournalItem[];
  /**
   * Held back by a refusal of its document (`JournalRecovery.held`, a flush's): its numbers are not
   * its rows' yet. It is stored numbered on from the document's last row when its document may be
   * written (another store may have written rows under its numbers meanwhile), unless its updates
   * already stand as rows from `firstSeq` on (a flush stored it numbered on, and the process died
   * before the file was truncated). Absent for an entry numbered for good.
   */
  floating?: boolean;
}

/** u32 length marking a null member id. */
const NULL_LENGTH = 0xffffffff;

/** The payload's size in bytes (strings as UTF-8). */
const payloadSize = (b: JournalBatch): number => {
  let size = 4 + Buffer.byteLength(b.workspace) + 4 + Buffer.byteLength(b.doc) + 8 + 8 + 4;
  for (const item of b.items) size += 4 + (item.memberId === null ? 0 : Buffer.byteLength(item.memberId)) + 4 + item.update.byteLength;
  return size;
};

/** Encodes `batches` as consecutive entries in one buffer (one `writeSync`). */
export function encodeEntries(batches: readonly JournalBatch[]): Buffer {
  let total = 0;
  const sizes = batches.map((b) => payloadSize(b));
  for (const s of sizes) total += 8 + s;
  const buf = Buffer.allocUnsafe(total);
  let at = 0;
  batches.forEach((b, i) => {
    const size = sizes[i] as number;
    const start = at + 8;
    let p = start;
    const str = (s: string): void => {
      const n = buf.write(s, p + 4, 'utf8');
      buf.writeUInt32LE(n, p);
      p += 4 + n;
    };
    str(b.workspace);
    str(b.doc);
    // A floating batch's number is written negative (numbers start at 1).
    p = buf.writeDoubleLE(b.floating ? -b.firstSeq : b.firstSeq, p);
    p = buf.writeDoubleLE(b.atMs, p);
    p = buf.writeUInt32LE(b.items.length, p);
    for (const item of b.items) {
      if (item.memberId === null) p = buf.writeUInt32LE(NULL_LENGTH, p);
      else str(item.memberId);
      p = buf.writeUInt32LE(item.update.byteLength, p);
      buf.set(item.update, p);
      p += item.update.byteLength;
    }
    buf.writeUInt32LE(size, at);
    buf.writeUInt32LE(crc32(buf.subarray(start, start + size)), at + 4);
    at = start + size;
  });
  return buf;
}

/** Decodes one payload (its crc already checked). */
function decodePayload(buf: Buffer): JournalBatch {
  let p = 0;
  const str = (): string => {
    const n = buf.readUInt32LE(p);
    const s = buf.toString('utf8', p + 4, p + 4 + n);
    p += 4 + n;
    return s;
  };
  const workspace = str();
  const doc = str();
  const numbered = buf.readDoubleLE(p);
  const atMs = buf.readDoubleLE(p + 8);
  const count = buf.readUInt32LE(p + 16);
  p += 20;
  const items: JournalItem[] = [];
  for (let i = 0; i < count; i++) {
    const memberId = buf.readUInt32LE(p) === NULL_LENGTH ? ((p += 4), null) : str();
    const n = buf.readUInt32LE(p);
    items.push({ memberId, update: new Uint8Array(buf.subarray(p + 4, p + 4 + n)) });
    p += 4 + n;
  }
  return numbered < 0 ? { workspace, doc, firstSeq: -numbered, atMs, items, floating: true } : { workspace, doc, firstSeq: numbered, atMs, items };
}

/** What {@link readJournal} found in a journal file. */
export interface JournalContents {
  /** The whole entries, in file order. */
  batches: JournalBatch[];
  /** Bytes after the last whole entry (a torn tail a crashed machine left), 0 normally. */
  tornBytes: number;
}

/**
 * Reads the journal at `file`: every entry up to the end, or up to the first whose length runs
 * past the end or whose crc does not match (a torn tail). A missing file reads as empty.
 * @throws Error naming the file when it does not start with the header `SPJ1` or `SPJ2` (not a
 * journal), its sentence in Swedish as `sv` (the command line says it in its language, `sentenceOf`).
 */
export function readJournal(file: string): JournalContents {
  if (!existsSync(file)) return { batches: [], tornBytes: 0 };
  const buf = readFileSync(file);
  if (buf.length === 0) return { batches: [], tornBytes: 0 };
  const header = buf.subarray(0, JOURNAL_MAGIC.length);
  if (buf.length < JOURNAL_MAGIC.length || !(header.equals(JOURNAL_MAGIC) || header.equals(JOURNAL_MAGIC_HELD))) {
    throw Object.assign(new Error(`${file} is not a Samplan journal (it does not start with SPJ1): move it away if it is not one`), {
      sv: `${file} är ingen Samplan-journal (den börjar inte med SPJ1): flytta undan den om den inte är en journal`,
    });
  }
  const batches: JournalBatch[] = [];
  let at = JOURNAL_MAGIC.length;
  while (at + 8 <= buf.length) {
    const size = buf.readUInt32LE(at);
    const end = at + 8 + size;
    if (end > buf.length) break;
    const payload = buf.subarray(at + 8, end);
    if (crc32(payload) !== buf.readUInt32LE(at + 4)) break;
    batches.push(decodePayload(payload));
    at = end;
  }
  return { batches, tornBytes: buf.length - at };
}

/** The open journal file a store appends to (`openJournalFile`). */
export interface JournalFile {
  /** Its size in bytes now (header included). */
  readonly size: number;
  /**
   * Appends `bytes` with one `writeSync`. A failed or short write (ENOSPC, EDQUOT, EIO) truncates
   * the file back to its size before the write and throws: no torn entry stays in front of later
   * ones. A short write's error carries the code a probe beside the file found (`disk-probe.ts`), EIO when none.
   */
  append(bytes: Buffer): void;
  /** Truncates the file to its header (after a flush committed its entries to SQLite). */
  reset(): void;
  /**
   * Makes the file hold the entries `bytes` alone (those a flush could not store, `encodeEntries`):
   * written to `<file>.keep` and renamed over the file, so a process killed meanwhile leaves the old
   * entries or the new, never neither; appends go on in the new file. Throws what the write throws
   * (a short one as {@link JournalFile.append} does), the file then as it was.
   */
  keep(bytes: Buffer): void;
  /** Closes the file descriptor. */
  close(): void;
}

/**
 * Makes `file` a journal holding the entries `bytes` alone (`encodeEntries` of batches a refusal
 * held back, floating), headed {@link JOURNAL_MAGIC_HELD}: written to `<file>.keep` and renamed
 * over it, so a process killed meanwhile leaves the old file or the new, never neither. `write`
 * and `mode` as {@link openJournalFile}'s. Throws what the write throws (a short write as an error
 * of `onShort`'s), the file then as it was and no `.keep` left.
 */
export function writeJournalAtomically(
  file: string,
  bytes: Buffer,
  write: (fd: number, bytes: Buffer) => number = writeSync,
  mode?: number,
  onShort: (at: string, written: number, wanted: number) => Error = (at, written, wanted) => Object.assign(new Error(`${at}: short write (${written} of ${wanted} bytes)`), { code: 'EIO' }),
): number {
  const next = `${file}.keep`;
  const all = Buffer.concat([JOURNAL_MAGIC_HELD, bytes]);
  const nextFd = openSync(next, 'w', mode);
  try {
    if (mode !== undefined) fchmodSync(nextFd, mode);
    const written = write(nextFd, all);
    if (written !== all.length) throw onShort(next, written, all.length);
  } catch (err) {
    closeSync(nextFd);
    rmSync(next, { force: true });
    throw err;
  }
  closeSync(nextFd);
  renameSync(next, file);
  return all.length;
}

/**
 * Opens (creating) the journal at `file` for appends, truncated to its header: read it
 * (`readJournal`) and take its entries in first; or, given `held` (entries a recovery could not
 * take in, `JournalRecovery.held`), made to hold them alone ({@link writeJournalAtomically}). `write` is `fs.writeSync` (a test seam: a disk
 * that fails or writes short). `mode`: the file's permission bits (the database's, as SQLite
 * gives its `-wal`: the journal holds the same edits), set on a file found too. `probe` asks the
 * disk why a write came out short, at most once per `PROBE_EVERY_MS` (`disk-probe.ts`).
 */
export function openJournalFile(file: string, write: (fd: number, bytes: Buffer) => number = writeSync, mode?: number, probe: DiskProbe = processProbe, held?: Buffer): JournalFile {
  const shortWrite = (at: string, written: number, wanted: number): Error =>
    Object.assign(new Error(`${at}: short write (${written} of ${wanted} bytes)`), { code: probe(file) ?? 'EIO' });
  if (held !== undefined) writeJournalAtomically(file, held, write, mode, shortWrite);
  let fd = openSync(file, 'a+', mode);
  if (mode !== undefined) fchmodSync(fd, mode);
  if (held === undefined) {
    ftruncateSync(fd, 0);
    writeSync(fd, JOURNAL_MAGIC);
  }
  let size = fstatSync(fd).size;
  return {
    get size() {
      return size;
    },
    append(bytes) {
      const before = size;
      try {
        const written = write(fd, bytes);
        // The medium's fault, most often a disk or quota that filled during the write: a write of
        // our own beside it (before the truncation frees the space) gets the system's code, ENOSPC
        // or EDQUOT, else it is an I/O error; so the server tells it as a storage fault of that
        // kind (`watched.ts`), as a write refused outright, not as one of no known kind.
        if (written !== bytes.length) throw shortWrite(file, written, bytes.length);
        size += written;
      } catch (err) {
        ftruncateSync(fd, before);
        throw err;
      }
    },
    reset() {
      ftruncateSync(fd, JOURNAL_MAGIC.length);
      size = JOURNAL_MAGIC.length;
    },
    keep(bytes) {
      const written = writeJournalAtomically(file, bytes, write, mode, shortWrite);
      closeSync(fd);
      fd = openSync(file, 'a+');
      size = written;
    },
    close() {
      closeSync(fd);
    },
  };
}
