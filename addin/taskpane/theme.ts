/**
 * Styles shared by the workbench elements: VS Code's layout in Fluent's colours, sized for a
 * 320 px task pane.
 */
import { css } from 'lit';

/** Base styles every element adopts. */
export const baseStyles = css`
  :host {
    --samplan-fg: #242424;
    --samplan-muted: #616161;
    --samplan-bg: #ffffff;
    --samplan-side: #f5f5f5;
    --samplan-border: #e0e0e0;
    --samplan-accent: #0f6cbd;
    --samplan-hover: #ebebeb;
    --samplan-selected: #e0eefa;
    --samplan-error: #c42b1c;
    --samplan-warning: #9d5d00;
    --samplan-info: #0f6cbd;
    box-sizing: border-box;
    color: var(--samplan-fg);
    font-family: 'Segoe UI', system-ui, -apple-system, sans-serif;
    font-size: 13px;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2 {
    font-size: 11px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--samplan-muted);
    margin: 12px 12px 6px;
  }
  .empty {
    color: var(--samplan-muted);
    padding: 8px 12px;
    margin: 0;
  }
  .error-text {
    color: var(--samplan-error);
  }
  /* A refused name or text beside its refusal, the refused character marked (refused-text.ts). */
  .refused-text {
    margin: 4px 0;
    overflow-wrap: anywhere;
  }
  .refused-text mark {
    background: none;
    color: var(--samplan-error);
    outline: 1px solid var(--samplan-error);
    border-radius: 2px;
    padding: 0 1px;
  }
  button.row {
    all: unset;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 6px;
    width: 100%;
    padding: 4px 12px;
    cursor: pointer;
    min-height: 28px;
  }
  button.row:hover {
    background: var(--samplan-hover);
  }
  button.row:focus-visible,
  :focus-visible {
    outline: 2px solid var(--samplan-accent);
    outline-offset: -2px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/**
 * Styles of the small forms in the Members view (invite a member, make an API token): a grid of
 * labelled fields, section headings, a plain list, muted hints and a refusal box (`role="alert"`).
 */
export const formStyles = css`
  h2 {
    font-size: 13px;
    text-transform: uppercase;
    color: var(--samplan-muted);
  }
  form {
    display: grid;
    gap: 6px;
  }
  label {
    display: grid;
    gap: 2px;
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    padding: 4px 6px;
    min-width: 0;
  }
  li {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .muted {
    color: var(--samplan-muted);
    font-size: 12px;
  }
  [role='alert'] {
    margin: 8px 0;
    padding: 6px 8px;
    border-left: 3px solid var(--samplan-error);
    background: #fdf3f4;
  }
`;
