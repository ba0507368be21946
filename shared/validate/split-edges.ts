/**
 * How the split check (`split-personnummer.ts`) reads a cell of words (`split-worded.ts`): only
 * the edges of it that some run could join into a number, and what its words say only when a
 * run asks. A cell of words is a run's first part by its tail or its last by its head, and
 * whether a run joins is decided by the parts' forms (`joinedHalves`, `joinedRun`), whatever the
 * neighbours hold: a tail no first part has the form of, or a head no last part has, is read as
 * none ({@link leadsRun}, {@link endsRun}), and a cell with neither as no cell of words (null,
 * which ends every run as such a cell did: no run through it joined). So an ordinary text that
 * ends in a number run rules cannot use (`a-12345`, `kl 14.30`, `Träff 2026-03-17`, an amount's
 * odd digits `12 500`) settles before its neighbours are read, and its words, read with a regular
 * expression and an object per word, are read only for a run that joins (`named`, lazily). An
 * edge no run may use is told so before it is built, a unit at a time (a tail not starting with a
 * digit, `tailStart`; leading words that label no number, `headLabelled`): for the edges of
 * `a-1234`, a cell each edit of the region bench writes, no slice, match array or reading is
 * made (what is left is the text's normal form, `wordedText`). The
 * same verdicts as reading every cell whole (`wordedCell`): `split-edges.test.ts` holds the two
 * against each other over the guard's spellings, split every way, and plan texts.
 */
import type { CellReading } from './split-reading.js';
import { datePartForm, serialForm } from './split-halves.js';
import { partText } from './split-runs.js';
import { GLUED_TAIL, headLabelled, namedInNorm, tailStart, wordedHead, wordedTail, wordedText, type WordedCell } from './split-worded.js';

/** The characters `joinedRun` counts as the number's (any but a space and a serial's mark). */
function counted(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 45 && c !== 43) n++;
  }
  return n;
}

/** True when `text` is a run's part (`partText`) whose digits a run may end or start with: an even count of them. */
function evenPart(text: string): boolean {
  return partText({ value: text, text }) !== null && counted(text) % 2 === 0;
}

/**
 * False when no run that starts with a part reading `text` (a cell of words' tail, trimmed) can
 * join into a number, whatever follows it; true when one may. A pair's first half must have a date
 * part's form (`joinedHalves`); a run's first part (`joinedRun`) a part's form, and, unless it is a
 * date written day first (a date part's form too), no `-` or `+` before its digits (a mark there
 * stands before the date part, where none is read) and an even count of digits (every cell ends
 * between two of the number's pairs).
 *
 * @example
 * leadsRun('811218'); // true
 * leadsRun('-12345'); // false
 * leadsRun('14.30'); // false
 */
export function leadsRun(text: string): boolean {
  if (datePartForm(text)) return true;
  const c = text.charCodeAt(0);
  return c !== 45 && c !== 43 && evenPart(text);
}

/**
 * False when no run that ends with a part reading `text` (a cell of words' head, trimmed) can join
 * into a number, whatever stands before it; true when one may. A pair's second half must have a
 * serial's form (`joinedHalves`); a run's last part (`joinedRun`, and the serial after a date
 * written day first, `dayFirstRun`) a part's form with no `-` or `+` after its digits and an even
 * count of digits (the number's digits are ten or twelve, every cell before it ending between two
 * pairs). A text with a date part's form is read as one may (a day-first date's marks are counted
 * as digits there).
 *
 * @example
 * endsRun('9876'); // true
 * endsRun('987'); // false
 * endsRun('9876-'); // false
 */
export function endsRun(text: string): boolean {
  if (serialForm(text) || datePartForm(text)) return true;
  const c = text.charCodeAt(text.length - 1);
  return c !== 45 && c !== 43 && evenPart(text);
}

/** A cell of words as the split check reads it: its edges some run may use, its words read when first asked. */
class EdgeCell implements WordedCell {
  readonly worded = true;
  private said: boolean | undefined;

  constructor(
    private readonly norm: string,
    readonly tail: CellReading | null,
    readonly head: CellReading | null,
  ) {}

  get named(): boolean {
    // What the words say is read of the whole text, with the tail it ends in, used by a run or not.
    return (this.said ??= namedInNorm(this.norm));
  }
}

/**
 * `value` read as a cell of words for the split check: `wordedCell`'s reading with a tail that
 * {@link leadsRun} says no run starts with, and a head that {@link endsRun} says none ends with,
 * left out, and null when neither is left (as for a text that is no cell of words); `named`
 * is read when first asked. Gives every run the verdict `wordedCell` gives it (see the file's comment).
 *
 * @example
 * edgeCell('född 811218')?.tail?.text; // '811218'
 * edgeCell('a-12345'); // null (wordedCell: a tail `-12345`, which no run starts with)
 */
export function edgeCell(value: unknown): WordedCell | null {
  const norm = wordedText(value);
  if (norm === null) return null;
  // Each edge is built only when a run may use it, which most are not (`a-1234`: the tail `-1234`
  // starts with a mark, the head follows the word `a`): told first, a unit at a time.
  const first = tailStart(norm);
  const c = first < 0 ? 0 : norm.charCodeAt(first);
  // A tail a run starts with starts with a digit (`leadsRun`: a date part, or a part with no mark
  // before its digits); digits glued to a letter are one only as a date with the month's name
  // (`pnr 8dec1981`), which the whole reading tells (`monthNamedTail`).
  const tail = (c >= 48 && c <= 57) || first === GLUED_TAIL ? leading(wordedTail(norm)) : null;
  const head = headLabelled(norm) ? ending(wordedHead(norm)) : null;
  return tail === null && head === null ? null : new EdgeCell(norm, tail, head);
}

/** `tail` when {@link leadsRun} says a run may start with it, else null. */
function leading(tail: CellReading | null): CellReading | null {
  return tail !== null && leadsRun(tail.text as string) ? tail : null;
}

/** `head` when {@link endsRun} says a run may end with it, else null. */
function ending(head: CellReading | null): CellReading | null {
  return head !== null && endsRun(head.text as string) ? head : null;
}
