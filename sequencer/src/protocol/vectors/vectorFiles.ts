// The golden vector files: their names, where they live, and the one JSON convention they share
// (integers wider than a JavaScript number, and every bigint, as decimal strings; bytes as
// lower-case 0x hex). Read by the vectors test, the contract test and the generator.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const VECTOR_DIR = import.meta.dirname;

export const VECTOR_FILES = [
  "transactions",
  "block",
  "batch",
  "depositQueue",
  "withdrawals",
  "stateTree",
  "stateLeaves",
  "genesis",
  "reviews",
  "blobUploads",
] as const;
export type VectorFile = (typeof VECTOR_FILES)[number];

/** Plain JSON data: what a vector file holds once parsed. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON form of a computed vector: bigints become decimal strings, undefined fields vanish. */
export function toJson<T>(value: T): Json {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export function vectorPath(name: VectorFile): string {
  return join(VECTOR_DIR, `${name}.json`);
}

export function readVectors<T = Json>(name: VectorFile): T {
  return JSON.parse(readFileSync(vectorPath(name), "utf8")) as T;
}

export function writeVectors(name: VectorFile, value: Json): void {
  writeFileSync(vectorPath(name), `${JSON.stringify(value, null, 2)}\n`);
}
