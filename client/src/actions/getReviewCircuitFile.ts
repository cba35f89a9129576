// Downloads one review-circuit file (wasm, proving key, verification key) and checks it against the
// manifest's sha256, so a prover can run without a copy of the repository:
// createReviewProver({ wasm, zkey }) with the bytes of review.wasm and review.zkey.
import { sha256 as sha256Hash } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { SutureClient } from "../client/createSutureClient";
import { SutureClientError } from "../errors";
import type { CircuitManifestView } from "../types/json";
import { getReviewCircuit } from "./getReviewCircuit";

export type GetReviewCircuitFileParameters = {
  file: CircuitManifestView["files"][number]["name"];
  /** The manifest to check against; read from the node when omitted. */
  manifest?: CircuitManifestView;
};
export type GetReviewCircuitFileReturnType = Uint8Array;

export async function getReviewCircuitFile(client: SutureClient, { file, manifest }: GetReviewCircuitFileParameters): Promise<GetReviewCircuitFileReturnType> {
  const entry = (manifest ?? (await getReviewCircuit(client))).files.find((f) => f.name === file);
  if (!entry) throw new SutureClientError("INVALID_ARGUMENT", `the circuit manifest has no file ${file}`);
  const bytes = await client.request<Uint8Array>({ path: `/v1/circuits/review/${file}`, raw: true });
  const sha256 = bytesToHex(sha256Hash(bytes));
  if (sha256 !== entry.sha256)
    throw new SutureClientError("NODE_ERROR", `${file} hashes to ${sha256}, the manifest says ${entry.sha256}`, { details: { file } });
  return bytes;
}
