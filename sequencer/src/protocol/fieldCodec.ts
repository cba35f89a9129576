// Field-level codecs driven by the schema: JSON validation, JSON output and the compact binary
// form used in batches. Each rule lives here once, for every field type.
import type { Hex } from "viem";
import { SutureError } from "../errors";
import { MAX_ARRAY_LENGTH, MAX_BYTES_LENGTH, MAX_STRING_BYTES, STRUCT_TYPES, type StructName } from "./txTypes";

/** Strict: invalid UTF-8 is an error, never replaced by U+FFFD (one string, one encoding). */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const UINT_BITS: Record<string, number> = { uint8: 8, uint16: 16, uint32: 32, uint64: 64, uint256: 256 };
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const BYTES32_RE = /^0x[0-9a-fA-F]{64}$/;
const BYTES_RE = /^0x(?:[0-9a-fA-F]{2})*$/;
const DECIMAL_RE = /^(0|[1-9][0-9]{0,77})$/;

function invalid(path: string, expected: string, value?: unknown): never {
  throw new SutureError("INVALID_FIELD", `${path}: expected ${expected}`, { field: path, expected, got: describe(value) });
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function arrayElement(type: string): { element: string; fixed: number | null } | null {
  const m = /^(.*)\[(\d*)\]$/.exec(type);
  if (!m) return null;
  return { element: m[1]!, fixed: m[2] ? Number(m[2]) : null };
}

/** Validates a JSON value against a field type and returns its internal form. */
export function parseField(type: string, value: unknown, path: string): unknown {
  const array = arrayElement(type);
  if (array) {
    if (!Array.isArray(value)) invalid(path, `${type} (array)`, value);
    if (array.fixed !== null && value.length !== array.fixed) invalid(path, `exactly ${array.fixed} items`, value);
    if (value.length > MAX_ARRAY_LENGTH) invalid(path, `at most ${MAX_ARRAY_LENGTH} items`, value);
    return value.map((item, i) => parseField(array.element, item, `${path}[${i}]`));
  }
  if (type in STRUCT_TYPES) return parseStruct(type as StructName, value, path);
  switch (type) {
    case "address":
      if (typeof value !== "string" || !ADDRESS_RE.test(value)) invalid(path, "a 0x-prefixed 20-byte address", value);
      return value.toLowerCase();
    case "bytes32":
      if (typeof value !== "string" || !BYTES32_RE.test(value)) invalid(path, "0x-prefixed 32 bytes", value);
      return value.toLowerCase();
    case "bytes":
      if (typeof value !== "string" || !BYTES_RE.test(value)) invalid(path, "0x-prefixed bytes", value);
      if ((value.length - 2) / 2 > MAX_BYTES_LENGTH) invalid(path, `at most ${MAX_BYTES_LENGTH} bytes`, value);
      return value.toLowerCase();
    case "bool":
      if (typeof value !== "boolean") invalid(path, "true or false", value);
      return value;
    case "string":
      if (typeof value !== "string") invalid(path, "a string", value);
      // A lone UTF-16 surrogate has no UTF-8 encoding: the binary form would carry U+FFFD and
      // every verifier would decode another string than the sequencer executed.
      if (!value.isWellFormed()) invalid(path, "well-formed Unicode (no lone surrogates)", value);
      if (Buffer.byteLength(value) > MAX_STRING_BYTES) invalid(path, `at most ${MAX_STRING_BYTES} bytes`, value);
      return value;
    case "int32":
      if (typeof value !== "number" || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) invalid(path, "an int32", value);
      return value;
    case "uint8":
    case "uint16":
    case "uint32": {
      const bits = UINT_BITS[type]!;
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= 2 ** bits) invalid(path, `a ${type}`, value);
      return value;
    }
    case "uint64":
    case "uint256": {
      const bits = UINT_BITS[type]!;
      let v: bigint;
      if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) v = BigInt(value);
      else if (typeof value === "string" && DECIMAL_RE.test(value)) v = BigInt(value);
      else invalid(path, `a ${type} as a decimal string`, value);
      if (v >= 1n << BigInt(bits)) invalid(path, `a ${type} (too large)`, value);
      return v;
    }
    default:
      throw new Error(`schema uses an unknown field type ${type}`);
  }
}

function parseStruct(name: StructName, value: unknown, path: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) invalid(path, `a ${name} object`, value);
  return parseFields(STRUCT_TYPES[name], value as Record<string, unknown>, path);
}

/** Validates an object against a field list: no missing, no extra fields. */
export function parseFields(fields: ReadonlyArray<{ name: string; type: string }>, value: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f.name in value)) invalid(`${path}.${f.name}`, f.type, undefined);
    out[f.name] = parseField(f.type, value[f.name], `${path}.${f.name}`);
  }
  for (const k of Object.keys(value)) {
    if (!fields.some((f) => f.name === k)) throw new SutureError("INVALID_FIELD", `${path}.${k}: unknown field`, { field: `${path}.${k}` });
  }
  return out;
}

/** The JSON form of an internal value (bigints as decimal strings). */
export function fieldToJson(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(fieldToJson);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fieldToJson(v)]));
  return value;
}

// ---------------------------------------------------------------------------------------------
// Binary form: addresses 20 bytes, bytes32 32 bytes, integers as unsigned LEB128 (int32 zigzag),
// bool one byte, strings/bytes/arrays length-prefixed, fixed arrays and structs inline.

export class ByteWriter {
  #buf = new Uint8Array(256);
  #len = 0;

  #ensure(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  byte(b: number): void {
    this.#ensure(1);
    this.#buf[this.#len++] = b;
  }

  bytes(b: Uint8Array): void {
    this.#ensure(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  hex(h: string): void {
    const n = (h.length - 2) / 2;
    this.#ensure(n);
    const written = Buffer.from(this.#buf.buffer, this.#buf.byteOffset + this.#len, n).write(h.slice(2), "hex");
    if (written !== n) throw new TypeError(`not a 0x hex string: ${h.slice(0, 20)}`);
    this.#len += n;
  }

  varint(v: number | bigint): void {
    if (typeof v === "number" && v < 0x80) return this.byte(v);
    let x = BigInt(v);
    while (x >= 0x80n) {
      this.byte(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.byte(Number(x));
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export class ByteReader {
  #pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.#pos;
  }

  get position(): number {
    return this.#pos;
  }

  byte(): number {
    if (this.#pos >= this.buf.length) throw decodeError("unexpected end of data");
    return this.buf[this.#pos++]!;
  }

  bytes(n: number): Uint8Array {
    if (this.#pos + n > this.buf.length) throw decodeError("unexpected end of data");
    const out = this.buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  hex(n: number): Hex {
    const b = this.bytes(n);
    let s = "0x";
    for (let i = 0; i < n; i++) s += HEX[b[i]!];
    return s as Hex;
  }

  /** Unsigned LEB128, canonical only (no redundant trailing zero groups), at most `bits` wide. */
  varint(bits: number): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      const b = this.byte();
      if (i > 0 && b === 0) throw decodeError("non-canonical varint");
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > BigInt(bits + 7)) throw decodeError("varint too long");
    }
    if (result >= 1n << BigInt(bits)) throw decodeError(`varint exceeds ${bits} bits`);
    return result;
  }

  smallVarint(bits: number): number {
    return Number(this.varint(bits));
  }
}

function decodeError(message: string): SutureError {
  return new SutureError("DECODE_ERROR", message);
}

export function encodeField(w: ByteWriter, type: string, value: unknown): void {
  const array = arrayElement(type);
  if (array) {
    const items = value as unknown[];
    if (array.fixed === null) w.varint(items.length);
    for (const item of items) encodeField(w, array.element, item);
    return;
  }
  if (type in STRUCT_TYPES) {
    for (const f of STRUCT_TYPES[type as StructName]) encodeField(w, f.type, (value as Record<string, unknown>)[f.name]);
    return;
  }
  switch (type) {
    case "address":
    case "bytes32":
      return w.hex(value as string);
    case "bytes": {
      const h = value as string;
      w.varint((h.length - 2) / 2);
      return w.hex(h);
    }
    case "string": {
      const b = Buffer.from(value as string, "utf8");
      w.varint(b.length);
      return w.bytes(b);
    }
    case "bool":
      return w.byte(value ? 1 : 0);
    case "uint8":
      return w.byte(value as number);
    case "int32": {
      const v = value as number;
      return w.varint(v >= 0 ? 2 * v : -2 * v - 1);
    }
    default:
      return w.varint(value as number | bigint);
  }
}

export function decodeField(r: ByteReader, type: string): unknown {
  const array = arrayElement(type);
  if (array) {
    const n = array.fixed ?? r.smallVarint(32);
    if (n > MAX_ARRAY_LENGTH) throw decodeError(`array longer than ${MAX_ARRAY_LENGTH}`);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = decodeField(r, array.element);
    return out;
  }
  if (type in STRUCT_TYPES) {
    const out: Record<string, unknown> = {};
    for (const f of STRUCT_TYPES[type as StructName]) out[f.name] = decodeField(r, f.type);
    return out;
  }
  switch (type) {
    case "address":
      return r.hex(20);
    case "bytes32":
      return r.hex(32);
    case "bytes": {
      const n = r.smallVarint(32);
      if (n > MAX_BYTES_LENGTH) throw decodeError("bytes too long");
      return r.hex(n);
    }
    case "string": {
      const n = r.smallVarint(32);
      if (n > MAX_STRING_BYTES) throw decodeError("string too long");
      try {
        return UTF8.decode(r.bytes(n));
      } catch {
        throw decodeError("string is not valid UTF-8");
      }
    }
    case "bool": {
      const b = r.byte();
      if (b > 1) throw decodeError("bool must be 0 or 1");
      return b === 1;
    }
    case "uint8":
      return r.byte();
    case "uint16":
      return r.smallVarint(16);
    case "uint32":
      return r.smallVarint(32);
    case "int32": {
      const z = r.smallVarint(32);
      return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    }
    case "uint64":
      return r.varint(64);
    case "uint256":
      return r.varint(256);
    default:
      throw new Error(`schema uses an unknown field type ${type}`);
  }
}
