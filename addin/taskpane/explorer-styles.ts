/**
 * Styles of the Explorer: the workspace choice, the document rows with their ⋯ menu and the title
 * editor, the archived documents folded away, and the template buttons.
 */
import { css } from 'lit';

/** `<samplan-explorer>`'s own styles, after `baseStyles`. */
export const explorerStyles = css`
  :host {
    display: block;
  }
  select {
    margin: 0 12px;
    width: calc(100% - 24px);
    padding: 4px;
    font: inherit;
  }
  .doc {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .doc-title {
    overflow-wrap: anywhere;
  }
  .kind {
    color: var(--samplan-muted);
    font-size: 11px;
  }
  button.row {
    align-items: flex-start;
    padding-top: 6px;
    padding-bottom: 6px;
  }
  button.row.opened {
    font-weight: 600;
    background: var(--samplan-selected);
  }
  .templates {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 0 12px 12px;
  }
  fluent-button {
    width: 100%;
    /* A long label ("Gör till delat dokument (bladet med markeringen)") wraps inside the button at 320 px instead of running past the pane. */
    height: auto;
    min-height: 32px;
  }
  fluent-button::part(control) {
    white-space: normal;
    overflow-wrap: break-word;
    padding-block: 4px;
    min-width: 0;
  }
  svg {
    flex: none;
  }
  .line {
    display: flex;
    align-items: stretch;
  }
  .line button.row {
    flex: 1;
    min-width: 0;
  }
  button.more {
    flex: none;
    width: 32px;
    border: 0;
    background: transparent;
    font: inherit;
    font-size: 16px;
    cursor: pointer;
    color: var(--samplan-muted);
  }
  button.more:hover,
  button.more[aria-expanded='true'] {
    background: var(--samplan-selected);
  }
  .menu,
  .edit {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 4px 12px 8px 36px;
  }
  .menu fluent-button {
    width: auto;
  }
  .edit {
    flex-direction: column;
  }
  .edit input {
    font: inherit;
    padding: 4px;
  }
  .edit .actions {
    display: flex;
    gap: 6px;
  }
  .edit .actions fluent-button {
    width: auto;
  }
  .edit #twin {
    padding: 6px 8px;
    background: #fff4ce;
    border-radius: 4px;
  }
  details {
    margin: 4px 0;
  }
  summary {
    padding: 4px 12px;
    cursor: pointer;
    color: var(--samplan-muted);
  }
`;
