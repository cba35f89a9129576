// finalizeWithdrawal trusts no node for finality: against a scripted L1 (the bridge's batch record
// and the latest block), a proof the node calls final is refused while L1's finalAt is ahead, or
// when the bridge does not hold the served header; nothing is sent either way.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Hex } from "viem";
import { batchHeaderHash, type BatchHeader } from "../../../sequencer/src/protocol/batch/batchHeader";
import { createBaseClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import type { WithdrawalProof } from "../types/json";

const KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a" as const;
const BRIDGE = "0x5fbdb2315678afecb367f032d93f642f64180aa3" as const;
const ROOT = (b: string): Hex => `0x${b.repeat(32)}`;
const HEADER: BatchHeader = {
  batchIndex: 3n,
  prevStateRoot: ROOT("01"),
  postStateRoot: ROOT("02"),
  txDataHash: ROOT("03"),
  txRootsHash: ROOT("04"),
  stepCount: 1n,
  queueStart: 0n,
  queueEnd: 0n,
  queueHash: ROOT("00"),
  firstBlock: 0n,
  lastBlock: 0n,
  firstTimestamp: 1_800_000_000n,
  lastTimestamp: 1_800_000_000n,
  proposer: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
};
const NOW = 1_800_000_100;

const l1 = { record: [batchHeaderHash(HEADER), 0n, 0n, 0n] as readonly [Hex, bigint, bigint, bigint], sent: 0 };
vi.mock("../l1/l1Clients", () => ({
  l1Clients: async () => ({
    bridge: BRIDGE,
    l1Account: {},
    publicClient: {
      readContract: async ({ functionName }: { functionName: string }) => (functionName === "batches" ? l1.record : false),
      getBlock: async () => ({ timestamp: BigInt(NOW - 50) }),
      waitForTransactionReceipt: async () => ({ status: "success", gasUsed: 1n }),
    },
    walletClient: {
      writeContract: async () => {
        l1.sent++;
        return ROOT("7e");
      },
    },
  }),
}));
const { finalizeWithdrawal } = await import("./finalizeWithdrawal");

/** The node's answer, which calls itself final: finalizeWithdrawal must not take its word for it. */
const proof = {
  withdrawal: { id: "1", recipient: HEADER.proposer, amount: "5" },
  batchIndex: 3,
  header: Object.fromEntries(Object.entries(HEADER).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])),
  siblings: [],
  status: "final",
  final: true,
  finalAt: NOW - 100,
} as unknown as WithdrawalProof;

const client = createBaseClient({ nodeUrl: "http://127.0.0.1:9", l1RpcUrl: "http://127.0.0.1:9", bridge: BRIDGE, account: KEY });

async function refusal(): Promise<SutureClientError> {
  const error = await finalizeWithdrawal(client, { withdrawalId: 1n, proof }).catch((e) => e);
  expect(error).toBeInstanceOf(SutureClientError);
  return error as SutureClientError;
}

describe("finalizeWithdrawal", () => {
  afterEach(() => {
    vi.useRealTimers();
    l1.sent = 0;
  });

  it("Should refuse with NOT_FINAL and the bridge's finalAt while L1 time is before the batch's own finalAt", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW * 1000);
    l1.record = [batchHeaderHash(HEADER), BigInt(NOW - 10), BigInt(NOW + 600), 0n];
    const error = await refusal();
    expect(error.code).toBe("NOT_FINAL");
    expect(error.details).toEqual({ finalAt: NOW + 600 });
    expect(l1.sent).toBe(0);
  });

  it("Should refuse with NOT_FINAL when the bridge does not hold the header the node served", async () => {
    l1.record = [ROOT("99"), BigInt(NOW - 700), BigInt(NOW - 100), 0n];
    const error = await refusal();
    expect(error.code).toBe("NOT_FINAL");
    expect(error.message).toMatch(/does not hold this header for batch 3/);
    expect(l1.sent).toBe(0);
  });

  it("Should send finalizeWithdrawal once L1's finalAt has passed", async () => {
    l1.record = [batchHeaderHash(HEADER), BigInt(NOW - 700), BigInt(NOW - 100), 0n];
    const paid = await finalizeWithdrawal(client, { withdrawalId: 1n, proof });
    expect(paid).toMatchObject({ l1TxHash: ROOT("7e"), alreadyFinalized: false, amount: 5n });
    expect(l1.sent).toBe(1);
  });
});
