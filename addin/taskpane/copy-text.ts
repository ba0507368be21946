/**
 * Putting text on the clipboard from the pane: the Clipboard API where the host allows it, else a
 * selected text area and `execCommand('copy')` (an Office host that does not allow the API).
 */

/**
 * Copies `text`; `root` holds the text area of the fallback for as long as it copies.
 *
 * @example
 * await copyText('Rad i filen\tId\tVarför', this.renderRoot);
 */
export async function copyText(text: string, root: ParentNode): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    root.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
