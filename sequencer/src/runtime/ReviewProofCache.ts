// Review proofs are verified asynchronously (snarkjs) before a transaction reaches the STF: at
// submission in the sequencer, and before each batch in the verifier. The STF's synchronous check
// then only looks the result up, so the STF stays pure and fast.
import { reviewMessage, reviewPublicSignals } from "../protocol";
import type { Tx } from "../protocol";
import type { ReviewProofCheck } from "../stf";

export type ProofVerifier = (input: { publicSignals: bigint[]; proof: bigint[] }) => Promise<boolean>;

function key(publicSignals: bigint[], proof: bigint[]): string {
  return `${publicSignals.join(",")}|${proof.join(",")}`;
}

function reviewProofInput(tx: Tx<"PostReview">): { publicSignals: bigint[]; proof: bigint[] } {
  const { doctor, rating, worthIt, textHash, root, nullifier, proof } = tx.message;
  return { publicSignals: reviewPublicSignals({ root, doctor, nullifier, message: reviewMessage({ rating, worthIt, textHash }) }), proof };
}

function txKey(tx: Tx<"PostReview">): string {
  const { publicSignals, proof } = reviewProofInput(tx);
  return key(publicSignals, proof);
}

export class ReviewProofCache {
  readonly #verify: ProofVerifier;
  readonly #valid = new Set<string>();

  constructor(verify: ProofVerifier) {
    this.#verify = verify;
  }

  /** True when this transaction's proof was verified before (no pairing needed). */
  isKnownValid(tx: Tx<"PostReview">): boolean {
    return this.#valid.has(txKey(tx));
  }

  /** Verifies the proof of a PostReview transaction and remembers a valid one. */
  async prepare(tx: Tx<"PostReview">): Promise<boolean> {
    const { publicSignals, proof } = reviewProofInput(tx);
    const k = key(publicSignals, proof);
    if (this.#valid.has(k)) return true;
    let ok = false;
    try {
      ok = await this.#verify({ publicSignals, proof });
    } catch {
      ok = false;
    }
    if (ok) this.#valid.add(k);
    return ok;
  }

  /** The STF's check: true only for a proof verified by prepare(). */
  readonly check: ReviewProofCheck = ({ publicSignals, proof }) => this.#valid.has(key(publicSignals, proof));
}
