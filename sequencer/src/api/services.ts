// What the HTTP API reads from and writes to: the node's parts, whichever mode it runs in.
import type { ChainState } from "../node/ChainState";
import type { NodeDeployment } from "../node/deployment";
import type { Metrics } from "../node/metrics";
import type { Sequencer } from "../node/Sequencer";
import type { Verifier } from "../verifier";

export type NodeServices = {
  mode: "sequencer" | "verifier";
  chain: ChainState;
  metrics: Metrics;
  sequencer: Sequencer | null;
  verifier: Verifier | null;
  l1ChainId: number;
  challengeWindowSeconds: number;
  /** The L1 contracts this node follows (GET /v1/contracts). */
  deployment: NodeDeployment;
  /** Seconds since epoch (block-time reads such as "license expired"). */
  now: () => number;
};
