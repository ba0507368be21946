/** The look of `<samplan-grid>`: a small spreadsheet in Excel's colours, and its right-click menu. */
import { css } from 'lit';

/** The grid's styles. */
export const gridStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    font: 12px 'Segoe UI', system-ui, sans-serif;
    border: 1px solid #c8c8c8;
    background: white;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding: 4px 6px;
    background: #f3f3f3;
    border-bottom: 1px solid #c8c8c8;
  }
  .bar button,
  .bar select {
    font: inherit;
  }
  .bar select {
    max-width: 160px;
  }
  .tab[aria-selected='true'] {
    font-weight: 600;
    border-bottom: 2px solid #107c41;
  }
  .scroll {
    overflow: auto;
    flex: 1;
    outline: none;
  }
  table {
    border-collapse: collapse;
    table-layout: fixed;
  }
  th,
  td {
    border: 1px solid #e1e1e1;
    height: 22px;
    padding: 0 4px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 160px;
    min-width: 64px;
  }
  th {
    background: #f3f3f3;
    color: #616161;
    font-weight: 400;
    min-width: 32px;
    position: sticky;
    top: 0;
  }
  td.header {
    font-weight: 600;
    background: #e8f3ec;
  }
  td.table {
    background: #fafdfb;
  }
  td.selected {
    outline: 2px solid #107c41;
    outline-offset: -2px;
  }
  td input {
    width: 100%;
    border: none;
    font: inherit;
    outline: none;
    padding: 0;
  }
  .message {
    color: #c42b1c;
    padding: 2px 6px;
  }
  .menu {
    position: fixed;
    z-index: 10;
    background: white;
    border: 1px solid #c8c8c8;
    box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2);
    padding: 2px 0;
  }
  .menu button {
    display: block;
    width: 100%;
    font: inherit;
    text-align: left;
    border: none;
    background: none;
    padding: 4px 12px;
  }
  .menu button:hover,
  .menu button:focus {
    background: #e8f3ec;
  }
`;