/**
 * The text of an OpenDocument cell (`ods-content.ts`): its paragraphs joined by line breaks,
 * `text:s` spaces, `text:tab`, `text:line-break`, spans and links read through, annotations
 * (comments) left out, cut at Excel's longest cell text. OpenDocument 1.3, part 3, chapter 6.1.
 */
import type { SaxesTagNS } from 'saxes';
import type { OpenCell } from './ods-sheet-reader.js';
import { attr, count, NS } from './ods-xml.js';

/** Longest text a cell holds (Excel's limit); `text:s text:c="…"` cannot make a longer one. */
const MAX_CELL_TEXT = 32_767;

/** The text of a cell's paragraphs: `text:s` spaces, `text:tab`, `text:line-break`, spans and links. */
export class CellText {
  private depth = 0;
  private annotation = 0;
  private current = '';
  /** Characters of the cell's text so far, paragraph breaks included: counted, never recounted. */
  private length = 0;
  /** {@link length} when the open paragraph started: one started full adds nothing, not even a break. */
  private lengthAtParagraph = 0;

  constructor(private readonly cell: OpenCell) {}

  private add(text: string): void {
    const room = MAX_CELL_TEXT - this.length;
    if (room <= 0) return;
    const taken = text.length > room ? text.slice(0, room) : text;
    this.current += taken;
    this.length += taken.length;
  }

  open(tag: SaxesTagNS): void {
    if (tag.uri === NS.office && tag.local === 'annotation') this.annotation++;
    if (this.annotation > 0) return;
    if (tag.uri !== NS.text) return;
    if (tag.local === 'p' || tag.local === 'h') {
      this.depth++;
      if (this.depth === 1) {
        this.current = '';
        this.lengthAtParagraph = this.length;
      }
    } else if (this.depth > 0 && tag.local === 's') {
      this.add(' '.repeat(Math.min(count(attr(tag.attributes, NS.text, 'c'), MAX_CELL_TEXT), MAX_CELL_TEXT)));
    } else if (this.depth > 0 && tag.local === 'tab') this.add('\t');
    else if (this.depth > 0 && tag.local === 'line-break') this.add('\n');
  }

  close(tag: SaxesTagNS): void {
    if (tag.uri === NS.office && tag.local === 'annotation') {
      this.annotation--;
      return;
    }
    if (this.annotation > 0 || tag.uri !== NS.text || (tag.local !== 'p' && tag.local !== 'h')) return;
    this.depth--;
    // The paragraph that reaches the limit is kept, cut (a long note is not lost whole).
    if (this.depth !== 0 || this.lengthAtParagraph >= MAX_CELL_TEXT) return;
    this.cell.paragraphs.push(this.current);
    // The line break that joins it to the next paragraph.
    this.length += 1;
  }

  text(text: string): void {
    if (this.annotation === 0 && this.depth > 0) this.add(text);
  }
}
