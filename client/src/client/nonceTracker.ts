// Local nonce counters per sender, so a client sending many transactions does not read its nonce
// before each one. A rejection resets the sender's counter (nothing was applied, so the node's
// nonce is the truth again).
import type { Address } from "viem";

export type NonceTracker = {
  /** The next nonce for `address`, reading it once through `read` when unknown. */
  take(address: Address, read: () => Promise<bigint>): Promise<bigint>;
  reset(address: Address): void;
};

export function createNonceTracker(): NonceTracker {
  const next = new Map<string, Promise<bigint>>();
  return {
    take(address, read) {
      const key = address.toLowerCase();
      const mine = next.get(key) ?? read();
      const following = mine.then((n) => n + 1n);
      next.set(key, following);
      // A failed read must not poison later takes (nor surface twice as an unhandled rejection).
      following.catch(() => {
        if (next.get(key) === following) next.delete(key);
      });
      return mine;
    },
    reset(address) {
      next.delete(address.toLowerCase());
    },
  };
}
