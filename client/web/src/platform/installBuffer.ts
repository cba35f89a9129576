// The shared protocol code (field codec, typed-data hashing, hex helpers) uses Node's Buffer on
// its hot paths. In the browser, the `buffer` package provides the same class; this module is
// the first import of every browser entry point (page and worker), so it runs before any module
// that calls Buffer.
import { Buffer } from "buffer";

(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
