/** Styles of the workbench: the activity bar, the view and the status bar in a column, notices. */
import { css } from 'lit';

/** `<samplan-workbench>`'s own styles, after `baseStyles`. */
export const workbenchStyles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    height: 100%;
    min-width: 0;
    background: var(--samplan-bg);
    overflow: hidden;
  }
  main {
    flex: 1;
    overflow-y: auto;
    min-height: 0;
  }
  .notice {
    margin: 8px 12px 0;
    padding: 6px 8px;
    background: var(--samplan-selected);
    border-radius: 4px;
  }
  .notice.warn {
    background: #fff4ce;
  }
`;
