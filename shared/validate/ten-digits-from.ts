/**
 * Where ten digits first stand close together in a text from each of many starts, as
 * `tenDigitsAt` of `raw-scan-chain.ts` counts, without counting the text again from each start.
 * `scanJoined` of `raw-scan.ts` asks this of every window of up to four runs of a group that
 * control characters join: in a paste's single-byte readings, where an update's binary bytes read
 * as letters, such groups span whole rows, and counting each window from its own start went over
 * every character about twice more than the text holds (a 1,000-row paste: 13.3 million characters
 * in 367,170 windows, of which 663 held ten).
 *
 * Why one count serves every start: a chain counted from a later start has at every character as
 * many digits or fewer, and as long a gap or longer (up to the `WORDED_GAP` past which every gap
 * reads alike), than the chain counted from an earlier one (both see the same characters; the later
 * starts with none). So at a digit the earlier chain does not join to those before (`Chain.joins`),
 * neither does the later, and both hold that digit alone: from there on they count alike. The text
 * is thus cut at those digits into stretches, counted once from the group's start; a start inside a
 * stretch counts alone only to the stretch's end, and only when the stretch's own count reaches ten
 * (a later start reaches ten no sooner); past it the answer is the first stretch after it that does.
 */
import { separatorUnit } from './normalize-digits.js';
import { Chain, chainDigits, controlChar, tenDigitsAt } from './raw-scan-chain.js';

/** {@link tenDigitsAt} of one text from many starts in `[start, end)`, counted once. */
export class TenDigitsFrom {
  /** Where each stretch starts: `start`, then each digit no chain from before it joins. */
  private readonly breaks: number[] = [];
  /** Where the chain from each stretch's start first holds ten digits inside the stretch, or -1. */
  private readonly tens: number[] = [];
  /** For each stretch, the first of {@link tens} at it or after it that is not -1, or -1. */
  private readonly firstTens: number[];
  /** Where the last stretch asked for starts: starts are mostly asked in order. */
  private at = 0;

  /** Counts `text` from `start` to `end` once, as `tenDigitsAt(text, start, end)` would. */
  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    const chain = new Chain();
    this.breaks.push(start);
    this.tens.push(-1);
    for (let i = start; i < end; i++) {
      const at = i;
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      if (controlChar(cp)) continue;
      const digits = chainDigits(text, i + 1, cp, chain);
      if (digits > 0 && at > start && !chain.joins()) {
        this.breaks.push(at);
        this.tens.push(-1);
      }
      const last = this.tens.length - 1;
      if (chain.add(digits, digits > 0 ? 0 : separatorUnit(cp)) && (this.tens[last] as number) < 0) this.tens[last] = at;
    }
    this.firstTens = new Array<number>(this.tens.length);
    let next = -1;
    for (let k = this.tens.length - 1; k >= 0; k--) {
      const ten = this.tens[k] as number;
      if (ten >= 0) next = ten;
      this.firstTens[k] = next;
    }
  }

  /** True when ten digits stand close together anywhere from the start (`chainsTenDigits`). */
  get any(): boolean {
    return (this.firstTens[0] as number) >= 0;
  }

  /**
   * Where ten digits first stand close together counting from `from` (at or after the start) in
   * `[from, until)` (`until` at most the end): `tenDigitsAt(text, from, until)`, or an index at or
   * past `until` where none do before it. A start inside a stretch is counted alone to the
   * stretch's end or `until`, whichever comes first: never more than `tenDigitsAt` counts.
   */
  from(from: number, until: number): number {
    const { breaks, tens, firstTens } = this;
    let k = this.at;
    if ((breaks[k] as number) > from) k = 0;
    while (k + 1 < breaks.length && (breaks[k + 1] as number) <= from) k++;
    this.at = k;
    const after = k + 1 < firstTens.length ? (firstTens[k + 1] as number) : -1;
    const own = tens[k] as number;
    if (own < 0) return after;
    if (from === breaks[k]) return own;
    const next = k + 1 < breaks.length ? (breaks[k + 1] as number) : this.end;
    const alone = tenDigitsAt(this.text, from, Math.min(next, until));
    return alone >= 0 || next >= until ? alone : after;
  }
}
