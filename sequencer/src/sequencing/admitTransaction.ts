// Admission: the checks a transaction passes before it may wait in the mempool, cheapest first —
// envelope and schema, chain id and domain, size, duplicates; for a signed one the claimed
// sender's fee and mempool room (nonce window; behind a nonce gap, its quota and fee reservation),
// then the signature (on the worker threads); for a review every free check (ranges, doctor,
// known root, unused nullifier) before the proof's pairing, which also draws on a node-wide
// budget; last the mempool itself (the same sender checks again, and the gapped cap).
// Throws a SutureError with a stable code; admits nothing on failure.
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import type { ChainState } from "../ledger";
import type { Mempool, MempoolEntry } from "../mempool";
import { encodeTx, isSigned, MAX_TX_BYTES, parseTx, txFee, txWork, typedDataDigest, type ParsedTx, type Tx } from "../protocol";
import type { ReviewProofCache, SignatureWorkers, TokenBucket } from "../runtime";
import { activeFeeSchedule, checkReviewInputs } from "../stf";
import { bytesToHex } from "../crypto/bytes";
import { keccak256 } from "../crypto/keccak256";

export type AdmitTransactionParameters = {
  json: unknown;
  chain: ChainState;
  mempool: Mempool;
  proofs: ReviewProofCache;
  signatures: SignatureWorkers;
  /** Node-wide budget of proof verifications. */
  proofBudget: TokenBucket;
};

export type AdmitTransactionReturnType = {
  hash: Hex;
  added: boolean;
  /** Other senders' gapped transactions the mempool dropped to make room for this one. */
  evicted: MempoolEntry[];
};

/** Checks a JSON transaction and adds it to the mempool; a known one is not added twice. */
export async function admitTransaction({
  json,
  chain,
  mempool,
  proofs,
  signatures,
  proofBudget,
}: AdmitTransactionParameters): Promise<AdmitTransactionReturnType> {
  const parsed = parseTx(json);
  const envelope = json as { chainId?: unknown; verifyingContract?: unknown };
  const { domain } = chain;
  if (envelope.chainId !== undefined && envelope.chainId !== domain.chainId) {
    throw new SutureError("WRONG_CHAIN_ID", undefined, { expected: domain.chainId, got: envelope.chainId });
  }
  if (envelope.verifyingContract !== undefined && String(envelope.verifyingContract).toLowerCase() !== domain.verifyingContract.toLowerCase()) {
    throw new SutureError("WRONG_DOMAIN", undefined, { expected: domain.verifyingContract, got: envelope.verifyingContract });
  }
  const bytes = encodeTx(parsed as unknown as Tx);
  if (bytes.length > MAX_TX_BYTES) throw new SutureError("TX_TOO_LARGE", undefined, { bytes: bytes.length, max: MAX_TX_BYTES });
  // The sender must be able to pay, and have room in the mempool, before any signature work: a
  // flood from empty accounts, or past a sender's gapped quota, costs a few map reads each.
  // `from` is required on signed types and recovery refuses any other signer, so these are the
  // checks of the recovered sender too (the mempool runs its own again when it adds).
  // The same bytes again (a retry) are the same transaction, signature included: nothing to check.
  const hash = bytesToHex(keccak256(bytes));
  if (mempool.has(hash) || chain.store.getTx(hash)) return { hash, added: false, evicted: [] };
  if (isSigned(parsed.type)) checkSender(parsed, bytes.length, chain, mempool);
  const tx = await recoverSender(parsed, chain, signatures);
  if (tx.type === "PostReview") await admitReviewProof(tx as Tx<"PostReview">, { chain, mempool, proofs, proofBudget });
  const nonce = tx.from ? (tx.message as { nonce: bigint }).nonce : null;
  const account = (tx.from && chain.state.get("account", tx.from)) || { nonce: 0n, balance: 0n };
  const evicted = mempool.add({ tx, hash, receivedAt: Date.now(), nonce, bytes: bytes.length }, account);
  return { hash, added: true, evicted };
}

/**
 * The checks of the claimed sender: the fee at the head's schedule (of the already encoded bytes) must be within the signed
 * maxFee and the balance (the STF has the last word), then the mempool's nonce window, quota and reservation.
 */
function checkSender(parsed: ParsedTx, bytes: number, chain: ChainState, mempool: Mempool): void {
  const timestamp = Math.max(chain.head?.timestamp ?? 0, Math.floor(Date.now() / 1000));
  const schedule = activeFeeSchedule(chain.state.get("fees", "")!, timestamp);
  const fee = txFee({ schedule, type: parsed.type, bytes, work: txWork(parsed) });
  const { maxFee, nonce } = parsed.message as { maxFee: bigint; nonce: bigint };
  if (fee > maxFee) throw new SutureError("FEE_ABOVE_MAX", undefined, { fee, maxFee });
  const from = parsed.claimedFrom!.toLowerCase() as Address;
  const account = chain.state.get("account", from) ?? { nonce: 0n, balance: 0n };
  if (account.balance < fee) throw new SutureError("INSUFFICIENT_FEE_BALANCE", undefined, { fee, balance: account.balance });
  mempool.check({ from, nonce, maxFee }, account);
}

/** The free checks first (the STF's own), then one pairing check from the node's budget. */
async function admitReviewProof(
  tx: Tx<"PostReview">,
  { chain, mempool, proofs, proofBudget }: Pick<AdmitTransactionParameters, "chain" | "mempool" | "proofs" | "proofBudget">,
): Promise<void> {
  checkReviewInputs(chain.state, tx.message);
  if (mempool.hasNullifier(tx.message.nullifier)) throw new SutureError("NULLIFIER_USED", "a pending review already uses this nullifier");
  if (proofs.isKnownValid(tx)) return;
  if (!proofBudget.take()) throw new SutureError("PROOF_RATE_LIMITED", undefined, { retryAfterMs: proofBudget.retryAfterMs });
  if (!(await proofs.prepare(tx))) throw new SutureError("INVALID_PROOF");
}

/** Recovers the sender on a signature worker; BAD_SIGNATURE when it is not the claimed one. */
async function recoverSender(parsed: ParsedTx, chain: ChainState, signatures: SignatureWorkers): Promise<Tx> {
  const { type, message, signature, claimedFrom } = parsed;
  if (!isSigned(type)) return { type, message, signature, from: null } as Tx;
  const from = await signatures.recover(typedDataDigest(chain.domain, type, message), signature!);
  if (claimedFrom && claimedFrom.toLowerCase() !== from) {
    throw new SutureError("BAD_SIGNATURE", "signature does not recover the sender (wrong key, chain id or domain?)", { from: claimedFrom, recovered: from });
  }
  return { type, message, signature, from } as Tx;
}
