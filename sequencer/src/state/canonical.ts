// Canonical serialization of state values for storage (the store's rows, receipts and batch
// headers; leaf hashes use the ABI projection of leafEncoding.ts): sorted keys, no whitespace,
// bigints tagged so they survive a round trip: `"#123"`; a string that itself starts with `#` is
// escaped as `"##…"`, so no user string can pass for a number. Deterministic across nodes.
export function canonicalize(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return `"#${value}"`;
    case "string":
      return JSON.stringify(value.charCodeAt(0) === 35 ? `#${value}` : value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("non-finite number in state");
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalize(value[i]);
        return `${out}]`;
      }
      const keys = Object.keys(value).sort();
      let out = "{";
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        out += `${(i ? "," : "") + JSON.stringify(k)}:${canonicalize((value as Record<string, unknown>)[k])}`;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`cannot canonicalize ${typeof value}`);
  }
}

/** Parses canonical JSON back, restoring bigints and escaped strings. */
export function decanonicalize<T>(text: string): T {
  return JSON.parse(text, (_k, v) => {
    if (typeof v !== "string" || v.charCodeAt(0) !== 35) return v;
    return v.charCodeAt(1) === 35 ? v.slice(1) : BigInt(v.slice(1));
  }) as T;
}
