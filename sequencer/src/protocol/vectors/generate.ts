// Regenerates the golden vectors (npm run vectors): every file from the fixed inputs in inputs.ts
// through the production code. Run it only for a deliberate format change, and review the diff:
// the vectors test fails on any byte that moves without it.
import { existsSync, statSync } from "node:fs";
import { computeBatchVectors } from "./batchVectors";
import { computeBlobUploadVectors } from "./blobUploadVectors";
import { computeBlockVectors } from "./blockVectors";
import { computeDepositQueueVectors } from "./depositQueueVectors";
import { computeGenesisVectors } from "./genesisVectors";
import { reviewProofVector, type ReviewProofVector } from "./reviewProofVector";
import { computeReviewVectors } from "./reviewVectors";
import { computeStateLeafVectors } from "./stateLeafVectors";
import { computeStateTreeVectors } from "./stateTreeVectors";
import { computeTransactionVectors } from "./transactionVectors";
import { readVectors, vectorPath, writeVectors, type Json, type VectorFile } from "./vectorFiles";
import { computeWithdrawalVectors } from "./withdrawalVectors";

const files: Record<Exclude<VectorFile, "reviews">, () => Json> = {
  transactions: computeTransactionVectors,
  block: computeBlockVectors,
  batch: computeBatchVectors,
  depositQueue: computeDepositQueueVectors,
  withdrawals: computeWithdrawalVectors,
  stateTree: computeStateTreeVectors,
  stateLeaves: computeStateLeafVectors,
  genesis: computeGenesisVectors,
  blobUploads: computeBlobUploadVectors,
};

for (const [name, compute] of Object.entries(files) as [VectorFile, () => Json][]) writeVectors(name, compute());

const reviews = computeReviewVectors() as { witness: { inputs: Record<string, Json>; publicSignals: string[] } };
const existing = existsSync(vectorPath("reviews")) ? readVectors<{ proof?: ReviewProofVector }>("reviews").proof : undefined;
const proof = await reviewProofVector({ inputs: reviews.witness.inputs, publicSignals: reviews.witness.publicSignals, existing });
writeVectors("reviews", { ...reviews, proof });

for (const name of [...Object.keys(files), "reviews"] as VectorFile[]) console.log(`${vectorPath(name)}  ${statSync(vectorPath(name)).size} bytes`);
