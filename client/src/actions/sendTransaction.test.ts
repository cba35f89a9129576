// sendTransaction against a scripted fake node: signing with a raw key and with a viem account,
// nonce tracking and the one re-sync, and rejections surfaced as errors with the node's code.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateKeyToAccount } from "viem/accounts";
import { encodeTx, messageFields, recoverTx } from "../../../sequencer/src/protocol";
import { parseFields } from "../../../sequencer/src/protocol/fieldCodec";
import { createBaseClient, type SignRequest } from "../client/createSutureClient";
import { NodeUnreachableError, TransactionRejectedError } from "../errors";
import { sendTransaction } from "./sendTransaction";
import { signTransaction } from "./signTransaction";

const KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a" as const;
const BRIDGE = "0x5fbdb2315678afecb367f032d93f642f64180aa3" as const;
const domain = { name: "Suture", version: "1", chainId: 424242, verifyingContract: BRIDGE } as const;

let server: Server;
let url = "";
let nodeNonce = 0n;
let nonceReads = 0;
const posted: Array<Record<string, any>> = [];
let answers: Array<(tx: Record<string, any>) => [number, unknown]> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (req.url === "/v1/status") return reply(200, { chainId: 424242, bridge: BRIDGE });
      if (req.url === "/v1/fees") return reply(200, { current: { perByte: "2", perWorkUnit: "3" }, pending: null, noticeSeconds: 60 });
      if (req.url?.startsWith("/v1/accounts/")) {
        nonceReads++;
        return reply(200, { nonce: nodeNonce.toString(), balance: "0", encryptionKey: null, roles: [] });
      }
      if (req.url === "/v1/tx") {
        const tx = JSON.parse(body);
        posted.push(tx);
        const answer =
          answers.shift() ?? (() => [200, { hash: "0x01", status: "included", blockNumber: "7", index: 0, result: { caseId: "3" }, stateRoot: "0x02" }]);
        const [status, json] = answer(tx);
        return reply(status, json);
      }
      reply(404, { error: { code: "ROUTE_NOT_FOUND", message: "no route" } });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const message = {
  doctor: "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
  procedure: "rhinoplasty",
  requestedTime: 2_000_000_000n,
  detailsHash: `0x${"00".repeat(32)}`,
};

describe("signTransaction", () => {
  it("Should produce the same recoverable signature from a raw key and from a viem account", async () => {
    const raw = await signTransaction(createBaseClient({ nodeUrl: url, account: KEY }), { type: "ProposeSurgery", message, nonce: 4n, maxFee: 7n });
    const viem = await signTransaction(createBaseClient({ nodeUrl: url, account: privateKeyToAccount(KEY) }), {
      type: "ProposeSurgery",
      message,
      nonce: 4n,
      maxFee: 7n,
    });
    expect(viem.signature).toBe(raw.signature);
    expect(raw.message).toMatchObject({ nonce: "4", maxFee: "7", requestedTime: "2000000000" });
    const recovered = recoverTx({
      domain,
      tx: { type: "ProposeSurgery", message: { ...message, nonce: 4n, maxFee: 7n }, signature: raw.signature as `0x${string}` },
    });
    expect(recovered.from).toBe(privateKeyToAccount(KEY).address.toLowerCase());
  });
});

describe("sendTransaction", () => {
  it("Should read the nonce once, then count locally, and parse the result", async () => {
    nodeNonce = 5n;
    nonceReads = 0;
    posted.length = 0;
    const client = createBaseClient({ nodeUrl: url, account: KEY });
    const first = await sendTransaction(client, { type: "ProposeSurgery", message });
    await sendTransaction(client, { type: "ProposeSurgery", message });
    expect(posted.map((t) => t.message.nonce)).toEqual(["5", "6"]);
    expect(posted.map((t) => t.from.toLowerCase())).toEqual(Array(2).fill(privateKeyToAccount(KEY).address.toLowerCase()));
    expect(nonceReads).toBe(1);
    expect(first).toMatchObject({ status: "included", blockNumber: 7n, result: { caseId: 3n } });
  });

  it("Should sign a maxFee equal to the fee of its own encoding at the node's schedule", async () => {
    posted.length = 0;
    const client = createBaseClient({ nodeUrl: url, account: KEY });
    await sendTransaction(client, { type: "ProposeSurgery", message });
    const sent = posted[0]!;
    const tx = { type: "ProposeSurgery" as const, message: parseFields(messageFields("ProposeSurgery"), sent.message, "m"), signature: sent.signature };
    const bytes = encodeTx(tx as never).length;
    expect(BigInt(sent.message.maxFee)).toBe(2n * BigInt(bytes) + 3n * 1n);
    await sendTransaction(client, { type: "ProposeSurgery", message, maxFee: 12345n });
    expect(posted[1]!.message.maxFee).toBe("12345");
  });

  it("Should re-read a stale nonce once and re-sign", async () => {
    nodeNonce = 9n;
    posted.length = 0;
    const client = createBaseClient({ nodeUrl: url, account: KEY });
    await client.nonces.take(client.account!.address, async () => 2n); // a stale local counter
    answers = [() => [409, { error: { code: "NONCE_TOO_LOW", message: "The nonce was already used", details: {} } }]];
    await sendTransaction(client, { type: "ProposeSurgery", message });
    expect(posted.map((t) => t.message.nonce)).toEqual(["3", "9"]);
  });

  it("Should surface a rejection with the node's code and hash, without retrying", async () => {
    posted.length = 0;
    answers = [() => [422, { error: { code: "LICENSE_EXPIRED", message: "The doctor's license has expired", details: { hash: "0xab" } } }]];
    const client = createBaseClient({ nodeUrl: url, account: KEY });
    const error = await sendTransaction(client, { type: "ProposeSurgery", message }).catch((e) => e);
    expect(error).toBeInstanceOf(TransactionRejectedError);
    expect(error).toMatchObject({ code: "LICENSE_EXPIRED", status: 422, shortMessage: "The doctor's license has expired", hash: "0xab", retryable: false });
    expect(posted).toHaveLength(1);
  });

  it("Should report an unreachable node as NODE_UNREACHABLE (retryable)", async () => {
    const client = createBaseClient({ nodeUrl: "http://127.0.0.1:1", account: KEY });
    const error = await sendTransaction(client, { type: "Transfer", message: { to: BRIDGE, amount: 1n } }).catch((e) => e);
    expect(error).toBeInstanceOf(NodeUnreachableError);
    expect(error).toMatchObject({ code: "NODE_UNREACHABLE", retryable: true });
  });

  it("Should show beforeSign the exact typed data, and not use the nonce of a refused signature", async () => {
    nodeNonce = 20n;
    posted.length = 0;
    const seen: SignRequest[] = [];
    let refuse = true;
    const client = createBaseClient({
      nodeUrl: url,
      account: KEY,
      beforeSign: (request) => {
        seen.push(request);
        if (refuse) throw new Error("refused by the user");
      },
    });
    await expect(sendTransaction(client, { type: "ProposeSurgery", message })).rejects.toThrow("refused by the user");
    expect(posted).toHaveLength(0);
    refuse = false;
    await sendTransaction(client, { type: "ProposeSurgery", message });
    expect(posted.map((t) => t.message.nonce)).toEqual(["20"]);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({
      type: "ProposeSurgery",
      from: privateKeyToAccount(KEY).address.toLowerCase(),
      domain,
      message: { nonce: 20n, ...message },
    });
    expect(seen[1]!.types.ProposeSurgery!.map((f) => f.name)).toEqual(["nonce", "maxFee", "doctor", "procedure", "requestedTime", "detailsHash"]);
    expect(seen[1]!.types.EIP712Domain).toBeUndefined();
    const signedDigestOfSeen = recoverTx({ domain, tx: { type: "ProposeSurgery", message: seen[1]!.message, signature: posted[0]!.signature } });
    expect(signedDigestOfSeen.from).toBe(privateKeyToAccount(KEY).address.toLowerCase());
  });

  it("Should reject a malformed field before signing", async () => {
    const client = createBaseClient({ nodeUrl: url, account: KEY });
    await expect(sendTransaction(client, { type: "Transfer", message: { to: "nope", amount: 1n } })).rejects.toMatchObject({ code: "INVALID_FIELD" });
  });
});
