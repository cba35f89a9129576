// viem clients for L1 (deposits and withdrawal finalization) from a Suture client and account.
import { createPublicClient, createWalletClient, http, type Address, type LocalAccount, type PublicClient, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { SutureAccount } from "../accounts";
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";

export type L1Clients = { publicClient: PublicClient; walletClient: WalletClient; l1Account: LocalAccount; bridge: Address };

export async function l1Clients(client: SutureClient, account: SutureAccount): Promise<L1Clients> {
  if (!client.l1RpcUrl) throw new SutureClientError("NO_L1", "set l1RpcUrl (CLI: --l1 or L1_RPC_URL)");
  const transport = http(client.l1RpcUrl);
  const l1Account = account.signer ?? privateKeyToAccount(account.privateKey!);
  return {
    publicClient: createPublicClient({ transport }),
    walletClient: createWalletClient({ transport, account: l1Account }),
    l1Account,
    bridge: await client.getBridge(),
  };
}
