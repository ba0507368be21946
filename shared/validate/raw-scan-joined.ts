/**
 * The second pass of the raw-byte net (`raw-scan.ts`) over one reading of the bytes: runs of the
 * text read joined across control characters where a word goes on (`Pnr:\u0001 1995-02-11 00:01`,
 * `per\u0001sonnummer …`), which the guard reads as nothing, label and all. The first pass
 * (`raw-scan-runs.ts`) reads each run alone; this one only the groups of runs that hold ten
 * digits close together, a few runs at a time.
 */
import type { PersonnummerMatch } from './personnummer.js';
import { controlChar, controlsJoin } from './raw-scan-chain.js';
import { breaksRun, controlsEnd, readRun } from './raw-scan-runs.js';
import { TenDigitsFrom } from './ten-digits-from.js';

/**
 * How a pass of {@link scanJoined} treats control characters inside a number: `join` reads the
 * number across them, as the guard does; else they end the run, as `scanRuns` reads each piece
 * too. `met` is set when the pass met such control characters: only then is the text read the
 * other way too.
 */
interface NumberJoins {
  readonly join: boolean;
  met: boolean;
}

/**
 * The most runs of {@link scanRuns} read as one text across control characters inside or after
 * a word (`controlsJoin` `'word'`): one string holding up to three such runs of control
 * characters (`P\u0001e\u0001r\u0001s…` holds more and is read in pieces).
 */
const MOST_JOINED = 4;

/**
 * The first number in `text` read across control characters where a word goes on
 * (`Pnr:\u0001 1995-02-11 00:01`, `per\u0001sonnummer …`: the guard reads them as nothing, and
 * the label with them). The bytes do not say where a string starts: a word joined across the
 * control characters may be the type byte `w` and the length of the next string
 * (`titlew\u0015Pnr:\u0001 1995-…`), which would hide the label. So each two to
 * {@link MOST_JOINED} runs in a row that such control characters join are read as one text:
 * the run that is the string is among them. Linear: at most three texts from each run, each of at
 * most {@link MOST_JOINED} runs, and only those with ten digits close together (`chainsTenDigits`) are read.
 * `prefixed`: as `readRun` takes it.
 */
export function scanJoined(text: string, seen: ReadonlySet<string>, clean: Set<string>, written: ReadonlySet<number> | null = null, prefixed = true): PersonnummerMatch | null {
  const joins: NumberJoins = { join: true, met: false };
  const found = joinedOf(text, seen, clean, written, joins, prefixed);
  if (found !== null || !joins.met) return found;
  return joinedOf(text, seen, clean, written, { join: false, met: false }, prefixed);
}

/**
 * {@link scanJoined} one way (`NumberJoins`). Cut at control characters inside a number, the
 * pieces on either side are runs like any other, read joined as words are (`'word'` holds
 * wherever `'number'` does), so a label cut off by control characters before the number stays
 * with it when a digit of the encoding glues after the serial (`Pnr:\u0001 1995-02-11 00:01\u00015`).
 */
function joinedOf(text: string, seen: ReadonlySet<string>, clean: Set<string>, written: ReadonlySet<number> | null, joins: NumberJoins, prefixed: boolean): PersonnummerMatch | null {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !breaksRun(text.charCodeAt(i), i, written)) continue;
    if (i < text.length && controlChar(text.charCodeAt(i))) {
      const end = controlsEnd(text, i);
      const inNumber = controlsJoin(text, start, i, end, 'number');
      if (inNumber) joins.met = true;
      if (inNumber && joins.join) {
        i = end - 1;
        continue;
      }
      if (inNumber || controlsJoin(text, start, i, end, 'word')) {
        starts.push(start);
        ends.push(i);
        start = end;
        i = end - 1;
        continue;
      }
    }
    // A group of runs joined with no ten digits close together anywhere holds no number in any window.
    const tens = starts.length > 0 ? new TenDigitsFrom(text, starts[0] as number, i) : null;
    if (tens !== null && !tens.any) {
      starts.length = 0;
      ends.length = 0;
    }
    if (tens !== null && starts.length > 0) {
      starts.push(start);
      ends.push(i);
      for (let j = 0; j + 1 < starts.length; j++) {
        const last = Math.min(starts.length, j + MOST_JOINED) - 1;
        // Counted first as `mayHoldNumber` counts: the runs' digits added up (`readRun`) are
        // many in a paste of rows, ten close together are rare, and the guard reads only those.
        // One count of the group answers for each window starting at run `j` (`TenDigitsFrom`).
        const ten = tens.from(starts[j] as number, ends[last] as number);
        if (ten < 0) continue;
        for (let k = j + 1; k <= last; k++) {
          if (ten >= (ends[k] as number)) continue;
          const found = readRun(text, starts[j] as number, ends[k] as number, seen, clean, prefixed);
          if (found !== null && !gluedAfter(text, starts[j] as number, ends[k - 1] as number, starts[k] as number, ends[k] as number, found, seen, clean, prefixed)) return found;
        }
      }
      starts.length = 0;
      ends.length = 0;
    }
    start = i + 1;
  }
  return null;
}


/**
 * True when the number `found` in the runs joined from `start` to `end` is one only because the
 * last run (`[lastStart, end)`, after control characters that start at `joinAt`) glued to the text
 * before it: the number stands wholly before those control characters, and with them read as a
 * space, a word's end, no number is read. The bytes do not say where a string ends: the run after
 * may be the next string's length, type and info bytes, and glued to the text they change how the
 * guard reads it (a receipt's `…98.92 kr` before bytes that read `s` or `5` became `…98.92 krs`,
 * no amount in kronor, and was refused). A label the join brings to a number (`Pnr:\u0001 1995-…`,
 * `per\u0001sonnummer …` before it, `…00:01\u0001(pnr)` after) reads the same either way. The runs
 * before the last joined without a number in them (`joinedOf` reads the shortest group first).
 */
function gluedAfter(text: string, start: number, joinAt: number, lastStart: number, end: number, found: PersonnummerMatch, seen: ReadonlySet<string>, clean: Set<string>, prefixed: boolean): boolean {
  const at = text.indexOf(found.match, start);
  if (at < 0 || at + found.match.length > joinAt) return false;
  const spaced = `${text.slice(start, joinAt)} ${text.slice(lastStart, end)}`;
  return readRun(spaced, 0, spaced.length, seen, clean, prefixed) === null;
}
