// docs/protocol.md stays complete: every transaction type with its code and signer, every error
// code with its HTTP status, every enum value and namespace byte, every member of every state leaf
// and every golden vector file must appear in it, read from its tables (not merely mentioned somewhere).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AbiParameter } from "viem";
import { describe, expect, it } from "vitest";
import { CODECS } from ".";
import { ERROR_CODES } from "../errors";
import {
  CANCELLED_BY,
  CASE_STATUSES,
  CLOSED_BY,
  INCIDENT_STATUSES,
  LICENSE_STATUSES,
  leafAbi,
  NAMESPACES,
  PACK_STATUSES,
  PARTICIPANT_ROLES,
  type Namespace,
} from "../state";
import { TX_TYPES } from "./index";
import { VECTOR_FILES } from "./vectors/vectorFiles";

const DOC = readFileSync(join(import.meta.dirname, "../../../docs/protocol.md"), "utf8");

/** The text under the heading titled `title`, up to the next heading of the same or a higher level. */
function section(title: string): string {
  const lines = DOC.split("\n");
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, "").trim() === title);
  if (start < 0) throw new Error(`docs/protocol.md has no heading "${title}"`);
  const level = lines[start]!.match(/^#+/)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

/** Table rows of a text: trimmed cells without backticks or quotes; header separators dropped. */
function rows(text: string): string[][] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim().replace(/[`"]/g, "")),
    );
}

/** The `name → value` pairs of the tables in a section (first two columns). */
function table(title: string): Map<string, string> {
  return new Map(rows(section(title)).map((r) => [r[0]!, r[1]!]));
}

const asStrings = (entries: Iterable<readonly [string, string | number]>) => new Map([...entries].map(([k, v]) => [k, String(v)]));

describe("docs/protocol.md", () => {
  it("Should list every transaction type with its code and signer", () => {
    const documented = new Map(rows(section("Transaction types")).map((r) => [r[0]!, `${r[1]} ${r[2]}`]));
    for (const [type, def] of Object.entries(TX_TYPES)) expect(documented.get(type), type).toBe(`${def.code} ${def.signer}`);
  });

  it("Should list every error code with its HTTP status, and no code that does not exist", () => {
    const documented = table("Error catalogue");
    for (const [code, { status }] of Object.entries(ERROR_CODES)) expect(documented.get(code), code).toBe(String(status));
    const stale = [...documented.keys()].filter((code) => code !== "code" && !(code in ERROR_CODES));
    expect(stale).toEqual([]);
  });

  it.each([
    ["Participant role", asStrings(Object.entries(PARTICIPANT_ROLES).map(([value, name]) => [name, value]))],
    ["License status", asStrings(LICENSE_STATUSES.map((name, i) => [name, i + 1]))],
    // State-only enums: a leaf holds the name's index.
    ["Case status", asStrings(CASE_STATUSES.map((name, i) => [name, i]))],
    ["Pack status", asStrings(PACK_STATUSES.map((name, i) => [name, i]))],
    ["Incident status", asStrings(INCIDENT_STATUSES.map((name, i) => [name, i]))],
    ["Case closed by", asStrings(CLOSED_BY.map((name, i) => [name, i]))],
    ["Case cancelled by", asStrings(CANCELLED_BY.map((name, i) => [name, i]))],
    ["Batch codec", asStrings(Object.entries(CODECS))],
    ["Namespaces", asStrings(Object.entries(NAMESPACES))],
  ])("Should list every %s value", (title, expected) => {
    const documented = table(title);
    for (const [name, value] of expected) expect(documented.get(name), `${title}: ${name}`).toBe(value);
    expect([...documented.keys()].filter((name) => name !== "name" && name !== "namespace" && !expected.has(name))).toEqual([]);
  });

  it("Should give the license status's leaf index", () => {
    const documented = new Map(rows(section("License status")).map((r) => [r[0]!, r[2]!]));
    for (const [i, name] of LICENSE_STATUSES.entries()) expect(documented.get(name), name).toBe(String(i));
  });

  it.each(Object.keys(NAMESPACES) as Namespace[])("Should list every member of the %s leaf with its ABI type, in order", (ns) => {
    const members: Array<[string, string]> = [];
    const flatten = (prefix: string, components: readonly AbiParameter[]) => {
      for (const c of components) {
        const path = `${prefix}${c.name}`;
        if (!("components" in c)) members.push([path, c.type]);
        else {
          members.push([path, `tuple${c.type.slice("tuple".length)}`]);
          flatten(`${path}${c.type.endsWith("[]") ? "[]" : ""}.`, c.components);
        }
      }
    };
    flatten("", (leafAbi(ns) as { components: readonly AbiParameter[] }).components);
    const documented = rows(section(`\`${ns}\``))
      .filter((r) => r[0] !== "member")
      .map((r) => [r[0]!, r[1]!]);
    expect(documented).toEqual(members);
  });

  it("Should point to every golden vector file", () => {
    for (const name of VECTOR_FILES) expect(DOC, name).toContain(`vectors/${name}.json`);
  });
});
