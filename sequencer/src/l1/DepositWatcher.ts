// Follows the bridge's L1 queue with a confirmation depth and stores each item in queue order:
// deposits, and forced transactions, which it then reads (decodes, recovers the signer with the
// L2 domain, verifies a review proof) so that block production and replay take them
// synchronously. An L1 reorg deeper than the confirmation depth (a stored item's block is no
// longer canonical) stops the node with a clear error instead of silently diverging.
import { hexToBytes } from "../crypto/bytes";
import type { Store } from "../store";
import type { L1Client } from "./L1Client";
import type { Logger } from "../runtime/logger";
import { readPostedTransaction, type PostedTransactionReader } from "../runtime/readPostedTransaction";

export class L1ReorgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "L1ReorgError";
  }
}

export type DepositWatcherOptions = {
  l1: L1Client;
  store: Store;
  logger: Logger;
  confirmations: number;
  startBlock: bigint;
  maxRange?: bigint;
  /** How forced transactions are read: the L2 domain, signature recovery and the review-proof cache. */
  reader: PostedTransactionReader;
};

export class DepositWatcher {
  readonly #o: DepositWatcherOptions;

  constructor(o: DepositWatcherOptions) {
    this.#o = o;
  }

  /** The first L1 block not yet scanned. */
  get cursor(): bigint {
    const v = this.#o.store.getMeta("l1.depositCursor");
    return v ? BigInt(v) : this.#o.startBlock;
  }

  /** One poll: read stored forced transactions, check for a reorg, then scan confirmed blocks. Returns queue items stored. */
  async poll(): Promise<number> {
    const { l1, store, confirmations } = this.#o;
    await this.#readForced();
    const last = store.lastDeposit();
    if (last) {
      const hash = await l1.blockHash(BigInt(last.l1Block));
      if (hash !== last.l1BlockHash) {
        throw new L1ReorgError(
          `L1 reorg deeper than ${confirmations} confirmations: deposit ${last.index} was in block ${last.l1Block} (${last.l1BlockHash}), now ${hash ?? "missing"}; stopping`,
        );
      }
    }
    const head = await l1.blockNumber();
    const to = head - BigInt(confirmations);
    let from = this.cursor;
    let stored = 0;
    while (from <= to) {
      const end = from + (this.#o.maxRange ?? 5_000n) - 1n < to ? from + (this.#o.maxRange ?? 5_000n) - 1n : to;
      const events = await l1.depositEvents(from, end);
      let expected = (store.lastDeposit()?.index ?? -1n) + 1n;
      for (const e of events) {
        if (e.index < expected) continue;
        if (e.index !== expected) throw new L1ReorgError(`deposit queue gap: expected index ${expected}, saw ${e.index}`);
        expected++;
      }
      store.addDeposits(events.map((e) => ({ ...e, l1Block: Number(e.l1Block) })));
      store.setMeta("l1.depositCursor", (end + 1n).toString());
      stored += events.length;
      from = end + 1n;
      await this.#readForced();
    }
    if (stored) this.#o.logger.info({ items: stored }, "L1 queue items stored");
    return stored;
  }

  /** Reads every stored forced transaction not read yet (after a restart: all of them again). */
  async #readForced(): Promise<void> {
    const { store, reader } = this.#o;
    const unread = store.unreadForced();
    const read = await Promise.all(unread.map((item) => readPostedTransaction(hexToBytes(item.transaction!), reader)));
    for (const [i, item] of unread.entries()) store.setForced(item.index, { raw: item.transaction!, tx: read[i] ?? null });
    if (unread.length)
      this.#o.logger.info({ forced: unread.map((i) => i.index.toString()), unreadable: read.filter((t) => t === null).length }, "forced transactions read");
  }
}
