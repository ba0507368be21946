/**
 * A personnummer or samordningsnummer written as ten or twelve digits in groups that are not its
 * fields: split by the space bar or by one repeated dash, dot or slash (`8501 01 1236`,
 * `85-01-01-12-36`), or in a spreadsheet's thousands groups (`8 501 011 236`). The other shapes
 * are `personnummer-shapes.ts`'s, which runs these in its order. Sources: Skatteverket SKV 704
 * (the fields) and SKV 707 (samordningsnummer, day + 60); PTS's number plan (phones start with 0).
 */
import { judgeDigits, PERIOD, type Verdict } from './personnummer-digits.js';

/**
 * Ten or twelve digits in two to six groups of two or more, one space between them and nothing
 * else: however a person groups a number with the space bar (`8501 01 1236`, `850 101 1236`,
 * `8501 011236`, `85010 11236`, pairs `85 01 01 12 36`, `8501 0112 36`, `19 85 01 01 12 36`,
 * `198501 011236`); or in three groups or more with one dash, dot or slash repeated between
 * them (`85-01-01-12-36`, `8501-01-12-36`, `85.01.01.12.36`, `850/101/12/36`: two groups so
 * split are `CANDIDATE_CUT`'s in `personnummer-shapes.ts`, a decimal `85010112.36` or a range `200101-201231`), the
 * same mark with a space on either side or on one side (`85 - 01 - 01 - 12 - 36`,
 * `850 / 101 / 1236`, `85 -01 -01 -12 -36`; a phone's `070 - 123 45 67` mixes its marks).
 * Swedish phone numbers written so start with 0 (an area code: `08`, `0771`,
 * mobile `07x`, PTS's number plan), so ten digits whose first is 0 pass as a phone (a number of
 * someone born 2000–2009 or 1900–1909 written so passes with it); one that starts with another
 * digit is no phone in national writing, and international writing has `+46` or `0046` before
 * (a `+`, or a digit group, before the first group is not read), so no phone number a person
 * writes has this shape. Twelve digits are no phone at all; two periods YYYYMM (`202601 202612`)
 * pass. A group of one digit is not read: `230512 1 500 kr` is a date and an amount; numbers in
 * thousands groups are {@link CANDIDATE_THOUSANDS}'s. No further group after (a longer list of
 * numbers is none), and none before. Of random digits in each of the 33 groupings of ten with
 * a first digit other than 0, 1.2 % pass the date and Luhn checks and are refused (1.20–1.25 %;
 * 0 before but for `6-4`, `6-2-2`, `2-2-2-4`, `2-2-6`, `8-2`, read before), of twelve with a
 * century 18–20 about 1.0 %; split by a dash, dot or slash, 1.05–1.11 % in each of the 26
 * groupings of three groups or more (0 before in 20 or 21 of them); measured, 20 000 each. That
 * is the cost: five numbers of 10–99 in a row (scores, ages), 0.40 % of random ones (0.34 % with
 * dashes), and phones of other countries written without their
 * country code (United States `310 512 3456`, 1.45 %). No Swedish phone number is refused: of
 * 390 000 written as PTS's plan and Språkrådet's groups give them (area codes 08, 0xx, 0xxx,
 * 07x; subscriber numbers of 5 to 8 digits in groups of 2–3, 3-4 or 4-4; dash, space, slash or
 * brackets after the area code; `+46`, `+46 (0)`, `0046`), none (`personnummer-phones.test.ts`).
 */
export const CANDIDATE_GROUPED = /\d(?<![\d+] ?[-+./,]? ?\d)(?=[\d ./-]{10})\d+( ?[./-] ?|[ ./-])\d\d+(?:\1\d\d+){0,4}(?! ?\d|[-./,]\d|\1\d)/g;
/**
 * The ten or twelve digits written as one number in groups of three from the right, the way a
 * spreadsheet shows a number cell formatted with a thousands separator and writes it into a CSV
 * file or a copied text (`8 501 011 236`, `8,501,011,236`, `8.501.011.236`, `198 501 011 236`;
 * a no-break or narrow no-break space, Swedish Excel's separator, reads as a space): one or three
 * digits, then three groups of three, one separator throughout, and no further group. The same
 * number in a number cell is refused already (`numberText`), so this refuses no text whose value
 * a number column would keep.
 */
export const CANDIDATE_THOUSANDS = /(?<!\d[ ,.]?)(\d{1,3})([ ,.])(\d{3})\2(\d{3})\2(\d{3})(?!\d|\2\d)/g;

/**
 * The verdict on one match of {@link CANDIDATE_GROUPED}: ten digits not starting with 0 (a phone's
 * area code), or twelve that are not two periods YYYYMM; three groups or more when a mark splits them.
 */
export function judgeGrouped(m: RegExpExecArray): Verdict {
  const mark = m[1] ?? ' ';
  const groups = m[0].split(mark);
  if (mark !== ' ' && groups.length < 3) return null;
  const digits = groups.join('');
  if (digits.length === 10 && digits.startsWith('0')) return null;
  if (groups.length === 2 && PERIOD.test(groups[0] as string) && PERIOD.test(groups[1] as string)) return null;
  return judgeDigits(digits, '');
}

/** The verdict on one match of {@link CANDIDATE_THOUSANDS}: one or three digits and nine more. */
export function judgeThousands(m: RegExpExecArray): Verdict {
  const [, head = '', , a = '', b = '', c = ''] = m;
  return head.length === 2 ? null : judgeDigits(head + a + b + c, '');
}
