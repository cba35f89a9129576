// Verifier mode: derives the chain from L1 alone. For each batch the bridge accepted it reads the
// calldata, decodes it, recovers every signer, re-checks review proofs, re-executes with the same
// STF and compares every root with the sequencer's commitment. On the first mismatch it logs the
// batch, the transaction and both roots, turns unhealthy and stops advancing.
import type { Hex } from "viem";

import { bytesToHex } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";
import type { SutureError } from "../errors";
import type { DepositWatcher, L1Client, BatchEvent } from "../l1";
import { isSigned, typedDataDigest, type Tx, decodeBatchData, txRootsHash, firstMismatch, type BatchHeader } from "../protocol";
import type { ChainState } from "../ledger/ChainState";
import type { Logger } from "../runtime/logger";
import type { ReviewProofCache } from "../runtime/ReviewProofCache";
import type { SignatureWorkers } from "../runtime/SignatureWorkers";

export type Mismatch = {
  batchIndex: number;
  /** Index of the first wrong transaction within the batch; null when it cannot be told. */
  txIndex: number | null;
  expectedRoot: Hex | null;
  claimedRoot: Hex | null;
  reason: string;
};

export type VerifierOptions = {
  chain: ChainState;
  l1: L1Client;
  deposits: DepositWatcher;
  proofs: ReviewProofCache;
  signatures: SignatureWorkers;
  logger: Logger;
  fromBlock: bigint;
  /** Where to ask the sequencer for its per-transaction roots to pinpoint a mismatch. */
  sequencerUrl: string | null;
};

export class Verifier {
  readonly #o: VerifierOptions;
  mismatch: Mismatch | null = null;
  verifiedBatches = 0;
  verifiedTxs = 0;
  l1Batches = 0;

  constructor(o: VerifierOptions) {
    this.#o = o;
    this.verifiedBatches = (o.chain.store.lastBatch()?.index ?? -1) + 1;
  }

  get healthy(): boolean {
    return this.mismatch === null;
  }

  /** Verifies every new batch on L1; returns how many were verified. */
  async poll(): Promise<number> {
    if (this.mismatch) return 0;
    const { l1, chain } = this.#o;
    const head = await l1.blockNumber();
    const cursor = BigInt(chain.store.getMeta("verifier.l1Cursor") ?? this.#o.fromBlock.toString());
    if (cursor > head) return 0;
    const events = (await l1.batchEvents(cursor, head)).filter((e) => Number(e.batchIndex) >= this.verifiedBatches);
    this.l1Batches = Math.max(this.l1Batches, this.verifiedBatches + events.length);
    let done = 0;
    for (const event of events) {
      if (!(await this.#verifyBatch(event))) return done;
      done++;
      this.#o.logger.info({ batch: Number(event.batchIndex), verified: this.verifiedBatches, seen: this.l1Batches }, "batch verified");
    }
    chain.store.setMeta("verifier.l1Cursor", (head + 1n).toString());
    return done;
  }

  async #verifyBatch(event: BatchEvent): Promise<boolean> {
    const { chain, l1 } = this.#o;
    const index = Number(event.batchIndex);
    const { header, data, submitter } = await l1.batchCalldata(event.l1TxHash);
    if (bytesToHex(keccak256(data)) !== header.txDataHash)
      return this.#fail({ batchIndex: index, txIndex: null, expectedRoot: null, claimedRoot: null, reason: "data hash mismatch" });
    if (header.prevStateRoot !== chain.stateRoot) {
      return this.#fail({
        batchIndex: index,
        txIndex: null,
        expectedRoot: chain.stateRoot,
        claimedRoot: header.prevStateRoot,
        reason: "previous state root differs",
      });
    }
    let decoded: ReturnType<typeof decodeBatchData>;
    try {
      decoded = decodeBatchData(data);
    } catch (e) {
      return this.#fail({ batchIndex: index, txIndex: null, expectedRoot: null, claimedRoot: null, reason: `undecodable batch: ${(e as Error).message}` });
    }
    if (decoded.firstBlock !== header.firstBlock || decoded.firstBlock !== chain.nextNumber) {
      return this.#fail({ batchIndex: index, txIndex: null, expectedRoot: null, claimedRoot: null, reason: "block numbers do not follow" });
    }
    while ((chain.store.lastDeposit()?.index ?? -1n) + 1n < header.queueEnd) {
      if ((await this.#o.deposits.poll()) === 0) await new Promise((r) => setTimeout(r, 200));
    }
    const ourRoots: Hex[] = [];
    let txOffset = 0;
    for (const body of decoded.blocks) {
      // Every signer of the block is recovered at once, on the signature workers.
      const recovered = await Promise.all(
        body.txs
          .map(async (view) => {
            if (!isSigned(view.type)) return { ...view, from: null } as Tx;
            const from = await this.#o.signatures.recover(typedDataDigest(chain.domain, view.type, view.message), view.signature!);
            return { ...view, from } as Tx;
          })
          .map((p) => p.catch((e: SutureError) => e)),
      );
      const txs: Tx[] = [];
      for (let i = 0; i < recovered.length; i++) {
        const tx = recovered[i]!;
        if (tx instanceof Error) {
          return this.#fail({
            batchIndex: index,
            txIndex: txOffset + i,
            expectedRoot: null,
            claimedRoot: null,
            reason: `bad signature: ${(tx as SutureError).code}`,
          });
        }
        if (tx.type === "PostReview") await this.#o.proofs.prepare(tx as Tx<"PostReview">);
        txs.push(tx);
      }
      const queuePosition = chain.state.get("meta", "")!.queuePosition;
      const deposits = chain.store.deposits(queuePosition, body.depositCount);
      const exec = chain.execute({ timestamp: body.timestamp, feeRecipient: submitter, deposits, txs, checkReviewProof: this.#o.proofs.check });
      if (exec.rejected.length > 0) {
        const at = txs.indexOf(exec.rejected[0]!.tx);
        return this.#fail({
          batchIndex: index,
          txIndex: txOffset + at,
          expectedRoot: null,
          claimedRoot: null,
          reason: `transaction rejected by the STF: ${exec.rejected[0]!.receipt.error.code}`,
        });
      }
      chain.persist(exec, queuePosition);
      ourRoots.push(...exec.block.txRoots);
      txOffset += txs.length;
    }
    if (txRootsHash(ourRoots) !== header.txRootsHash || chain.stateRoot !== header.postStateRoot) {
      const claimed = await this.#claimedRoots(index, header);
      const at = claimed ? firstMismatch(ourRoots, claimed) : null;
      return this.#fail({
        batchIndex: index,
        txIndex: at === null || at < 0 ? null : at,
        expectedRoot: at === null || at < 0 ? chain.stateRoot : (ourRoots[at] ?? null),
        claimedRoot: at === null || at < 0 ? header.postStateRoot : (claimed![at] ?? null),
        reason: "state root mismatch",
      });
    }
    chain.store.insertBatch(
      { index, firstBlock: header.firstBlock, lastBlock: header.lastBlock, header: header as never, data, txCount: ourRoots.length, txRoots: ourRoots },
      [],
    );
    chain.store.markBatchSubmitted(index, { txHash: event.l1TxHash, block: Number(event.l1Block), submittedAt: Number(event.submittedAt), gasUsed: 0n });
    this.verifiedBatches = index + 1;
    this.verifiedTxs += ourRoots.length;
    return true;
  }

  /** The sequencer's per-transaction roots, accepted only if they match the header's commitment. */
  async #claimedRoots(index: number, header: BatchHeader): Promise<Hex[] | null> {
    if (!this.#o.sequencerUrl) return null;
    try {
      const res = await fetch(`${this.#o.sequencerUrl}/v1/batches/${index}/roots`);
      if (!res.ok) return null;
      const { roots } = (await res.json()) as { roots: Hex[] };
      return txRootsHash(roots) === header.txRootsHash ? roots : null;
    } catch {
      return null;
    }
  }

  #fail(m: Mismatch): false {
    this.mismatch = m;
    this.#o.logger.error({ ...m, headerHash: undefined }, `verifier: batch ${m.batchIndex} is wrong at transaction ${m.txIndex ?? "?"}; stopping`);
    return false;
  }
}
