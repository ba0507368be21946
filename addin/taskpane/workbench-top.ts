/**
 * A new notice, twin question or dialog is drawn at the top of the workbench's view, which may be
 * scrolled down to the button that caused it ("Hämta indikatortabell" and the templates'
 * "Aktivitetsplan för min mottagning" are below the document list): the view is scrolled to its
 * top so the person sees it instead of nothing happening.
 */
import type { Notice } from './notice.js';

/** What the view shows above its content now. */
export interface ShownAbove {
  notice: Notice | null;
  /** The twin question shown, by identity (a new question is a new object); null when none. */
  twin: object | null;
  /** A dialog (adopting a sheet, pulling an indicator table) stands in the view's place. */
  dialog: boolean;
  /** The view shown; a notice of another view is not drawn. */
  view: string;
}

/** Remembers what was drawn last, and scrolls the view to its top when something new is drawn above it. */
export class NewAtTop {
  private drawn: Omit<ShownAbove, 'view'> = { notice: null, twin: null, dialog: false };

  /**
   * Called after each render with the view's scrolling element (`main#view`, null before sign-in)
   * and what it shows now.
   */
  show(main: Element | null, now: ShownAbove): void {
    const newNotice = now.notice !== null && now.notice !== this.drawn.notice && now.notice.view === now.view;
    const newTwin = now.twin !== null && now.twin !== this.drawn.twin;
    if (main && ((now.dialog && !this.drawn.dialog) || newNotice || newTwin)) main.scrollTop = 0;
    this.drawn = { notice: now.notice, twin: now.twin, dialog: now.dialog };
  }
}
