// The published interface of a running node, read as an integrator would: the OpenAPI document
// gives every route a real answer schema, the meta routes (errors, schema, contracts, circuit
// files) hold what they claim, every miss has its entity's 404 code, and chain answers are the
// store's data as is.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keccak256, parseEther, toBytes } from "viem";
import { REVIEW_ARTIFACTS, REVIEW_CIRCUIT } from "../circuits/config";
import { createSutureClient, NotFoundError } from "../client/src";
import { readArtifact } from "../l1-contracts/scripts/artifacts";
import { toJson } from "../sequencer/src/api/json";
import { DEV_ACCOUNTS } from "../sequencer/src/devnet";
import { TX_TYPES } from "../sequencer/src/protocol/txTypes";
import { ERROR_CODES, NOT_FOUND_CODES } from "../sequencer/src/errors";
import type { SutureNode } from "../sequencer/src/node/createNode";
import { signTx, sutureDomain, txToJson, type Tx } from "../sequencer/src/protocol";
import { startTestDevnet, waitFor, type TestDevnet } from "./support/devnet";
import { ZERO_FEES } from "../sequencer/src/state";
import { api } from "./support/http";

let devnet: TestDevnet;
let node: SutureNode;
const patient = DEV_ACCOUNTS.patient;

beforeAll(async () => {
  devnet = await startTestDevnet({ challengeWindowSeconds: 2, genesis: { fees: ZERO_FEES } });
  node = await devnet.startNode();
  await devnet.deposit(patient.privateKey, patient.address, "2");
  await waitFor(async () => (await api(node.url, `/v1/accounts/${patient.address}`)).body.balance !== "0", { what: "deposit" });
}, 120_000);

afterAll(async () => {
  await devnet?.stop();
});

type Schema = Record<string, any>;

/** Every object schema under `schema` that says nothing about its members, with its path. */
function vagueObjects(schema: Schema, path: string, out: string[] = []): string[] {
  if (!schema || typeof schema !== "object") return out;
  // OpenAPI 3.0 has no null type: the document spells JSON Schema's {type: "null"} this way.
  if (schema.nullable && schema.enum?.length === 1 && schema.enum[0] === null) return out;
  const isObject = schema.type === "object" || (schema.type === undefined && (schema.properties || schema.additionalProperties !== undefined));
  if (isObject) {
    const extra = schema.additionalProperties;
    const open = extra === true || (extra && typeof extra === "object" && Object.keys(extra).length === 0);
    const described = (schema.properties && Object.keys(schema.properties).length > 0) || (extra && typeof extra === "object" && !open);
    // An error's `details` is the one deliberately open object: its keys depend on the code.
    if ((!described || open) && !path.endsWith(".details")) out.push(path);
  }
  for (const [key, value] of Object.entries(schema.properties ?? {})) vagueObjects(value as Schema, `${path}.${key}`, out);
  if (schema.items) vagueObjects(schema.items, `${path}[]`, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object") vagueObjects(schema.additionalProperties, `${path}{}`, out);
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const [i, s] of (schema[key] ?? []).entries()) vagueObjects(s, `${path}|${i}`, out);
  return out;
}

describe("GET /v1/openapi.json", () => {
  it("Should give every route a 200 answer schema with real shapes all the way down", async () => {
    const { body: doc } = await api(node.url, "/v1/openapi.json");
    const routes = Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]) => ({ path, m, op })),
    );
    expect(routes.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const { path, m, op } of routes) {
      const ok = op.responses?.["200"];
      const content = ok?.content as Record<string, { schema: Schema }> | undefined;
      if (!content) {
        problems.push(`${m} ${path}: no 200 answer schema`);
        continue;
      }
      for (const [type, { schema }] of Object.entries(content)) {
        if (type === "application/json") problems.push(...vagueObjects(schema, `${m} ${path} 200`));
        else expect(schema, `${m} ${path} ${type}`).toMatchObject({ type: "string", format: "binary" });
      }
      if (!op.responses["4XX"]) problems.push(`${m} ${path}: no error schema`);
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]))
        if (!op.parameters?.some((p: Schema) => p.name === name && p.in === "path" && p.schema))
          problems.push(`${m} ${path}: path parameter ${name} undocumented`);
      if (m === "post" && !op.requestBody) problems.push(`${m} ${path}: no request body schema`);
    }
    expect(problems).toEqual([]);
  });

  it("Should be the route list the README's API section gives", async () => {
    const { body: doc } = await api(node.url, "/v1/openapi.json");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## API"), readme.indexOf("## ", readme.indexOf("## API") + 3));
    const listed = [...section.matchAll(/^- `(GET|POST) (\S+)`/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    const served = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`))
      .concat(["GET /metrics", "GET /v1/openapi.json"])
      .sort();
    expect(listed).toEqual(served);
  });

  it("Should fail the walk on a bare object", () => {
    expect(vagueObjects({ type: "object" }, "x")).toEqual(["x"]);
    expect(vagueObjects({ type: "object", additionalProperties: true }, "x")).toEqual(["x"]);
    expect(vagueObjects({ type: "object", properties: { a: { type: "object", additionalProperties: {} } } }, "x")).toEqual(["x.a"]);
    expect(vagueObjects({ type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "integer" } }, "x")).toEqual([]);
  });

  it("Should document each transaction type's envelope with `from` required on signed types", async () => {
    const { body: doc } = await api(node.url, "/v1/openapi.json");
    const envelopes = doc.paths["/v1/tx"].post.requestBody.content["application/json"].schema.anyOf as Schema[];
    const byType = Object.fromEntries(envelopes.map((e) => [e.properties.type.const ?? e.properties.type.enum?.[0], e]));
    expect(Object.keys(byType).sort()).toEqual(Object.keys(TX_TYPES).sort());
    expect(byType.Transfer.required).toEqual(expect.arrayContaining(["type", "from", "message", "signature"]));
    expect(Object.keys(byType.Transfer.properties.message.properties)).toEqual(["nonce", "maxFee", "to", "amount"]);
    expect(byType.PostReview.properties.from).toBeUndefined();
  });
});

describe("GET /v1/errors", () => {
  it("Should list every code with its HTTP status and message, one 404 code per entity and no bare NOT_FOUND", async () => {
    const { status, body } = await api(node.url, "/v1/errors");
    expect(status).toBe(200);
    expect(body.errors).toEqual(Object.entries(ERROR_CODES).map(([code, { status, message }]) => ({ code, status, message })));
    const codes = body.errors.map((e: { code: string }) => e.code);
    for (const code of Object.values(NOT_FOUND_CODES)) expect(body.errors.find((e: { code: string }) => e.code === code)?.status, code).toBe(404);
    expect(codes).not.toContain("NOT_FOUND");
    expect(codes).toContain("INTERNAL");
  });
});

describe("GET /v1/schema", () => {
  it("Should publish the enum tables, the fields that use them, and who signs AdmitParticipant per role", async () => {
    const { body } = await api(node.url, "/v1/schema");
    expect(body.enums).toEqual({ ParticipantRole: { manufacturer: 1, insurer: 2 }, LicenseStatus: { ACTIVE: 1, SUSPENDED: 2, REVOKED: 3 } });
    expect(body.types.AdmitParticipant.enums).toEqual({ role: "ParticipantRole" });
    expect(body.types.AttestLicense.enums).toEqual({ status: "LicenseStatus" });
    expect(body.types.AdmitParticipant.signer).toMatch(/medicine regulator for role manufacturer.*insurance regulator for role insurer/);
    expect(body.types.AdmitParticipant.signerByField.signers).toEqual({ manufacturer: "medicine regulator", insurer: "insurance regulator" });
  });

  it("Should say what the STF enforces: the insurance regulator admits insurers, the medicine regulator does not", async () => {
    const { body: schema } = await api(node.url, "/v1/schema");
    const domain = sutureDomain({ chainId: schema.domain.chainId, verifyingContract: schema.domain.verifyingContract });
    const admit = async (by: { privateKey: `0x${string}`; address: string }) => {
      const nonce = BigInt((await api(node.url, `/v1/accounts/${by.address}`)).body.nonce);
      const message = { nonce, maxFee: 0n, account: DEV_ACCOUNTS.insurer.address, role: schema.enums.ParticipantRole.insurer, active: true };
      return api(node.url, "/v1/tx", { body: txToJson(signTx({ domain, privateKey: by.privateKey, type: "AdmitParticipant", message }) as Tx) });
    };
    const wrong = await admit(DEV_ACCOUNTS.medicineRegulator);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("NOT_AUTHORIZED");
    expect((await admit(DEV_ACCOUNTS.insuranceRegulator)).body.status).toBe("included");
    expect((await api(node.url, `/v1/accounts/${DEV_ACCOUNTS.insurer.address}`)).body.roles).toEqual(["insurer"]);
  });
});

describe("GET /v1/contracts", () => {
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

  it("Should serve the bridge's address, ABI, deployment block, chain ids and hashes that match the artifacts", async () => {
    const { status, body } = await api(node.url, "/v1/contracts");
    expect(status).toBe(200);
    const { deployment } = devnet;
    expect(body).toMatchObject({
      l1ChainId: deployment.l1ChainId,
      l2ChainId: deployment.l2ChainId,
      deploymentBlock: deployment.deployBlock,
      challengeWindowSeconds: deployment.challengeWindowSeconds,
    });
    for (const [key, name, address] of [
      ["bridge", "SutureBridge", deployment.bridge],
      ["reviewVerifier", "ReviewVerifier", deployment.reviewVerifier],
    ] as const) {
      const artifact = readArtifact(name);
      const served = body[key];
      expect(served.address).toBe(address!.toLowerCase());
      expect(served.contractName).toBe(name);
      expect(served.abi).toEqual(artifact.abi);
      expect(served.abiKeccak256).toBe(keccak256(toBytes(canonical(served.abi))));
      expect(served.bytecodeKeccak256).toBe(keccak256(artifact.bytecode));
      expect(served.deployedBytecodeKeccak256).toBe(keccak256(artifact.deployedBytecode));
    }
    expect(body.bridge.abi.some((f: { name?: string }) => f.name === "finalizeWithdrawal")).toBe(true);
  });
});

describe("GET /v1/circuits/review", () => {
  it("Should describe the circuit: public signals in order and every input", async () => {
    const { body } = await api(node.url, "/v1/circuits/review");
    expect(body.publicSignals).toEqual([...REVIEW_CIRCUIT.publicSignals]);
    expect(body.depth).toBe(REVIEW_CIRCUIT.depth);
    expect(body.inputs.map((i: { name: string }) => i.name)).toEqual(["s", "leafIndex", "siblings", "root", "doctor", "nullifier", "message"]);
    expect(body.inputs.find((i: { name: string }) => i.name === "siblings").length).toBe(REVIEW_CIRCUIT.depth);
    expect(body.files.map((f: { name: string }) => f.name)).toEqual(["review.wasm", "review.zkey", "review.vkey.json"]);
  });

  it("Should serve each file with the size and sha256 the manifest gives, the bytes on disk and the build's hashes", async () => {
    const { body } = await api(node.url, "/v1/circuits/review");
    const build = JSON.parse(readFileSync(REVIEW_ARTIFACTS.manifest, "utf8")).sha256;
    const onDisk = { "review.wasm": REVIEW_ARTIFACTS.wasm, "review.zkey": REVIEW_ARTIFACTS.zkey, "review.vkey.json": REVIEW_ARTIFACTS.verificationKey };
    const built = { "review.wasm": build.wasm, "review.zkey": build.zkey, "review.vkey.json": build.verificationKey };
    for (const file of body.files as Array<{ name: keyof typeof onDisk; url: string; bytes: number; sha256: string; contentType: string }>) {
      const res = await fetch(`${node.url}${file.url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(file.contentType);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(file.bytes);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect(bytes.equals(readFileSync(onDisk[file.name]))).toBe(true);
      expect(file.sha256).toBe(built[file.name]);
    }
  });

  it("Should serve nothing but those three files (no path traversal)", async () => {
    for (const path of [
      "/v1/circuits/review/manifest.json",
      "/v1/circuits/review/review.r1cs",
      "/v1/circuits/review/..%2Fconfig.ts",
      "/v1/circuits/review/..%2F..%2Fpackage.json",
      "/v1/circuits/review/%2e%2e%2f%2e%2e%2fpackage.json",
      "/v1/circuits/review/review.wasm%00.json",
    ]) {
      const res = await api(node.url, path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe("INVALID_REQUEST");
    }
    // Unnormalized dot segments (fetch would resolve them) never reach a file either.
    const raw = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(node.url);
      const req = httpRequest({ host: url.hostname, port: url.port, path: "/v1/circuits/review/../../../package.json" }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(raw.status).toBe(404);
    expect(JSON.parse(raw.text).error.code).toBe("ROUTE_NOT_FOUND");
  });

  it("Should let the SDK download a file checked against the manifest", async () => {
    const client = createSutureClient({ nodeUrl: node.url });
    const vkey = await client.getReviewCircuitFile({ file: "review.vkey.json" });
    expect(Buffer.from(vkey).equals(readFileSync(REVIEW_ARTIFACTS.verificationKey))).toBe(true);
    expect((await client.getContracts()).bridge.address).toBe(devnet.deployment.bridge.toLowerCase());
    expect((await client.getErrorCatalogue()).length).toBe(Object.keys(ERROR_CODES).length);
  });
});

describe("not found", () => {
  const ZERO32 = `0x${"00".repeat(32)}`;
  const NOBODY = "0x00000000000000000000000000000000000000aa";

  it.each([
    [`/v1/doctors/${NOBODY}`, "DOCTOR_NOT_FOUND"],
    [`/v1/doctors/${NOBODY}/reviews`, "DOCTOR_NOT_FOUND"],
    ["/v1/cases/999", "CASE_NOT_FOUND"],
    ["/v1/medicines/09506000134352/NOPE", "MEDICINE_NOT_FOUND"],
    ["/v1/lots/09506000134352/NOPE", "LOT_NOT_FOUND"],
    ["/v1/policies/999", "POLICY_NOT_FOUND"],
    ["/v1/incidents/999", "INCIDENT_NOT_FOUND"],
    ["/v1/records/999", "RECORD_NOT_FOUND"],
    ["/v1/withdrawals/999", "WITHDRAWAL_NOT_FOUND"],
    ["/v1/proofs/withdrawal/999", "WITHDRAWAL_NOT_FOUND"],
    [`/v1/tx/${ZERO32}`, "TX_NOT_FOUND"],
    ["/v1/blocks/999999", "BLOCK_NOT_FOUND"],
    ["/v1/batches/999", "BATCH_NOT_FOUND"],
    ["/v1/batches/999/roots", "BATCH_NOT_FOUND"],
    [`/v1/blobs/${ZERO32}`, "BLOB_NOT_FOUND"],
    ["/v1/nothing/here", "ROUTE_NOT_FOUND"],
  ])("Should answer GET %s with 404 %s", async (path, code) => {
    const res = await api(node.url, path);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String), details: expect.any(Object) });
  });

  it("Should answer zeros, not a 404, for an account or patient nobody has touched", async () => {
    expect((await api(node.url, `/v1/accounts/${NOBODY}`)).body).toEqual({ address: NOBODY, balance: "0", nonce: "0", encryptionKey: null, roles: [] });
    expect((await api(node.url, `/v1/patients/${NOBODY}`)).status).toBe(200);
  });

  it("Should surface the entity's code in the SDK's NotFoundError", async () => {
    const client = createSutureClient({ nodeUrl: node.url });
    const error = await client.getCase({ caseId: 999n }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "CASE_NOT_FOUND", entity: "case", status: 404 });
    expect(await client.getDoctor({ address: NOBODY }).catch((e) => e.entity)).toBe("doctor");
  });
});

describe("chain answers", () => {
  it("Should serve blocks, transactions and batches exactly as the store holds them", async () => {
    const client = createSutureClient({ nodeUrl: node.url, account: patient.privateKey });
    const sent = await client.withdraw({ recipient: patient.address, amount: parseEther("0.1") });
    const { store } = node.services.chain;
    const stored = store.getBlock(sent.blockNumber!)!;
    const block = (await api(node.url, `/v1/blocks/${sent.blockNumber}`)).body;
    const { body: _body, ...rest } = stored;
    expect(block).toEqual(
      toJson({ ...rest, txs: store.txsOfBlock(stored.number).map((t) => ({ hash: t.hash, type: t.type, from: t.sender, stateRoot: t.stateRoot })) }),
    );
    expect(block.txs.find((t: { hash: string }) => t.hash === sent.hash)).toMatchObject({ type: "Withdraw", from: patient.address.toLowerCase() });
    const proof = await client.waitForWithdrawal({ withdrawalId: sent.withdrawalId as bigint, timeoutMs: 30_000 });
    const batch = (await api(node.url, `/v1/batches/${proof.batchIndex}`)).body;
    const storedBatch = store.getBatch(proof.batchIndex)!;
    expect(batch.header).toEqual(toJson(storedBatch.header));
    expect(proof.header).toEqual(batch.header);
    expect(batch).toMatchObject({
      index: storedBatch.index,
      txCount: storedBatch.txCount,
      l1TxHash: storedBatch.l1TxHash,
      l1Block: storedBatch.l1Block,
      status: "final",
    });
    expect((await api(node.url, `/v1/batches/${proof.batchIndex}/roots`)).body.roots).toEqual(storedBatch.stepRoots);
    expect((await api(node.url, "/v1/batches")).body.batches[0]).toEqual(batch);
    expect((await api(node.url, `/v1/tx/${sent.hash}`)).body).toMatchObject({
      hash: sent.hash,
      status: "final",
      result: { withdrawalId: String(sent.withdrawalId) },
    });
    const status = (await api(node.url, "/v1/status")).body;
    expect(status.genesis).toEqual(toJson(node.services.chain.params));
  }, 60_000);
});
