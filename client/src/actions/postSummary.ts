// PostSummary, signed by the doctor after the surgery. With `content`, the summary becomes an
// encrypted record about the patient (readers: the patient and the doctor) and `summaryHash` is
// its ciphertext hash; the patient can later share it with another doctor (grantAccess).
import type { Hex, LocalAccount } from "viem";
import type { SutureAccount } from "../accounts";
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import type { RecordContent } from "../records";
import { createRecord } from "./createRecord";
import { defineTransaction, type TransactionReceipt } from "./defineTransaction";
import { getCase } from "./getCase";

export type PostSummaryParameters = { caseId: bigint; signer?: Hex | LocalAccount | SutureAccount } & (
  | { content: RecordContent; summaryHash?: never }
  | { summaryHash: Hex; content?: never }
);
export type PostSummaryReturnType = TransactionReceipt & { summaryHash: Hex; recordId: bigint | null };

const send = defineTransaction<"PostSummary">("PostSummary");

export async function postSummary(client: SutureClient, { caseId, signer, content, summaryHash }: PostSummaryParameters): Promise<PostSummaryReturnType> {
  let recordId: bigint | null = null;
  if (content !== undefined) {
    const c = await getCase(client, { caseId });
    const record = await createRecord(client, { subject: c.patient, content, readers: [c.patient], signer });
    recordId = record.recordId;
    summaryHash = record.ciphertextHash;
  }
  if (!summaryHash) throw new SutureClientError("INVALID_ARGUMENT", "give content or summaryHash");
  return { ...(await send(client, { caseId, summaryHash, signer })), summaryHash, recordId };
}
