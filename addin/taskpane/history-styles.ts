/** Styles of the History view. */
import { css } from 'lit';

/** `<samplan-history>`'s own styles, after `baseStyles`. */
export const historyStyles = css`
  :host {
    display: block;
  }
  #changes > li {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 6px 12px;
    border-bottom: 1px solid var(--samplan-border);
  }
  .who {
    min-width: 0;
  }
  .author {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .time {
    color: var(--samplan-muted);
    font-size: 12px;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  ul.changes {
    margin: 2px 0 0;
    padding: 0 0 0 4px;
    list-style: none;
    font-size: 12px;
  }
  ul.changes li {
    padding: 2px 0;
    overflow-wrap: anywhere;
  }
  .from {
    text-decoration: line-through;
    color: var(--samplan-muted);
  }
  .to {
    font-weight: 600;
  }
  .added {
    color: #107c10;
  }
  .deleted {
    color: #a4262c;
  }
  .warn-text {
    background: #fff4ce;
    padding: 4px 6px;
  }
  .row-restores {
    list-style: none;
    padding: 0;
    margin: 6px 0;
  }
  .row-restores li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 4px;
    padding: 2px 0;
  }
  .row-name {
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .version {
    margin: 8px 12px;
    padding: 8px;
    border: 1px solid var(--samplan-border);
    background: var(--samplan-side);
  }
  .version h3 {
    margin: 0 0 6px;
    font-size: 13px;
  }
  .table-wrap {
    overflow-x: auto;
    max-height: 240px;
  }
  table {
    border-collapse: collapse;
    font-size: 12px;
  }
  th,
  td {
    border: 1px solid var(--samplan-border);
    padding: 2px 4px;
    text-align: left;
    white-space: nowrap;
    max-width: 140px;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 8px;
  }
`;
