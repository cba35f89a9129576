// Reads a transaction the node did not receive through its API, as bytes from L1 (a batch's
// posted transactions, a forced transaction of the L1 queue): decodes it, recovers its signer
// with the L2 EIP-712 domain, and verifies a review proof before the STF looks it up. Bytes that
// do not decode or recover give null: a step that changes nothing.
import { decodeTx, isSigned, typedDataDigest, type SutureDomain, type Tx } from "../protocol";
import type { ReviewProofCache } from "./ReviewProofCache";
import type { SignatureWorkers } from "./SignatureWorkers";

export type PostedTransactionReader = { domain: SutureDomain; signatures: SignatureWorkers; proofs: ReviewProofCache };

export async function readPostedTransaction(bytes: Uint8Array, { domain, signatures, proofs }: PostedTransactionReader): Promise<Tx | null> {
  let tx: Tx;
  try {
    const view = decodeTx(bytes);
    if (!isSigned(view.type)) tx = { ...view, from: null } as Tx;
    else tx = { ...view, from: await signatures.recover(typedDataDigest(domain, view.type, view.message), view.signature!) } as Tx;
  } catch {
    return null;
  }
  if (tx.type === "PostReview") await proofs.prepare(tx as Tx<"PostReview">);
  return tx;
}
