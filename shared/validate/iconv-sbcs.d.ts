/**
 * The single-byte code tables iconv-lite ships (`encodings/sbcs-data-generated.js`, plain data, no
 * Buffer): for each encoding the 128 characters of the bytes 0x80–0xFF (U+FFFD where the
 * encoding leaves a byte undefined), or the name of the encoding an alias stands for. Read by the
 * raw-byte net (`raw-scan-readings.ts`), which runs in the pane as well as on the server.
 */
declare module 'iconv-lite/encodings/sbcs-data-generated.js' {
  const tables: Readonly<Record<string, { type: string; chars: string } | string>>;
  export default tables;
}
