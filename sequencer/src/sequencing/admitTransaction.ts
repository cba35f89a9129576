// Admission: the checks a transaction passes before it may wait in the mempool — envelope and
// schema, chain id and domain, signature (on the worker threads), duplicates, review proof,
// nonce window and mempool limits. Throws a SutureError with a stable code; admits nothing on
// failure.
import type { Hex } from "viem";
import { SutureError } from "../errors";
import type { ChainState } from "../ledger";
import type { Mempool } from "../mempool";
import { isSigned, parseTx, txHash, typedDataDigest, type ParsedTx, type Tx } from "../protocol";
import type { ReviewProofCache, SignatureWorkers } from "../runtime";

export type AdmitTransactionParameters = {
  json: unknown;
  chain: ChainState;
  mempool: Mempool;
  proofs: ReviewProofCache;
  signatures: SignatureWorkers;
};

export type AdmitTransactionReturnType = { hash: Hex; added: boolean };

/** Checks a JSON transaction and adds it to the mempool; a known one is not added twice. */
export async function admitTransaction({ json, chain, mempool, proofs, signatures }: AdmitTransactionParameters): Promise<AdmitTransactionReturnType> {
  const parsed = parseTx(json);
  const envelope = json as { chainId?: unknown; verifyingContract?: unknown };
  const { domain } = chain;
  if (envelope.chainId !== undefined && envelope.chainId !== domain.chainId) {
    throw new SutureError("WRONG_CHAIN_ID", undefined, { expected: domain.chainId, got: envelope.chainId });
  }
  if (envelope.verifyingContract !== undefined && String(envelope.verifyingContract).toLowerCase() !== domain.verifyingContract.toLowerCase()) {
    throw new SutureError("WRONG_DOMAIN", undefined, { expected: domain.verifyingContract, got: envelope.verifyingContract });
  }
  const tx = await recoverSender(parsed, chain, signatures);
  const hash = txHash(tx);
  if (mempool.has(hash) || chain.store.getTx(hash)) return { hash, added: false };
  if (tx.type === "PostReview" && !(await proofs.prepare(tx as Tx<"PostReview">))) throw new SutureError("INVALID_PROOF");
  const nonce = tx.from ? (tx.message as { nonce: bigint }).nonce : null;
  const stateNonce = tx.from ? (chain.state.get("account", tx.from)?.nonce ?? 0n) : 0n;
  mempool.add({ tx, hash, receivedAt: Date.now(), nonce }, stateNonce);
  return { hash, added: true };
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
