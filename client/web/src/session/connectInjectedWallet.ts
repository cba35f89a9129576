// Connects an injected EIP-1193 wallet (window.ethereum) through viem's custom transport: no wallet
// library is needed for what Suture asks of a wallet — one address, EIP-712 signatures for L2
// transactions, and sending two kinds of L1 transaction (deposit, finalizeWithdrawal). Loaded on
// demand (viem's wallet client is large).
import { createWalletClient, custom, type Address, type EIP1193Provider, type LocalAccount } from "viem";
import { toAccount } from "viem/accounts";

export async function connectInjectedWallet(provider: EIP1193Provider): Promise<{ address: Address; signer: LocalAccount }> {
  const [address] = (await provider.request({ method: "eth_requestAccounts" })) as Address[];
  if (!address) throw new Error("the wallet shared no account");
  const wallet = createWalletClient({ transport: custom(provider), account: address });
  // A viem account whose typed-data signatures come from the wallet (eth_signTypedData_v4); the SDK
  // signs every L2 transaction through it.
  const signer = toAccount({
    address: address.toLowerCase() as Address,
    signMessage: ({ message }) => wallet.signMessage({ message, account: address }),
    signTypedData: (typedData) => wallet.signTypedData({ ...(typedData as Parameters<typeof wallet.signTypedData>[0]), account: address }),
    signTransaction: () => {
      throw new Error("L1 transactions go through the wallet itself (eth_sendTransaction)");
    },
  });
  return { address: address.toLowerCase() as Address, signer };
}
