// What the HTTP API reads from and writes to: the node's parts, whichever mode it runs in.
import type { ChainState } from "../ledger/ChainState";
import type { Metrics } from "../runtime/metrics";
import type { Sequencer } from "../sequencing/Sequencer";
import type { NodeDeployment } from "../ledger/deployment";
import type { Verifier } from "../verifier";
import type { PosterHealth, ProposerRole } from "../batcher";
import type { BlobPolicy } from "../blobs";

export type NodeServices = {
  mode: "sequencer" | "verifier";
  chain: ChainState;
  metrics: Metrics;
  sequencer: Sequencer | null;
  verifier: Verifier | null;
  /** Sequencer mode: whether sealed batches reach L1 (null in verifier mode). */
  poster: { readonly health: PosterHealth } | null;
  /** Sequencer mode: the bridge's sequencer, or a fallback proposer waiting or active (null in verifier mode, or before the first L1 read). */
  role?: () => ProposerRole | null;
  l1ChainId: number;
  challengeWindowSeconds: number;
  /** The L1 contracts this node follows (GET /v1/contracts). */
  deployment: NodeDeployment;
  /** Limits of the blob store (per blob, per account, node-wide) and of upload authorizations. */
  blobs: BlobPolicy;
  /** Seconds since epoch (block-time reads such as "license expired"). */
  now: () => number;
};
