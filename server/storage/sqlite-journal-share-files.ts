/**
 * The files of `sqlite-journal-share.ts` in `<db>.journal-share/`: empty files named
 * `<kind>.<pid>.<start>.<id>` (`owner`, `guest`) and a guest's acknowledgement `<name>.ack`, so
 * that who made a file, and whether that process still runs, is read from its name alone (one
 * `readdir` per look, no file read).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processStart } from '../pid-file.js';
import { processAlive } from './db-lock.js';

/** Files this process made in share folders, removed at its exit (a command's `process.exit` releases nothing). */
const made = new Set<string>();
let exitHooked = false;

const myStart = processStart(process.pid) ?? '0';

/** A new unique name for this process's file of `kind`: `<kind>.<pid>.<start time, 0 if unknown>.<random id>`. */
export const nameOf = (kind: 'owner' | 'guest'): string => `${kind}.${process.pid}.${myStart}.${randomBytes(6).toString('hex')}`;

/** Whether the process that made the file `name` still runs (and is the same process: its start time matches). */
export function madeByLive(name: string): boolean {
  const [, pid, start] = name.split('.');
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0 || !processAlive(n)) return false;
  const now = processStart(n);
  return start === '0' || now === null || now === start;
}

/**
 * Create the empty file `name` in `folder` (made if missing: a last guest's release may just have
 * removed it) and return its path; it is removed at this process's exit unless {@link remove}d
 * before. Throws the file system's error (EEXIST for a name taken).
 */
export function announce(folder: string, name: string): string {
  const file = path.join(folder, name);
  for (let tries = 0; ; tries++) {
    try {
      fs.mkdirSync(folder, { recursive: true });
      fs.closeSync(fs.openSync(file, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || tries > 3) throw err;
    }
  }
  made.add(file);
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => made.forEach((f) => fs.rmSync(f, { force: true })));
  }
  return file;
}

/** Remove a file {@link announce} made (no error if it is gone). */
export function remove(file: string): void {
  fs.rmSync(file, { force: true });
  made.delete(file);
}

/**
 * The names in `folder` of live processes' files, by kind (`acks` by the guest's name + `.ack`);
 * files of dead processes are removed on the way (every name is unique: never a live one's). A
 * folder that is not there holds none.
 */
export function look(folder: string): { owners: string[]; guests: string[]; acks: string[] } {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return { owners: [], guests: [], acks: [] };
  }
  const seen = { owners: [] as string[], guests: [] as string[], acks: [] as string[] };
  for (const name of names) {
    const kind = name.endsWith('.ack') ? 'acks' : name.startsWith('owner.') ? 'owners' : name.startsWith('guest.') ? 'guests' : null;
    if (kind === null) continue;
    if (madeByLive(name)) seen[kind].push(name);
    else fs.rmSync(path.join(folder, name), { force: true });
  }
  return seen;
}

/** The name of a live owner's file in `folder`, if there is one; unlike {@link look}, removes nothing. */
export function liveOwnerIn(folder: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return undefined;
  }
  return names.find((name) => name.startsWith('owner.') && madeByLive(name));
}

/** The last one out removes the folder: `rmdir` fails, as meant, while anyone's file is in it. */
export function tidy(folder: string): void {
  try {
    fs.rmdirSync(folder);
  } catch {
    // Someone is still there (or it is gone already).
  }
}

/** The text of `file`, or null when it cannot be read (not there). */
export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
