#!/usr/bin/env python3
"""Prints the runs of `DIGIT_SYMBOLS_UCD` in shared/validate/normalize-digits-classes.ts.

Every code point above U+007F that the Unicode Character Database gives a digit value
(Numeric_Type Digit: `unicodedata.digit`) but that is no decimal digit (category Nd, which the
guard reads by `\\p{Nd}`): the parenthesized, full-stop and comma digits, the superscripts and
subscripts, and the digits of the Ethiopic, Rumi, Brahmi and other scripts' number symbols. Runs
are `[first, last, value of first]`, each next code point one more in value. Run it with the
Python whose UCD version the comment in the TypeScript names (`unicodedata.unidata_version`).
"""
import unicodedata

points = []
for cp in range(0x80, 0x110000):
    ch = chr(cp)
    value = unicodedata.digit(ch, None)
    if value is None or unicodedata.category(ch) == 'Nd':
        continue
    points.append((cp, value))

runs = []
for cp, value in points:
    if runs and runs[-1][1] == cp - 1 and runs[-1][2] + (cp - runs[-1][0]) == value:
        runs[-1][1] = cp
    else:
        runs.append([cp, cp, value])

print(f'// Unicode {unicodedata.unidata_version}: {len(points)} code points in {len(runs)} runs')
line = '  '
for first, last, value in runs:
    item = f'[0x{first:x}, 0x{last:x}, {value}], '
    if len(line) + len(item) > 110:
        print(line.rstrip())
        line = '  '
    line += item
print(line.rstrip())
