// ProposeSurgery, signed by the patient. With `details`, the case details are encrypted to the
// doctor's published key (ECIES), stored as a blob, and `detailsHash` is that blob's hash.
import { hexToBytes, type Address, type Hex } from "viem";
import type { SutureClient } from "../client/createSutureClient";
import { eciesEncrypt } from "../records";
import { defineTransaction, ZERO_HASH, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";
import { getEncryptionKey } from "./getEncryptionKey";
import { uploadBlob } from "./uploadBlob";

export type ProposeSurgeryParameters = TransactionParameters<"ProposeSurgery", "detailsHash"> & {
  /** Anything JSON: encrypted to the doctor, only its hash goes on chain. */
  details?: unknown;
};
export type ProposeSurgeryReturnType = TransactionReceipt & { caseId: bigint; detailsHash: Hex };

const send = defineTransaction<"ProposeSurgery", { caseId: bigint }>("ProposeSurgery");

export async function proposeSurgery(
  client: SutureClient,
  { details, detailsHash, ...parameters }: ProposeSurgeryParameters,
): Promise<ProposeSurgeryReturnType> {
  let hash = detailsHash ?? ZERO_HASH;
  if (details !== undefined) {
    const key = await getEncryptionKey(client, { address: parameters.doctor as Address });
    const blob = eciesEncrypt(hexToBytes(key), new TextEncoder().encode(JSON.stringify(details)));
    hash = (await uploadBlob(client, { data: blob, signer: parameters.signer })).hash;
  }
  return { ...(await send(client, { ...parameters, detailsHash: hash })), detailsHash: hash };
}
