/** Size limits enforced by the server and checked first by the client. */
export const Limits = {
  /** Longest string in any cell or meta value. */
  maxStringLength: 2000,
  /** Longest key or name in an update: a row id, a column or field name, a type name. */
  maxKeyLength: 128,
  /** Most rows in one document. */
  maxRows: 50_000,
  /** Largest encoded document state. */
  maxDocBytes: 32 * 1024 * 1024,
  /** Largest single WebSocket frame. */
  maxFrameBytes: 8 * 1024 * 1024,
  /** Token bucket per connection: sustained frames per second and burst. */
  framesPerSecond: 200,
  frameBurst: 400,
} as const;
