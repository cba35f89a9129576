// docs/protocol.md stays complete: every transaction type with its code and signer, every error
// code with its HTTP status, every enum value and namespace byte, every member of every state leaf
// and every golden vector file must appear in it, read from its tables (not merely mentioned somewhere).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AbiParameter } from "viem";
import { describe, expect, it } from "vitest";
import { BATCH_HEADER_ABI, CHUNK_CODECS, CHUNK_LINK_RULES, STEP_KINDS } from ".";
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

const CONTRACTS_DIR = join(import.meta.dirname, "../../../l1-contracts/contracts");
const readContract = (path: string) => readFileSync(join(CONTRACTS_DIR, path), "utf8");
const ROLLUP_TYPES = readContract("libraries/RollupTypes.sol");
const BRIDGE = readContract("SutureBridge.sol");
/** The STF twin's handler contracts and libraries (l1-contracts/contracts/twin/handlers), by name. */
const TWIN_HANDLERS = Object.fromEntries(
  readdirSync(join(CONTRACTS_DIR, "twin/handlers"))
    .filter((f) => f.endsWith(".sol"))
    .map((f) => [f.slice(0, -".sol".length), readContract(`twin/handlers/${f}`)]),
);
const CONTRACTS: Record<string, string> = {
  SutureBridge: BRIDGE,
  FraudVerifier: readContract("FraudVerifier.sol"),
  WitnessedState: readContract("twin/WitnessedState.sol"),
  StfCore: readContract("twin/StfCore.sol"),
  ...TWIN_HANDLERS,
};

/** The `[name, type]` members of a Solidity struct, in order. */
function solidityStruct(source: string, name: string): string[][] {
  const body = source.match(new RegExp(`struct ${name} \\{([^}]*)\\}`))?.[1];
  if (!body) throw new Error(`no struct ${name}`);
  return [...body.matchAll(/^\s*([\w[\]]+) (\w+);/gm)].map((m) => [m[2]!, m[1]!]);
}

/** The custom errors a Solidity function's body reverts with (the body ends at the first line "    }"). */
function reverts(source: string, fn: string): string[] {
  const body = source.match(new RegExp(`function ${fn}\\([\\s\\S]*?\\n    \\}\\n`))?.[0];
  if (!body) throw new Error(`no function ${fn}`);
  return [...body.matchAll(/revert (\w+)\(/g)].map((m) => m[1]!);
}

const declaredErrors = (source: string) => [...source.matchAll(/error (\w+)\(/g)].map((m) => m[1]!);

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
    ["Chunk codec", asStrings(Object.entries(CHUNK_CODECS))],
    ["Chunk framing", asStrings(Object.entries(CHUNK_CODECS))],
    ["Steps and step roots", asStrings(Object.entries(STEP_KINDS))],
    ["Chunk link rules", asStrings(CHUNK_LINK_RULES.map((rule, i) => [rule, i + 1]))],
    ["Namespaces", asStrings(Object.entries(NAMESPACES))],
  ])("Should list every %s value", (title, expected) => {
    const documented = table(title);
    for (const [name, value] of expected) expect(documented.get(name), `${title}: ${name}`).toBe(value);
    const headings = ["name", "namespace", "codec", "step kind", "rule"];
    expect([...documented.keys()].filter((name) => !headings.includes(name) && !expected.has(name))).toEqual([]);
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

  it("Should list the batch header's fields with their ABI types, in order", () => {
    const documented = rows(section("Batch header"));
    const fields = documented.slice(
      1,
      documented.findIndex((r) => r[0] === "check"),
    );
    expect(fields.map((r) => [r[0], r[1]])).toEqual(BATCH_HEADER_ABI.components.map((c) => [c.name, c.type]));
    expect(solidityStruct(ROLLUP_TYPES, "BatchHeader")).toEqual(fields.map((r) => [r[0], r[1]]));
  });

  it.each([
    ["challengeStep", "StepChallenge"],
    ["challengeChunk", "ChunkChallenge"],
  ])("Should list the fields of %s's %s with their types, in order", (title, struct) => {
    const fields = rows(section(title)).filter((r) => r[0] !== "field");
    expect(fields.map((r) => [r[0], r[1]])).toEqual(solidityStruct(ROLLUP_TYPES, struct));
  });

  it("Should list the decode rules chunks.ts, blockBody.ts and fastlz.ts name, and no other", () => {
    const named = new Set<string>();
    for (const file of ["chunks.ts", "blockBody.ts", "fastlz.ts"]) {
      const source = readFileSync(join(import.meta.dirname, "batch", file), "utf8");
      for (const m of source.matchAll(/rule: "(\w+)"/g)) named.add(m[1]!);
      // decodeError(message, rule) calls in chunks.ts (one line each); a rule may be a conditional of two names.
      for (const line of source.split("\n").filter((l) => l.includes("decodeError("))) {
        for (const m of line.matchAll(/(?:, |\? |: )"(\w+)"(?=\)| :)/g)) named.add(m[1]!);
      }
    }
    const documented = rows(section("Chunk decode rules")).filter((r) => r[0] !== "rule");
    expect(documented.map((r) => r[0]).sort()).toEqual([...named].sort());
  });

  it("Should list every error submitBatch raises, and each dispute error with the contract that declares it", () => {
    const submitted = new Set(["submitBatch", "_checkStepRoots", "_dataCommitment", "_checkQueue", "_checkBlocksAndTimes"].flatMap((f) => reverts(BRIDGE, f)));
    const checks = rows(section("Batch header")).filter((r, i, all) => i > all.findIndex((x) => x[0] === "check"));
    expect(new Set(checks.flatMap((r) => r[1]!.split(",").map((e) => e.trim())))).toEqual(submitted);

    const disputes = rows(section("Dispute errors")).filter((r) => r[0] !== "error");
    for (const [error, contract] of disputes) expect(declaredErrors(CONTRACTS[contract!]!), `${error} in ${contract}`).toContain(error);
    const raised = ["challengeStep", "challengeChunk", "_record", "_checkChallengeable", "_checkChunkCommitted", "_slashAndRollBack"].flatMap((f) =>
      reverts(BRIDGE, f),
    );
    // A rejected transaction (Stf_Rejected) is a step that changes nothing: FraudVerifier catches
    // it and returns the pre-root, so it never fails a challenge and is not a dispute error.
    expect(CONTRACTS.FraudVerifier).toContain("bytes4(reason) == StfCore.Stf_Rejected.selector) return preRoot;");
    expect(declaredErrors(CONTRACTS.StfCore!)).toEqual(["Stf_Rejected"]);
    const expected = new Set([
      ...raised,
      ...declaredErrors(CONTRACTS.FraudVerifier!),
      ...declaredErrors(CONTRACTS.WitnessedState!),
      ...Object.values(TWIN_HANDLERS).flatMap(declaredErrors),
    ]);
    expect(expected.has("ChainSteps_QueueOutOfOrder")).toBe(true);
    expect([...expected].filter((e) => !disputes.some((r) => r[0] === e))).toEqual([]);
  });

  it("Should point to every golden vector file", () => {
    for (const name of VECTOR_FILES) expect(DOC, name).toContain(`vectors/${name}.json`);
  });
});
