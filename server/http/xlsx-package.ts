/**
 * The parts of an XLSX package that say where the sheets are and how to read their cells
 * (ECMA-376 part 1, 12.3 and 18.2–18.8; part 2 for the relationships): the workbook (its sheets
 * in tab order with their states, the tab open at saving, the date system), the relationships
 * that name each sheet's part, the styles (each cell style's number format) and the shared
 * strings. Each is read as a stream (`xlsx-xml.ts`); every refusal is an {@link XlsxRefusal}.
 */
import { posix } from 'node:path';
import type { ZipEntry } from './zip-directory.js';
import { booleanWordsOf, kindOfFormat, type BooleanWords, type NumberKind } from './xlsx-number-format.js';
import { attribute, corrupt, isTrue, readXmlPart, type XmlHandlers, type XmlTag } from './xlsx-xml.js';

/** The entries of a package by part name, any case (part names are compared without case, ECMA-376 part 2, 6.2.2.3). */
export class Package {
  private readonly byName = new Map<string, ZipEntry>();

  /** `entries`: the ZIP directory (`zip-directory.ts`); `bytes` the whole file; `budget` the bytes all parts read may unpack to. */
  constructor(
    readonly bytes: Buffer,
    entries: readonly ZipEntry[],
    public budget: number,
  ) {
    for (const e of entries) this.byName.set(e.name.replace(/^\//, '').toLowerCase(), e);
  }

  /** The entry of part `name` (no leading `/`), if the package has it. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Reads part `entry` through `handlers` (`xlsx-xml.ts`), its unpacked bytes taken from the budget. */
  async read(entry: ZipEntry, handlers: XmlHandlers, onBytes?: (n: number) => void): Promise<void> {
    this.budget -= await readXmlPart(this.bytes, entry, this.budget, handlers, onBytes);
  }
}

/** A relationship: its type's last word (`worksheet`, `styles`, `sharedStrings`, `officeDocument`) and its target part. */
interface Relationship {
  type: string;
  target: string;
}

/** The relationships of part `source` (its `_rels/<name>.rels`), by id; none when it has no such part. */
export async function relationships(pkg: Package, source: string): Promise<Map<string, Relationship>> {
  const found = new Map<string, Relationship>();
  const folder = posix.dirname(source);
  const entry = pkg.entry(posix.join(folder, '_rels', `${posix.basename(source)}.rels`));
  if (!entry) return found;
  await pkg.read(entry, {
    open(tag) {
      const target = attribute(tag, 'Target');
      const id = attribute(tag, 'Id');
      if (tag.local !== 'Relationship' || !target || !id || attribute(tag, 'TargetMode') === 'External') return;
      // A target is relative to the source's folder, or absolute from the package's root.
      const part = target.startsWith('/') ? posix.normalize(target).slice(1) : posix.normalize(posix.join(folder, target));
      found.set(id, { type: (attribute(tag, 'Type') ?? '').split('/').pop() ?? '', target: part });
    },
    close() {},
  });
  return found;
}

/** A sheet as the workbook lists it: its tab name, whether it is hidden, and its part. */
export interface BookSheet {
  name: string;
  hidden: boolean;
  part: ZipEntry;
}

/** The workbook: its sheets in tab order, the index among them of the tab open at saving, its date system. */
export interface Book {
  sheets: BookSheet[];
  activeTab: number;
  date1904: boolean;
  styles?: ZipEntry;
  sharedStrings?: ZipEntry;
}

/** The workbook of the package: its part found from the package's relationships (`xl/workbook.xml` when it has none). */
export async function readBook(pkg: Package): Promise<Book> {
  const root = [...(await relationships(pkg, '')).values()].find((r) => r.type === 'officeDocument');
  const name = root?.target ?? 'xl/workbook.xml';
  const entry = pkg.entry(name);
  if (!entry) throw corrupt('The file holds no workbook part; it is not an XLSX workbook.');
  const listed: { name: string; hidden: boolean; id: string }[] = [];
  let activeTab: number | undefined;
  let date1904 = false;
  await pkg.read(entry, {
    open(tag: XmlTag) {
      if (tag.local === 'sheet') {
        const state = attribute(tag, 'state');
        listed.push({ name: attribute(tag, 'name') ?? `Sheet${listed.length + 1}`, hidden: state === 'hidden' || state === 'veryHidden', id: attribute(tag, 'id') ?? '' });
      } else if (tag.local === 'workbookView' && activeTab === undefined) activeTab = Number.parseInt(attribute(tag, 'activeTab') ?? '0', 10) || 0;
      else if (tag.local === 'workbookPr') date1904 = isTrue(attribute(tag, 'date1904'));
    },
    close() {},
  });
  const rels = await relationships(pkg, name);
  const sheets = listed.map((s) => {
    const target = rels.get(s.id)?.target;
    const part = target === undefined ? undefined : pkg.entry(target);
    if (!part) throw corrupt(`The XLSX workbook is damaged (the part of sheet "${s.name}" is missing).`);
    return { name: s.name, hidden: s.hidden, part };
  });
  const partOf = (type: string) => {
    const target = [...rels.values()].find((r) => r.type === type)?.target;
    return target === undefined ? undefined : pkg.entry(target);
  };
  return { sheets, activeTab: activeTab ?? 0, date1904, styles: partOf('styles'), sharedStrings: partOf('sharedStrings') };
}

/**
 * How the numbers of each cell style (`s` of a cell, an index into `cellXfs`) are read, and the
 * words a boolean cell of the style shows when its format gives them (`booleanWordsOf`).
 */
export async function readStyles(pkg: Package, entry: ZipEntry | undefined, onBytes: (n: number) => void): Promise<{ kinds: NumberKind[]; booleanWords: (BooleanWords | null)[] }> {
  if (!entry) return { kinds: [], booleanWords: [] };
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  await pkg.read(
    entry,
    {
      open(tag) {
        if (tag.local === 'numFmts') inNumFmts = true;
        else if (tag.local === 'cellXfs') inCellXfs = true;
        // `numFmt` also stands in differential formats (`dxf`, conditional formatting): only the list counts.
        else if (tag.local === 'numFmt' && inNumFmts) codes.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
        else if (tag.local === 'xf' && inCellXfs) formats.push(Number(attribute(tag, 'numFmtId') ?? '0'));
      },
      close(local) {
        if (local === 'numFmts') inNumFmts = false;
        else if (local === 'cellXfs') inCellXfs = false;
      },
    },
    onBytes,
  );
  return { kinds: formats.map((id) => kindOfFormat(id, codes)), booleanWords: formats.map((id) => booleanWordsOf(codes.get(id) ?? '')) };
}

/** `_xHHHH_`, the escape of a character XML cannot carry (ECMA-376 part 1, 22.9.2.19 ST_Xstring): `_x000D_` is a carriage return. */
export function unescapeXstring(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

/**
 * Collects a string item's text (`si` of the shared strings, `is` of an inline string): its `t`,
 * or its rich text runs' `t`s joined; a phonetic reading (`rPh`) is no part of the value.
 */
export class StringItem {
  private parts: string[] = [];
  private inT = false;
  private phonetic = 0;

  /** An element opened inside the item. */
  open(local: string): void {
    if (local === 'rPh') this.phonetic++;
    else if (local === 't' && this.phonetic === 0) this.inT = true;
  }

  /** Text inside the item. */
  text(t: string): void {
    if (this.inT) this.parts.push(t);
  }

  /** An element closed inside the item. */
  close(local: string): void {
    if (local === 'rPh') this.phonetic--;
    else if (local === 't') this.inT = false;
  }

  /** The item's text, and a fresh start for the next. */
  take(): string {
    const text = unescapeXstring(this.parts.join(''));
    this.parts = [];
    return text;
  }
}

/** The shared strings of the workbook, by index. */
export async function readSharedStrings(pkg: Package, entry: ZipEntry | undefined, onBytes: (n: number) => void): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  const item = new StringItem();
  let inItem = false;
  await pkg.read(
    entry,
    {
      open(tag) {
        if (tag.local === 'si') inItem = true;
        else if (inItem) item.open(tag.local);
      },
      text(t) {
        if (inItem) item.text(t);
      },
      close(local) {
        if (local === 'si') {
          inItem = false;
          strings.push(item.take());
        } else if (inItem) item.close(local);
      },
    },
    onBytes,
  );
  return strings;
}

/**
 * Characters a cell's text may hold that XML 1.0 cannot carry, or carries changed: the C0 control
 * characters but tab and line feed (a NUL, Word's soft line break U+000B pasted in), the carriage
 * return (an XML reader turns it into a line feed), U+FFFE and U+FFFF (no XML characters at all),
 * and a surrogate without its pair.
 */
// eslint-disable-next-line no-control-regex -- these characters are what it finds
const NOT_XML = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` as a workbook's string holds it (the inverse of {@link unescapeXstring}, as Excel writes
 * it): each character of {@link NOT_XML} as `_xHHHH_`, and the `_` of a text that already reads as
 * such an escape as `_x005F_`, so that `_x0041_` typed in a cell comes back as typed, not as `A`.
 * Written raw, U+FFFE made the export a file no reader opens (Samplan's own import refused it as
 * not XML), and exceljs dropped the control characters: the text came back changed.
 *
 * @example escapeXstring('rad ett\u000Brad två') // 'rad ett_x000B_rad två'
 */
export function escapeXstring(text: string): string {
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_').replace(NOT_XML, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
