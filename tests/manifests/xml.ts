/**
 * A small XML reader for the manifest tests, on happy-dom's DOMParser (no extra dependency).
 */
import { Window } from 'happy-dom';

/** Parses `text` as XML; throws on a document that is not well formed. */
export function parseXml(text: string): Document {
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(text, 'application/xml') as unknown as Document;
  if (!doc.documentElement || doc.getElementsByTagName('parsererror').length > 0) throw new Error('not well-formed XML');
  return doc;
}

/** The element children of `el`, by local name. */
export function childNames(el: Element): string[] {
  return [...el.children].map((c) => c.localName);
}

/** The first child element of `el` with this local name. */
export function child(el: Element | null | undefined, name: string): Element | null {
  return el ? ([...el.children].find((c) => c.localName === name) ?? null) : null;
}

/** Every descendant of `el` (itself included) as a flat list. */
export function descendants(el: Element): Element[] {
  return [el, ...[...el.children].flatMap((c) => descendants(c))];
}

/** Is `names` in the order `order` gives (names missing from `order` are out of order)? */
export function inOrder(names: readonly string[], order: readonly string[]): boolean {
  let at = -1;
  for (const name of names) {
    const i = order.indexOf(name);
    if (i < at || i < 0) return false;
    at = i;
  }
  return true;
}
