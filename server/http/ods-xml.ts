/**
 * The XML of OpenDocument parts as `saxes` reads it (`ods-content.ts`, `ods-sheet-reader.ts`,
 * `ods-cell-text.ts`): the namespaces by URI (a writer chooses the prefixes), an attribute by
 * namespace and local name, and the repeat and span counts of OpenDocument 1.3, part 3, 9.1.
 */
import type { SaxesTagNS } from 'saxes';

/** The namespaces of the elements and attributes read, by their URIs (OpenDocument 1.3, part 3, 1.3). */
export const NS = {
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  calcext: 'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0',
} as const;

/** A tag's attributes, as saxes gives them with `xmlns: true`. */
export type Attributes = SaxesTagNS['attributes'];

/** An attribute by namespace and local name (prefixes are the writer's choice). */
export function attr(attributes: Attributes, ns: string, local: string): string | undefined {
  for (const a of Object.values(attributes)) if (a.uri === ns && a.local === local) return a.value;
  return undefined;
}

/** A repeat or span count: at least 1, at most `max` (a count past the grid counts to its end). */
export function count(text: string | undefined, max: number): number {
  const n = text === undefined ? 1 : Number.parseInt(text, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}
