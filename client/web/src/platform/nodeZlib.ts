// Browser stand-in for `node:zlib`. Only batch (de)compression uses it, which the node does and the
// web app never needs; the protocol module imports it at the top, so the names must exist.
function unavailable(): never {
  throw new Error("batch compression is not available in the browser");
}

export const brotliCompressSync = unavailable;
export const brotliDecompressSync = unavailable;
export const deflateRawSync = unavailable;
export const inflateRawSync = unavailable;
export const constants = {} as Record<string, number>;
