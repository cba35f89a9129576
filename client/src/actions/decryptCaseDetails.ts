// The doctor reads a case's encrypted details: the blob is checked against the on-chain
// detailsHash, then opened with the doctor's encryption key.
import { keccak256, type Hex, type LocalAccount } from "viem";
import { deriveEncryptionKey, requirePrivateKey, type SutureAccount } from "../accounts";
import { resolveAccount, type SutureClient } from "../client/createSutureClient";
import { RecordTamperedError } from "../errors";
import { eciesDecrypt } from "../records";
import { getBlob } from "./getBlob";
import { getCase } from "./getCase";

export type DecryptCaseDetailsParameters = { caseId: bigint; signer?: Hex | LocalAccount | SutureAccount };
export type DecryptCaseDetailsReturnType = unknown;

export async function decryptCaseDetails(
  client: SutureClient,
  { caseId, signer: accountParam }: DecryptCaseDetailsParameters,
): Promise<DecryptCaseDetailsReturnType> {
  const account = resolveAccount(client, accountParam);
  const c = await getCase(client, { caseId });
  const blob = await getBlob(client, { hash: c.detailsHash });
  if (keccak256(blob) !== c.detailsHash) throw new RecordTamperedError("the details blob does not match the case's detailsHash");
  const { privateKey } = deriveEncryptionKey({ privateKey: requirePrivateKey(account, "decryption") });
  return JSON.parse(new TextDecoder().decode(eciesDecrypt(privateKey, blob)));
}
