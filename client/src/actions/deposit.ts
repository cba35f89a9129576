// Deposits ETH on L1 into the bridge's queue for an L2 recipient. The sequencer must consume the
// queue in order, so the credit cannot be skipped; with `wait`, resolves once it shows on L2.
import { decodeEventLog, parseAbiItem, type Address, type Hex, type LocalAccount } from "viem";
import type { SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import { BRIDGE_ABI } from "../l1/bridgeAbi";
import { l1Clients } from "../l1/l1Clients";
import { waitUntil } from "../utils/waitUntil";
import { getAccount } from "./getAccount";

export type DepositParameters = {
  /** Wei. */
  amount: bigint;
  /** L2 recipient; the sender by default. */
  to?: Address;
  /** Wait until the L2 balance reflects the deposit. */
  wait?: boolean;
  timeoutMs?: number;
  signer?: Hex | LocalAccount | SutureAccount;
};

export type DepositReturnType = { l1TxHash: Hex; queueIndex: bigint | null; to: Address; amount: bigint; credited: boolean };

const DEPOSIT_QUEUED = parseAbiItem(
  "event DepositQueued(uint64 indexed index, address indexed l1Sender, address indexed l2Recipient, uint256 amount, bytes32 queueHash)",
);

export async function deposit(
  client: SutureClient,
  { amount, to, wait = false, timeoutMs = 60_000, signer: accountParam }: DepositParameters,
): Promise<DepositReturnType> {
  const account = resolveAccount(client, accountParam);
  const recipient = (to ?? account.address).toLowerCase() as Address;
  const { publicClient, walletClient, l1Account, bridge } = await l1Clients(client, account);
  const before = wait ? BigInt((await getAccount(client, { address: recipient })).balance) : 0n;
  const l1TxHash = await walletClient.writeContract({
    address: bridge,
    abi: BRIDGE_ABI,
    functionName: "deposit",
    args: [recipient],
    value: amount,
    account: l1Account,
    chain: null,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: l1TxHash });
  if (receipt.status !== "success") throw new SutureClientError("L1_REVERTED", `deposit reverted on L1 (${l1TxHash})`, { details: { l1TxHash } });
  let queueIndex: bigint | null = null;
  for (const log of receipt.logs) {
    try {
      const event = decodeEventLog({ abi: [DEPOSIT_QUEUED], data: log.data, topics: log.topics });
      queueIndex = event.args.index;
    } catch {
      // another event
    }
  }
  if (wait) {
    await waitUntil(async () => BigInt((await getAccount(client, { address: recipient })).balance) >= before + amount, {
      timeoutMs,
      what: "the deposit to be credited on L2",
    });
  }
  return { l1TxHash, queueIndex, to: recipient, amount, credited: wait };
}
