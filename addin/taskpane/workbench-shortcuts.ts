/**
 * The workbench's keyboard shortcuts, as VS Code has them: Ctrl+Shift+P (⌘⇧P) opens the command
 * palette, F8 selects the next problem's cell. Heard inside the pane, or on the whole document when
 * the workbench asks for global shortcuts (the playground, where the workbook is beside the pane).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the shortcuts ask of the workbench. */
export interface ShortcutActions {
  /** Listen on the whole document rather than the pane alone; read when the pane is connected. */
  global(): boolean;
  /** Whether a member is signed in: no shortcut acts before. */
  signedIn(): boolean;
  openPalette(): void;
  nextProblem(): void;
}

/** Listens for the shortcuts while its host is connected. */
export class WorkbenchShortcuts implements ReactiveController {
  /** Where the listener was added, so it is removed from there. */
  private target: EventTarget | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly actions: ShortcutActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.target = this.actions.global() ? document : this.host;
    this.target.addEventListener('keydown', this.onKey as EventListener);
  }

  hostDisconnected(): void {
    this.target?.removeEventListener('keydown', this.onKey as EventListener);
    this.target = null;
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'p') {
      // The browser's own Ctrl+Shift+P (a private window) is kept from the pane even before sign-in.
      event.preventDefault();
      if (this.actions.signedIn()) this.actions.openPalette();
    } else if (event.key === 'F8' && this.actions.signedIn()) {
      event.preventDefault();
      this.actions.nextProblem();
    }
  };
}
