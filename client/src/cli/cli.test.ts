// The `suture` CLI as users run it: subprocesses of client/bin/suture.js against a test devnet
// (success with --json; failures with their exit code and one `error CODE: message` line), plus
// in-process runs (runCli) for the longer record flow.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS } from "../../../sequencer/src/devnet";
import type { SutureNode } from "../../../sequencer/src/node/createNode";
import { startTestDevnet, waitFor, type TestDevnet } from "../../../test/support/devnet";
import { api } from "../../../test/support/http";
import { COMMANDS, helpText, runCli } from "./main";

const BIN = resolve(__dirname, "../../bin/suture.js");
let devnet: TestDevnet;
let node: SutureNode;
let home: string;

type Run = { code: number; stdout: string; stderr: string };

function suture(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, SUTURE_HOME: home, SUTURE_SCRYPT_N: "1024", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

async function inProcess(args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "suture-cli-"));
  devnet = await startTestDevnet();
  node = await devnet.startNode();
  // Every signed transaction pays a fee: fund the dev accounts the commands sign with.
  for (const who of [DEV_ACCOUNTS.doctor, DEV_ACCOUNTS.patient]) await devnet.deposit(who.privateKey, who.address, "1");
  await waitFor(async () => (await api(node.url, `/v1/accounts/${DEV_ACCOUNTS.doctor.address}`)).body.balance !== "0", { what: "deposits" });
  await waitFor(async () => (await api(node.url, `/v1/accounts/${DEV_ACCOUNTS.patient.address}`)).body.balance !== "0", { what: "deposits" });
}, 120_000);

afterAll(async () => {
  await devnet?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe("suture --help", () => {
  it("Should list every command with an example", () => {
    const help = helpText();
    for (const c of COMMANDS) {
      expect(help).toContain(c.words);
      expect(help).toContain(c.example);
    }
    expect(COMMANDS.length).toBeGreaterThan(35);
  });
});

describe("suture (subprocess)", () => {
  it("Should show the fee schedule and what common transactions cost at it", async () => {
    const r = await suture(["fees", "--node", node.url, "--json"]);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    const { body } = await api(node.url, "/v1/fees");
    expect(out.current).toEqual(body.current);
    expect(BigInt(out.examples.Transfer)).toBeGreaterThan(0n);
    expect(BigInt(out.examples["ProposePlan (2 packs)"])).toBeGreaterThan(BigInt(out.examples.AcceptOffer));
    const text = await suture(["fees", "--node", node.url]);
    expect(text.stdout).toMatch(/perByte\s+0\.0000004 ETH/);
  });

  it("Should create an encrypted keystore and print the account as JSON", async () => {
    const r = await suture(["keys", "new", "--json"], { SUTURE_PASSWORD: "correct horse" });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(out.encryptionKey).toMatch(/^0x0[23][0-9a-f]{64}$/);
    expect(out.privateKey).toBeUndefined();
    const file = readFileSync(join(home, "keystore.json"), "utf8");
    expect(JSON.parse(file).address).toBe(out.address);
  });

  it("Should fail with KEYSTORE_PASSWORD and exit 1 on a wrong password", async () => {
    const r = await suture(["keys", "show", "--node", node.url], { SUTURE_PASSWORD: "wrong password" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("error KEYSTORE_PASSWORD: Wrong keystore password (or the keystore is corrupted)");
    expect(r.stdout).toBe("");
  });

  it("Should send a transaction and answer JSON with the receipt", async () => {
    const r = await suture([
      "doctor",
      "register",
      "--specialty",
      "rhinoplasty",
      "--lat",
      "40.75",
      "--lon=-73.98",
      "--dev",
      "doctor",
      "--node",
      node.url,
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "included", hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
  });

  it("Should surface a rejected transaction with the node's code and exit 1", async () => {
    const r = await suture(["case", "offer", "--case", "99", "--time", "+1d", "--deposit", "0.1", "--price", "1", "--dev", "doctor", "--node", node.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error CASE_NOT_FOUND: .+\n$/);
  });

  it("Should reject a bad option with exit 2", async () => {
    const r = await suture(["case", "propose", "--doctor", "0x12", "--procedure", "x", "--time", "+1d", "--dev", "patient", "--node", node.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error INVALID_ARGUMENT: --doctor must be a 0x address/);
  });
});

describe("suture force / withdraw --via-l1", () => {
  it("Should force a transfer through the L1 queue and print its queue index, its deadline and its L2 receipt", async () => {
    const doctor = DEV_ACCOUNTS.doctor.address.toLowerCase();
    const message = JSON.stringify({ to: doctor, amount: "1000" });
    const r = await suture([
      "force",
      "--type",
      "Transfer",
      "--message",
      message,
      "--wait",
      "--dev",
      "patient",
      "--node",
      node.url,
      "--l1",
      devnet.l1.rpcUrl,
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ hash: expect.stringMatching(/^0x[0-9a-f]{64}$/), queueIndex: expect.stringMatching(/^\d+$/), l1Fee: "100000000000000" });
    expect(BigInt(out.deadline) - BigInt(out.queuedAt)).toBe(30n);
    expect(out.receipt).toMatchObject({ hash: out.hash, status: expect.stringMatching(/^(included|batched|final)$/), queueIndex: out.queueIndex });
  });

  it("Should withdraw through the L1 queue and collect it on L1 once final", async () => {
    const r = await inProcess([
      "withdraw",
      "--amount",
      "0.001",
      "--via-l1",
      "--finalize",
      "--dev",
      "patient",
      "--node",
      node.url,
      "--l1",
      devnet.l1.rpcUrl,
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ final: true, alreadyFinalized: false, amount: "1000000000000000", recipient: DEV_ACCOUNTS.patient.address.toLowerCase() });
    expect(out.l1TxHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(out.queueIndex).toMatch(/^\d+$/);
  }, 60_000);

  it("Should refuse a --message that is not JSON with exit 2", async () => {
    const r = await inProcess(["force", "--type", "Transfer", "--message", "{to:", "--dev", "patient", "--node", node.url, "--l1", devnet.l1.rpcUrl]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error INVALID_ARGUMENT: --message must be a JSON object/);
  });
});

describe("suture (in process)", () => {
  it("Should create, share, list, decrypt and revoke an encrypted record", async () => {
    const patient = ["--dev", "patient", "--node", node.url];
    const doctor = ["--dev", "doctor", "--node", node.url];
    expect((await inProcess(["keys", "publish", ...patient])).code).toBe(0);
    expect((await inProcess(["keys", "publish", ...doctor])).code).toBe(0);
    const file = join(home, "history.txt");
    writeFileSync(file, "allergic to penicillin");
    const created = await inProcess(["record", "create", "--file", file, ...patient, "--json"]);
    expect(created.stderr).toBe("");
    const recordId = JSON.parse(created.stdout).recordId as string;

    const denied = await inProcess(["record", "decrypt", "--record", recordId, ...doctor]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^error NOT_A_READER:/);

    expect((await inProcess(["record", "grant", "--record", recordId, "--reader", DEV_ACCOUNTS.doctor.address, ...patient])).code).toBe(0);
    const listed = await inProcess(["record", "list", ...doctor]);
    expect(listed.stdout).toMatch(/ID\s+SUBJECT/);
    expect(listed.stdout).toContain(DEV_ACCOUNTS.patient.address.toLowerCase());
    const page = JSON.parse((await inProcess(["record", "list", ...doctor, "--limit", "1", "--json"])).stdout);
    expect(page).toMatchObject({ records: [{ id: recordId, subject: DEV_ACCOUNTS.patient.address.toLowerCase() }], next: null });
    expect(JSON.parse((await inProcess(["record", "list", ...doctor, "--after", recordId, "--json"])).stdout)).toEqual({ records: [], next: null });
    const storage = JSON.parse((await inProcess(["storage", ...patient, "--json"])).stdout);
    expect(storage.used).toBeGreaterThan(0);
    expect(storage.blobs).toBe(1);
    const out = join(home, "out.txt");
    const read = await inProcess(["record", "decrypt", "--record", recordId, "--out", out, ...doctor, "--json"]);
    expect(JSON.parse(read.stdout)).toMatchObject({ name: "history.txt", written: out });
    expect(readFileSync(out, "utf8")).toBe("allergic to penicillin");

    expect((await inProcess(["record", "revoke", "--record", recordId, "--reader", DEV_ACCOUNTS.doctor.address, ...patient])).code).toBe(0);
    expect((await inProcess(["record", "decrypt", "--record", recordId, ...doctor])).stderr).toMatch(/^error NOT_A_READER:/);
    expect((await inProcess(["record", "revoke", "--record", recordId, "--reader", DEV_ACCOUNTS.doctor.address, ...patient])).stderr).toMatch(
      /^error READER_NOT_FOUND:/,
    );
  });

  it("Should publish a policy, release its reserve to the insurer, and refuse a second release", async () => {
    const { insurer, insuranceRegulator } = DEV_ACCOUNTS;
    for (const who of [insurer, insuranceRegulator]) await devnet.deposit(who.privateKey, who.address, "3");
    await waitFor(async () => BigInt((await api(node.url, `/v1/accounts/${insurer.address}`)).body.balance) > 0n, { what: "insurer deposit" });
    await waitFor(async () => BigInt((await api(node.url, `/v1/accounts/${insuranceRegulator.address}`)).body.balance) > 0n, { what: "regulator deposit" });
    const asInsurer = ["--dev", "insurer", "--node", node.url];
    const admitted = await inProcess(["admit", "--account", insurer.address, "--role", "insurer", "--dev", "insuranceRegulator", "--node", node.url]);
    expect(admitted.stderr).toBe("");
    const published = await inProcess([
      "policy",
      "publish",
      "--procedure",
      "rhinoplasty",
      "--term",
      "infection:1:30",
      "--premium",
      "0.1",
      "--cap",
      "2",
      ...asInsurer,
      "--json",
    ]);
    expect(published.stderr).toBe("");
    const policyId = JSON.parse(published.stdout).policyId as string;
    const released = await inProcess(["policy", "release", "--policy", policyId, ...asInsurer, "--json"]);
    expect(released.stderr).toBe("");
    expect(JSON.parse(released.stdout)).toMatchObject({ status: "included", released: (2n * 10n ** 18n).toString() });
    expect((await api(node.url, `/v1/policies/${policyId}`)).body).toMatchObject({ closed: true, reserve: "0", released: "2000000000000000000" });
    const again = await inProcess(["policy", "release", "--policy", policyId, ...asInsurer]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error RESERVE_EMPTY:/);
  });

  it("Should show status and verify a medicine pack as tables, and report a missing pack", async () => {
    const status = await inProcess(["status", "--node", node.url]);
    expect(status.stdout).toMatch(/node\s+sequencer/);
    const missing = await inProcess(["medicine", "verify", "09506000134352", "NOPE", "--node", node.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error MEDICINE_NOT_FOUND: no medicine 09506000134352\/NOPE/);
    expect(existsSync(join(home, "keystore.json"))).toBe(true);
  });
});
