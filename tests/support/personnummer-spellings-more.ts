/**
 * More spellings of a personnummer or samordningsnummer, appended to `FLAGGED`
 * (`personnummer-spellings.ts`) so every suite that runs that list runs these too: look-alike
 * letters at a number's edge, beside a mark and where the separator goes; longer and two words
 * between date part and serial; a dotted serial; runs of one separator too long for the raw-byte
 * net's gap as bytes.
 */
/**
 * The serial's pairs split by a dot or a colon after a compact date part (`850101-12.36`), and a
 * date part cut at another place than its fields with any mark or one letter before the serial
 * (`8501 01O1236`, `8501-01.1236`), and ten or twelve digits in groups split by spaces or one
 * repeated mark (`8501 01 1236`, `12 12 12 12 12`, `85-01-01-12-36`) or mixed marks between whole
 * fields (`19 85 - 01 - 01 - 12 - 36`), a word or `#` naming the number after a date written as a
 * date (`1985-03-17 nr 1665`), and a serial split by a colon or dash after one (`85-03-17 16-65`): also run by the REST,
 * import and log tests.
 */
export const SPLIT_FLAGGED: Array<[text: string, match: string, kind?: 'personnummer' | 'samordningsnummer']> = [
  ['850101-12.36', '850101-12.36'],
  ['850101-12:36', '850101-12:36'],
  ['Pnr 850101 nr 12:36', '850101 nr 12:36'],
  ['19850101-12.36', '19850101-12.36'],
  ['850101 12:36', '850101 12:36'],
  ['850101.12.36', '850101.12.36'],
  ['850101:12:36', '850101:12:36'],
  ['850101 kl 12:36', '850101 kl 12:36'],
  ['850101-12:36:00', '850101-12:36'],
  ['850161-12.33', '850161-12.33', 'samordningsnummer'],
  ['8501 01O1236', '8501 01O1236'],
  ['8501 01l1236', '8501 01l1236'],
  ['8501 01.1236', '8501 01.1236'],
  ['8501 01/1236', '8501 01/1236'],
  ['8501 01:1236', '8501 01:1236'],
  ['8501 01x1236', '8501 01x1236'],
  ['198501 01_1236', '198501 01_1236'],
  ['8501-01O1236', '8501-01O1236'],
  ['8501-01.1236', '8501-01.1236'],
  ['85-0101/1236', '85-0101/1236'],
  // The date part cut by a dot, slash or underscore, the other separators of a date.
  ['85.0101-1236', '85.0101-1236'],
  ['8501/01-1236', '8501/01-1236'],
  ['Pnr 8501_01-1236', '8501_01-1236'],
  ['8501.01O1236', '8501.01O1236'],
  // The date part cut at another place, then one or two words before the serial, as after a whole one.
  ['8501 01 nr 1236', '8501 01 nr 1236'],
  ['Pnr 8501 01 nr 1236.', '8501 01 nr 1236'],
  ['8501 01 kl 1236', '8501 01 kl 1236'],
  ['850 101, nr: 1236', '850 101, nr: 1236'],
  ['85 0101 p nr 1236', '85 0101 p nr 1236'],
  ['198501 01 personnummer 1236', '198501 01 personnummer 1236'],
  ['8501-01 nr 12-36', '8501-01 nr 12-36'],
  ['8501.01 nr.12.36', '8501.01 nr.12.36'],
  ['8501 01 nr 12:36', '8501 01 nr 12:36'],
  ['8501 61 nr 1233', '8501 61 nr 1233', 'samordningsnummer'],
  // Ten digits (the first not 0: no phone) or twelve in groups split by spaces alone.
  ['Ring 8501 01 1236', '8501 01 1236'],
  ['850 101 1236', '850 101 1236'],
  ['Pnr 8501 011236.', '8501 011236'],
  ['85010 11236', '85010 11236'],
  ['12121 21212', '12121 21212'],
  ['1212 1212 12', '1212 1212 12'],
  ['12 12 12 12 12', '12 12 12 12 12'],
  ['Eva 85 01 01 12 36, Rinkeby', '85 01 01 12 36'],
  ['85 0101 1236', '85 0101 1236'],
  ['8501\u00A001\u00A01236', '8501\u00A001\u00A01236'],
  ['811 278 9873', '811 278 9873', 'samordningsnummer'],
  ['19 85 01 01 12 36', '19 85 01 01 12 36'],
  ['1985 01 01 12 36', '1985 01 01 12 36'],
  ['198501 011236', '198501 011236'],
  // The same in three groups or more with one dash, dot or slash repeated between them.
  ['85-01-01-12-36', '85-01-01-12-36'],
  ['12-12-12-12-12', '12-12-12-12-12'],
  ['Pnr 8501-01-12-36.', '8501-01-12-36'],
  ['85.01.01.12.36', '85.01.01.12.36'],
  ['12.12.12.12.12.', '12.12.12.12.12'],
  ['⒓⒓⒓⒓⒓', '⒓⒓⒓⒓⒓'],
  ['850/101/12/36', '850/101/12/36'],
  ['85-01-61-12-33', '85-01-61-12-33', 'samordningsnummer'],
  // The same in other scripts, with en dashes, with look-alike letters.
  ['\uFF18\uFF15\uFF10\uFF11 \uFF10\uFF11 \uFF11\uFF12\uFF13\uFF16', '\uFF18\uFF15\uFF10\uFF11 \uFF10\uFF11 \uFF11\uFF12\uFF13\uFF16'],
  ['\u0668\u0665\u0660\u0661 \u0660\u0661 \u0661\u0662\u0663\u0666', '\u0668\u0665\u0660\u0661 \u0660\u0661 \u0661\u0662\u0663\u0666'],
  ['85\u201301\u201301\u201312\u201336', '85\u201301\u201301\u201312\u201336'],
  ['Pnr 85O1 O1 l236', '85O1 O1 l236'],
  // One dash, dot or slash repeated between every group, with a space on either side or on one side.
  ['85 - 01 - 01 - 12 - 36', '85 - 01 - 01 - 12 - 36'],
  ['Eva 85 - 01 - 01 - 12 - 36, Rinkeby', '85 - 01 - 01 - 12 - 36'],
  ['Pnr 8501 - 01 - 12 - 36.', '8501 - 01 - 12 - 36'],
  ['85 . 01 . 01 . 12 . 36', '85 . 01 . 01 . 12 . 36'],
  ['850 / 101 / 1236', '850 / 101 / 1236'],
  ['85 -01 -01 -12 -36', '85 -01 -01 -12 -36'],
  ['1985 - 01 - 01 - 12 - 36', '1985 - 01 - 01 - 12 - 36'],
  ['85 \u2013 01 \u2013 01 \u2013 12 \u2013 36', '85 \u2013 01 \u2013 01 \u2013 12 \u2013 36'],
  ['85 - 01 - 61 - 12 - 33', '85 - 01 - 61 - 12 - 33', 'samordningsnummer'],
  // Whole fields with different marks between them: a space and a dash, dot, slash or plus.
  ['19 85 - 01 - 01 - 12 - 36', '19 85 - 01 - 01 - 12 - 36'],
  ['Eva 19 85-01-01-12-36, Rinkeby', '19 85-01-01-12-36'],
  ['85 01 01 - 12 36', '85 01 01 - 12 36'],
  ['19 85 01 01 - 12 36', '19 85 01 01 - 12 36'],
  ['85 / 01 / 01 - 1236', '85 / 01 / 01 - 1236'],
  ['85-01-01 -12-36', '85-01-01 -12-36'],
  ['19 85 \u2013 01 \u2013 01 \u2013 12 \u2013 36', '19 85 \u2013 01 \u2013 01 \u2013 12 \u2013 36'],
  ['19\u00A085\u00A0-\u00A001\u00A0-\u00A001\u00A0-\u00A012\u00A0-\u00A036', '19\u00A085\u00A0-\u00A001\u00A0-\u00A001\u00A0-\u00A012\u00A0-\u00A036'],
  ['19 85.01.01 - 12 36', '19 85.01.01 - 12 36'],
  ['85 01 01 + 12 36', '85 01 01 + 12 36'],
  ['19 85 - 01 - 61 - 12 - 33', '19 85 - 01 - 61 - 12 - 33', 'samordningsnummer'],
  // A word or `#` that names the number between a date written as a date and the serial (`nr`,
  // `pnr`, `p-nr`, `no`, `№`: see `number-labels.ts`), the serial split or not.
  ['1985-03-17 nr 1665', '1985-03-17 nr 1665'],
  ['Anna 1985-03-17 nummer 1665, Rinkeby', '1985-03-17 nummer 1665'],
  ['Pnr 1985-03-17 -nr 1665.', '1985-03-17 -nr 1665'],
  ['1985-03-17 pnr 1665', '1985-03-17 pnr 1665'],
  ['1985-03-17 p-nr: 1665', '1985-03-17 p-nr: 1665'],
  ['1985/03/17 pers.nr 1665', '1985/03/17 pers.nr 1665'],
  ['1985-03-17 no 1665', '1985-03-17 no 1665'],
  ['1985-03-17 №1665', '1985-03-17 №1665'],
  ['1985-03-17 # 1665', '1985-03-17 # 1665'],
  ['1985-01-01 nr 1236', '1985-01-01 nr 1236'],
  ['Hälsodag 2026-05-12 #1215', '2026-05-12 #1215'],
  ['85-03-17 nr 16-65', '85-03-17 nr 16-65'],
  ['85.03.17 pnr 16.65', '85.03.17 pnr 16.65'],
  ['85/03/17 nr: 16:65', '85/03/17 nr: 16:65'],
  ['85-03-17 # 16.65', '85-03-17 # 16.65'],
  ['1985/03/17 #16:65', '1985/03/17 #16:65'],
  ['1985-03-77 samordningsnummer 1662', '1985-03-77 samordningsnummer 1662', 'samordningsnummer'],
  // After a date written with marks, the serial split by a colon (no clock time) or by a dash
  // (no whole hours from one to a later one), after a spaced dash or a space.
  ['85-03-17 – 16:65', '85-03-17 – 16:65'],
  ['1985-03-17 - 16:65', '1985-03-17 - 16:65'],
  ['85-03-17 16-65', '85-03-17 16-65'],
  ['Anna 1985-03-17 16-65, Rinkeby', '1985-03-17 16-65'],
  ['85-03-17 16:65', '85-03-17 16:65'],
  ['85.03.17 16 - 65', '85.03.17 16 - 65'],
  ['85-03-77 16-62', '85-03-77 16-62', 'samordningsnummer'],
  // One hyphen before a serial that reads as a month and day: a number, no range.
  ['1985-01-01-12-10', '1985-01-01-12-10'],
  // Fields with mixed marks, then a bare space before the serial: no date written as a date
  // (one mark between year, month and day), so no date and time either.
  ['28 - 09 - 08 01 75', '28 - 09 - 08 01 75'],
  ['Ring 82 10-27 79 20, Rinkeby', '82 10-27 79 20'],
  ['70 - 08 01 48 42', '70 - 08 01 48 42'],
  ['19.81 07.06 35.24', '19.81 07.06 35.24'],
  ['19 38 \u2013 12/19 - 03 - 08', '19 38 \u2013 12/19 - 03 - 08'],
  // A label, then the serial's pairs split by a dash or colon with spaces.
  ['1985/03/17 nr 16 - 65', '1985/03/17 nr 16 - 65'],
  ['Pnr 850317 nr 16 : 65.', '850317 nr 16 : 65'],
  ['8503 17 pnr 16 - 65', '8503 17 pnr 16 - 65'],
  ['85-03-17 # 16 - 65', '85-03-17 # 16 - 65'],
  // The low line typed where a dash goes, in the date, before the serial and between its pairs.
  ['1941.06.12_51:09', '1941.06.12_51:09'],
  ['Anna 30_01_07 – 19:70, Rinkeby', '30_01_07 – 19:70'],
  ['pnr 68 04 73_74 65', '68 04 73_74 65', 'samordningsnummer'],
  ['19850101_1236', '19850101_1236'],
  ['85_01_01_12_36', '85_01_01_12_36'],
  ['89-12-27_01-08_', '89-12-27_01-08'],
  // The serial's pairs after any mark (`personnummer-paired.ts`), a mark after them; after a date
  // written as a date only pairs that are no time or hours, or marks no date and time has.
  ['96_05_04 (59:89', '96_05_04 (59:89'],
  ['00/07/01 / 01.35.', '00/07/01 / 01.35'],
  ['56.09.03 54.63.', '56.09.03 54.63'],
  ['Eva 85 01 01, 12 36', '85 01 01, 12 36'],
  ['85-01-01 (12-36)', '85-01-01 (12-36'],
  ['1985-01-01, 12-36', '1985-01-01, 12-36'],
  ['85/01/01 / 12.36', '85/01/01 / 12.36'],
];

export const MORE_FLAGGED: Array<[text: string, match: string, kind?: 'personnummer' | 'samordningsnummer']> = [
  // A word between date part and serial with a mark around it, or pairs with a dash after it.
  ['850101 nr 12-36', '850101 nr 12-36'],
  ['850101-nr-1236', '850101-nr-1236'],
  ['850101/nr/1236', '850101/nr/1236'],
  ['Anna 850101, nr 1236', '850101, nr 1236'],
  ['850101 (nr) 1236', '850101 (nr) 1236'],
  ['850101 nr.: 1236', '850101 nr.: 1236'],
  ['19850101_nr_1236', '19850101_nr_1236'],
  ['850101 - pnr 12 36', '850101 - pnr 12 36'],
  ['850101 p-nr 1236', '850101 p-nr 1236'],
  ['19850101 pers.nr 1236', '19850101 pers.nr 1236'],
  ['850101 p.nr. 1236', '850101 p.nr. 1236'],
  ['850101 - nr - 1236', '850101 - nr - 1236'],
  // A look-alike letter where the separator goes: read as a letter, a word of one.
  ['850101O1236', '850101O1236'],
  ['850101l1236', '850101l1236'],
  ['850101I1236', '850101I1236'],
  ['19850101O1236', '19850101O1236'],
  ['85O1O1O1236', '85O1O1O1236'],
  ['850101\u041E1236', '850101\u041E1236'],
  ['850161S1233', '850161S1233', 'samordningsnummer'],
  // Look-alike letters at a number's edge: at the start, at the end of the date part, beside a mark.
  ['85010l-l236', '85010l-l236'],
  ['8S0101-1236', '8S0101-1236'],
  ['B50101-1236', 'B50101-1236'],
  ['Pnr B50101-1236.', 'B50101-1236'],
  ['85010l-1236', '85010l-1236'],
  ['850101-I236', '850101-I236'],
  ['O50101-1233', 'O50101-1233'],
  ['\uFF2F50101-1233', '\uFF2F50101-1233'],
  ['\u041E50101-1233', '\u041E50101-1233'],
  ['850101-\u0406236', '850101-\u0406236'],
  ['\u041250101-1236', '\u041250101-1236'],
  ['B5010l-l236', 'B5010l-l236'],
  // Words of more than six letters, two words, a dotted serial.
  ['850101 personnr 1236', '850101 personnr 1236'],
  ['850101 p nr 1236', '850101 p nr 1236'],
  ['850101 nr.12.36', '850101 nr.12.36'],
  ['850101 personnummer 1236', '850101 personnummer 1236'],
  ['Eva 850101 - personnummer: 1236', '850101 - personnummer: 1236'],
  ['850101 pers. nr. 1236', '850101 pers. nr. 1236'],
  ['850101 sista fyra 1236', '850101 sista fyra 1236'],
  ['850101 telefon 1236', '850101 telefon 1236'],
  ['850101 nr och 1236', '850101 nr och 1236'],
  ['850161 samordningsnummer 1233', '850161 samordningsnummer 1233', 'samordningsnummer'],
  ['850101 \u2013 nr \u2013 1236', '850101 \u2013 nr \u2013 1236'],
  ['19850101 \u2013 personnummer \u2013 1236', '19850101 \u2013 personnummer \u2013 1236'],
  ['850101 kl 1277', '850101 kl 1277'],
  ['850101 kl 2507', '850101 kl 2507'],
  // Runs of one separator, which read as one, longer than the raw-byte net's old gap in bytes.
  ['850101----------1236', '850101----------1236'],
  ['850101\u2013\u2013\u2013\u2013\u20131236', '850101\u2013\u2013\u2013\u2013\u20131236'],
  ['850101..........1236', '850101..........1236'],
  ['850101 nr----------- 1236', '850101 nr----------- 1236'],
  // A date of six or eight digits with nothing between them, `kl` and a clock time: a date as a
  // personnummer begins, so judged as any word between date and serial.
  ['850101 kl 1236', '850101 kl 1236'],
  ['Möte 850101 kl. 12.36', '850101 kl. 12.36'],
  ['19850101 klockan 1236', '19850101 klockan 1236'],
  // The serial's pairs split by a dot or colon after a date part of six or eight digits with
  // nothing between them; the date part cut at another place with any mark or one letter (a
  // look-alike one too) before the serial.
  ...SPLIT_FLAGGED,
  // Symbols Unicode gives a digit value (Numeric_Type Digit) that are no decimal digits: NFKC
  // makes the parenthesized, full-stop and comma digits a digit with a mark (`⑴` `(1)`), and
  // leaves the Ethiopic, Rumi, Brahmi, Kharoshthi and New Tai Lue number symbols as they are.
  ['⑻⑸0⑴0⑴-⑴⑵⑶⑹', '⑻⑸0⑴0⑴-⑴⑵⑶⑹'],
  ['Pnr ⑴⑼⑻⑸0⑴0⑴-⑴⑵⑶⑹.', '⑴⑼⑻⑸0⑴0⑴-⑴⑵⑶⑹'],
  ['⒏⒌🄀⒈🄀⒈-⒈⒉⒊⒍', '⒏⒌🄀⒈🄀⒈-⒈⒉⒊⒍'],
  ['🄊🄇🄁🄊🄄🄁🄅🄈🄊🄇', '🄊🄇🄁🄊🄄🄁🄅🄈🄊🄇'],
  ['፰፭0፩፮፩-፩፪፫፫', '፰፭0፩፮፩-፩፪፫፫', 'samordningsnummer'],
  ['𐹦𐹨0𐹣𐹡𐹦𐹤𐹥𐹧𐹦', '𐹦𐹨0𐹣𐹡𐹦𐹤𐹥𐹧𐹦'],
  ['𑁙𑁖0𑁒0𑁒 𑁒𑁓𑁔𑁗', '𑁙𑁖0𑁒0𑁒 𑁒𑁓𑁔𑁗'],
  ['𐩀9𐩀𐩁𐩀𐩁𐩀𐩁-𐩀𐩁𐩀𐩁', '𐩀9𐩀𐩁𐩀𐩁𐩀𐩁-𐩀𐩁𐩀𐩁'],
  ['᧚2᧚2᧚2-᧚2᧚2', '᧚2᧚2᧚2-᧚2᧚2'],
  // Two or three marks between the date part and the serial, a space allowed between them (a
  // single mark was read, a run of different ones not): also after a label, in a comment's
  // mention (`@{…}`, shown as `@1236` in the history), and after a date written with marks.
  ['850101-{1236', '850101-{1236'],
  ['Pnr 850101 - - 1236', '850101 - - 1236'],
  ['850101)(1236', '850101)(1236'],
  ['850101] [1236', '850101] [1236'],
  ['850101 – – 1236', '850101 – – 1236'],
  ['850101 ~ ~ 1236', '850101 ~ ~ 1236'],
  ['850101 / / 1236', '850101 / / 1236'],
  ['850101%{1236}', '850101%{1236'],
  ['{850101}{1236}', '850101}{1236'],
  ['x 850161 – – 1233', '850161 – – 1233', 'samordningsnummer'],
  ['Ring 850101@{1236} idag', '850101@{1236'],
  ['19850101 -/- 1236', '19850101 -/- 1236'],
  ['85-01-01 - - 1236', '85-01-01 - - 1236'],
  // One letter, or a label, glued before the date part with words before the serial (a letter
  // glued stopped the match, to keep ids out; ids are now drawn so that the guard reads none).
  ['P850101x1236', '850101x1236'],
  ['a850101b1236', '850101b1236'],
  ['X19850101y1236', '19850101y1236'],
  ['Pnr850101x1236', '850101x1236'],
  ['ID: P850101 nr 1236', '850101 nr 1236'],
  ['Ring a850101-nr-1236 idag', '850101-nr-1236'],
  ['K850161k1233', '850161k1233', 'samordningsnummer'],
  ['P8501-01 nr 1236', '8501-01 nr 1236'],
  ['v18.12.1981 nr 9876', '18.12.1981 nr 9876'],
  // Four marks or more between the date part and the serial, up to eleven (three were read).
  ['850101)(-[1236', '850101)(-[1236'],
  ['850101 - - - - 1236', '850101 - - - - 1236'],
  ['850101 -.-.-.-.-.- 1236', '850101 -.-.-.-.-.- 1236'],
  ['19850101 ] [ ] [ 1236', '19850101 ] [ ] [ 1236'],
  ['850101 - - - - - - - - - - - 1236', '850101 - - - - - - - - - - - 1236'],
  ['850101 )(-[ 12 36', '850101 )(-[ 12 36'],
  ['85-01-01 -/-/- 1236', '85-01-01 -/-/- 1236'],
  ['x 850161 ) ( ) ( 1233', '850161 ) ( ) ( 1233', 'samordningsnummer'],
  ['Ring 850101@{-}[1236] idag', '850101@{-}[1236'],
  // A letter right after the serial of words set apart or of a number a label names (only a
  // shape written all together and named by nothing is an identifier's: `850101x1236c`).
  ['Personnummer: 19121212 nr 1212a', '19121212 nr 1212'],
  ['pnr 850101x1236x', '850101x1236'],
  ['Anna Svensson 850101 nr 1236st', '850101 nr 1236'],
  ['Ring 850101 x 1236x idag', '850101 x 1236'],
  ['Pnr 1912-12-12 nr 1212b', '1912-12-12 nr 1212'],
  ['pnr 8501-01 nr 1236x', '8501-01 nr 1236'],
];
