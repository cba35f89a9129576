// Browser stand-in for circuits/config.ts, whose paths come from node:url and the file system.
// The parameters are the same values (circuitsConfig.test.ts checks them against the original);
// the artifacts are URLs on the node that serves this app.
export const REVIEW_CIRCUIT = {
  name: "review",
  depth: 20,
  publicSignals: ["root", "doctor", "nullifier", "message"] as const,
  privateInputs: ["s", "leafIndex", "siblings"] as const,
  optimization: "O2" as const,
  maxConstraints: 6431,
  ptauPower: 13,
} as const;

export type ReviewPublicSignalName = (typeof REVIEW_CIRCUIT.publicSignals)[number];

export const REVIEW_ARTIFACTS = {
  dir: "/v1/circuits/review/",
  wasm: "/v1/circuits/review/review.wasm",
  zkey: "/v1/circuits/review/review.zkey",
} as const;
