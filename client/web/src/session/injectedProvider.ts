// The browser's injected EIP-1193 wallet (window.ethereum), if any.
import type { EIP1193Provider } from "viem";

export function injectedProvider(): EIP1193Provider | null {
  return ((window as { ethereum?: EIP1193Provider }).ethereum ?? null) as EIP1193Provider | null;
}
