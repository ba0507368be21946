/**
 * Writing a workbook with the event loop given back as it goes: exceljs' streaming writer
 * (`stream.xlsx.WorkbookWriter`), whose rows are committed a slice at a time (`server/sync/slices.ts`) and whose
 * parts are deflated by `node:zlib` streams (archiver: in libuv's thread pool), so a server's export
 * of a large document holds no other request for long. exceljs' `writeBuffer` built the whole sheet,
 * its shared strings and their deflate (JSZip, in JavaScript) in one go: 3.7–9.2 s of a held loop
 * for 10,000 rows of 1,900 characters (`bench/export-loop.ts`).
 *
 * The texts stay shared strings (`t="s"` and `xl/sharedStrings.xml`), as `writeBuffer` wrote them:
 * the streaming writer without them writes a text as `t="str"`, a formula's cached result, which
 * the format does not give a plain cell. Its own shared strings part is made in one call at the end
 * (about 20 MB of XML for such a document, all at once); here it is written in slices too, each
 * item by exceljs' own renderer, so the part holds the items that call would write (its `count`
 * the references, as `writeBuffer` and ECMA-376 have it, where that call gave the unique count).
 */
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.js';
import { slicer } from '../sync/slices.js';

/** A yield to the loop when a slice of work has passed since the last (`slicer`), else undefined. */
export type Pause = () => Promise<void> | undefined;

/** What of the streaming writer's inside the shared strings slices use: exceljs 4.4's names, checked on use. */
interface WriterInside {
  sharedStrings: { values: unknown[]; count: number; totalRefs: number };
  _openStream(path: string): { write(text: string): unknown; end(): unknown };
}

/** An XML writer and the renderer of one `<si>` item, exceljs' own (not among its typed exports). */
interface ItemRenderer {
  XmlStream: new () => { readonly xml: string };
  SharedStringXform: new () => { render(xml: unknown, value: unknown): void };
}

/** Characters of shared-strings XML made before the loop may be given back. */
const PIECE_CHARS = 1 << 18;

let writerClass: Promise<new (options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>) => SlicedWorkbookWriter> | null = null;

/** exceljs' streaming writer, its shared strings part written in slices, with its yield (exceljs is loaded on first use, `load-exceljs.ts`). */
export type SlicedWorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter & { pause: Pause };

async function slicedWriter(): Promise<new (options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>) => SlicedWorkbookWriter> {
  const excel = await loadExcelJS();
  const requireCjs = createRequire(import.meta.url);
  const renderer: ItemRenderer = {
    XmlStream: requireCjs('exceljs/lib/utils/xml-stream.js') as ItemRenderer['XmlStream'],
    SharedStringXform: requireCjs('exceljs/lib/xlsx/xform/strings/shared-string-xform.js') as ItemRenderer['SharedStringXform'],
  };
  return class extends excel.stream.xlsx.WorkbookWriter {
    /** The writer's yield: rows are committed and shared strings written between two of them. */
    readonly pause: Pause = slicer();

    /** The shared strings as exceljs writes them (`WorkbookWriter.addSharedStrings`), a slice at a time. */
    override async addSharedStrings(): Promise<void> {
      const inside = this as unknown as Partial<WriterInside>;
      const strings = inside.sharedStrings;
      if (typeof inside._openStream !== 'function' || !strings || !Array.isArray(strings.values)) {
        throw new Error('exceljs\' streaming writer is not the one xlsx-stream.ts was written for (4.4: sharedStrings, _openStream)');
      }
      if (strings.count === 0) return;
      const stream = inside._openStream('/xl/sharedStrings.xml');
      stream.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
          `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.totalRefs}" uniqueCount="${strings.values.length}">`,
      );
      const item = new renderer.SharedStringXform();
      let xml = new renderer.XmlStream();
      let chars = 0;
      for (const value of strings.values) {
        item.render(xml, value);
        // A text's length stands for its XML's: escapes only lengthen it.
        chars += typeof value === 'string' ? value.length + 16 : 64;
        if (chars < PIECE_CHARS) continue;
        stream.write(xml.xml);
        xml = new renderer.XmlStream();
        chars = 0;
        await this.pause();
      }
      stream.write(`${xml.xml}</sst>`);
      stream.end();
    }
  } as unknown as new (options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>) => SlicedWorkbookWriter;
}

/**
 * The bytes of a workbook that `fill` writes into exceljs' streaming writer (styles on, texts as
 * shared strings). `fill` adds its sheets, commits each row (`row.commit()`) and awaits the
 * writer's `pause()` after each, and commits each sheet; the loop is then never held longer than
 * a slice (`SLICE_MS`) and a row. Rejects with what `fill` or exceljs throws.
 *
 * @example
 * const bytes = await slicedWorkbook(async (book) => {
 *   const sheet = book.addWorksheet('Plan');
 *   for (const values of rows) { sheet.addRow(values).commit(); await book.pause(); }
 *   sheet.commit();
 * });
 */
export async function slicedWorkbook(fill: (book: SlicedWorkbookWriter) => Promise<void>): Promise<Uint8Array> {
  writerClass ??= slicedWriter().catch((err: unknown) => {
    writerClass = null;
    throw err;
  });
  const Writer = await writerClass;
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Deflated at zlib's level 6, as exceljs' `writeBuffer` (JSZip) did: archiver left to its own
  // setting made the sheet 42 % larger (2,000 rows of 1,900 characters: 83 KB against 58 KB).
  const book = new Writer({ stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } });
  await fill(book);
  await book.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
