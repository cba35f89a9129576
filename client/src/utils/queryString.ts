// `?a=1&b=x` from the defined entries of an object (empty string when none).
export function queryString(params: Record<string, string | number | bigint | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : "";
}
