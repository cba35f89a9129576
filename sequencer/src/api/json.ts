// JSON for the API: bigints as decimal strings, everything else as is.
export function toJson(value: unknown): any {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString("hex")}`;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return value;
}
