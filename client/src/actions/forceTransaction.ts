// Forces a signed L2 transaction through L1, for a user the sequencer ignores: signs it exactly as
// for the API (same nonce, fee and EIP-712 typed data), then queues its bytes on the bridge with
// forceTransaction, paying the bridge's forcedTransactionFee. The STF applies it, in queue order,
// exactly as if it had been posted; the bridge refuses any batch that leaves it unconsumed past
// its deadline (queuedAt + forceInclusionDelay). With `wait`, resolves with its L2 receipt
// (included, or rejected by the STF) once a node reports it.
import { decodeEventLog, parseAbiItem, type Hex } from "viem";
import { encodeTx, parseTx, txHash, type Tx } from "../../../sequencer/src/protocol";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import { BRIDGE_ABI } from "../l1/bridgeAbi";
import { l1Clients } from "../l1/l1Clients";
import type { TransactionStatus } from "../types/json";
import { waitUntil } from "../utils/waitUntil";
import { estimateFee } from "./estimateFee";
import type { SendTransactionParameters } from "./sendTransaction";
import { signTransaction } from "./signTransaction";

/** As for sendTransaction (the nonce, when omitted, is read from the node's /v1/accounts). */
export type ForceTransactionParameters = SendTransactionParameters & {
  /** Wait for the L2 receipt (a node reporting the transaction included or rejected). */
  wait?: boolean;
  timeoutMs?: number;
};

export type ForceTransactionReturnType = {
  /** The L2 transaction's hash (GET /v1/tx/:hash). */
  hash: Hex;
  l1TxHash: Hex;
  l1GasUsed: bigint;
  /** The item's index in the L1 queue. */
  queueIndex: bigint;
  /** L1 time (seconds) it was queued at. */
  queuedAt: bigint;
  /** L1 time (seconds) from which the bridge refuses a batch that has not consumed it. */
  deadline: bigint;
  /** The L1 fee paid (wei). */
  l1Fee: bigint;
  /** The L2 receipt, with `wait`. */
  receipt: TransactionStatus | null;
};

const TRANSACTION_FORCED = parseAbiItem("event TransactionForced(uint64 indexed index, address indexed l1Sender, bytes transaction, bytes32 queueHash)");

export async function forceTransaction(
  client: SutureClient,
  { type, message, signer: accountParam, nonce: given, maxFee, wait = false, timeoutMs = 120_000 }: ForceTransactionParameters,
): Promise<ForceTransactionReturnType> {
  const account = resolveAccount(client, accountParam);
  const nonce = given ?? BigInt((await client.request<{ nonce: string }>({ path: `/v1/accounts/${account.address}` })).nonce);
  const fee = maxFee ?? (await estimateFee(client, { type, message, nonce })).fee;
  const signed = await signTransaction(client, { type, message, nonce, maxFee: fee, signer: account });
  const parsed = parseTx(signed) as unknown as Tx;
  const bytes = encodeTx(parsed);
  const hash = txHash(parsed);
  const { publicClient, walletClient, l1Account, bridge } = await l1Clients(client, account);
  const read = <T>(functionName: "forcedTransactionFee" | "forceInclusionDelay") =>
    publicClient.readContract({ address: bridge, abi: BRIDGE_ABI, functionName }) as Promise<T>;
  const [l1Fee, delay] = await Promise.all([read<bigint>("forcedTransactionFee"), read<bigint>("forceInclusionDelay")]);
  const l1TxHash = await walletClient.writeContract({
    address: bridge,
    abi: BRIDGE_ABI,
    functionName: "forceTransaction",
    args: [`0x${Buffer.from(bytes).toString("hex")}`],
    value: l1Fee,
    account: l1Account,
    chain: null,
  });
  const l1Receipt = await publicClient.waitForTransactionReceipt({ hash: l1TxHash });
  if (l1Receipt.status !== "success") throw new SutureClientError("L1_REVERTED", `forceTransaction reverted on L1 (${l1TxHash})`, { details: { l1TxHash } });
  let queueIndex: bigint | null = null;
  for (const log of l1Receipt.logs) {
    try {
      queueIndex = decodeEventLog({ abi: [TRANSACTION_FORCED], data: log.data, topics: log.topics }).args.index;
    } catch {
      // another event
    }
  }
  if (queueIndex === null)
    throw new SutureClientError("L1_REVERTED", `forceTransaction emitted no TransactionForced event (${l1TxHash})`, { details: { l1TxHash } });
  const queuedAt = (await publicClient.readContract({ address: bridge, abi: BRIDGE_ABI, functionName: "queuedAt", args: [queueIndex] })) as bigint;
  const receipt = wait ? await waitForForced(client, hash, timeoutMs) : null;
  return { hash, l1TxHash, l1GasUsed: l1Receipt.gasUsed, queueIndex, queuedAt, deadline: queuedAt + delay, l1Fee, receipt };
}

/** Polls GET /v1/tx/:hash until the node reports the forced transaction consumed (included or rejected). */
export async function waitForForced(client: SutureClient, hash: Hex, timeoutMs = 120_000): Promise<TransactionStatus> {
  return waitUntil(
    async () => {
      try {
        const r = await client.request<TransactionStatus>({ path: `/v1/tx/${hash}` });
        return r.status === "pending" ? null : r;
      } catch (error) {
        if (error instanceof SutureClientError && error.code === "TX_NOT_FOUND") return null;
        throw error;
      }
    },
    { timeoutMs, intervalMs: 500, what: `forced transaction ${hash} to be consumed on L2` },
  );
}
