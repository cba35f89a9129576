// Architecture rules, checked by `npm run depcheck` (part of `npm test`).
//
// The node's folders form a strict order: a folder may import only folders before it in LAYERS,
// so no two folders can depend on each other (no folder cycles), and the pure core (wire
// formats, state, STF) can never reach I/O. Read top to bottom, LAYERS is the design: formats,
// then state and its transition function, then storage and the ledger, then the runtime pieces
// every loop shares, then the subsystems, then the API and the wiring.
const LAYERS = [
  "crypto",
  "errors",
  "protocol", // the wire contract: txs, blocks, batches, leaves, review formulas
  "tree",
  "state",
  "reviews", // Poseidon review tree (pure)
  "stf",
  "reputation",
  "chain", // block execution
  "store",
  "ledger", // state in memory + store on disk
  "blobs", // metered off-chain blob storage
  "mempool",
  "runtime", // logger, metrics, loops, signature workers, proof cache
  "proofs", // snarkjs verifier
  "l1",
  "batcher", // sealing and posting
  "sequencing", // admission and block production
  "verifier",
  "api",
  "node", // wiring, config
  "devnet",
];

const SRC = "^sequencer/src/";
const layerRules = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `sequencer/src/${layer} may import only ${LAYERS.slice(0, i).join(", ") || "nothing of the node"}`,
  severity: "error",
  // Tests and the golden-vector generator (protocol/vectors) may reach across layers.
  from: { path: `${SRC}${layer}/`, pathNot: "\\.test\\.ts$|/vectors/" },
  to: { path: `${SRC}(${LAYERS.slice(i + 1).join("|")})/` },
}));

const PURE = `${SRC}(crypto|errors|protocol|tree|state|reviews|stf|reputation|chain)/`;
const IO =
  "^(fs|net|http|https|child_process|worker_threads|dgram|cluster)$|node_modules/(better-sqlite3|fastify|@fastify|snarkjs|pino|prom-client|viem/_[a-z]+/clients)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "no import cycles between modules", from: {}, to: { circular: true } },
    { name: "not-to-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
    {
      name: "pure-core-no-io",
      severity: "error",
      comment: "formats, state, STF and block execution never reach I/O (file system, network, SQLite, HTTP, snarkjs, logging), even transitively",
      from: { path: PURE, pathNot: "\\.test\\.ts$|/testing/|/vectors/" },
      to: { path: IO, reachable: true },
    },
    ...layerRules,
    {
      name: "only-main-imports-node",
      severity: "error",
      comment: "the node's wiring is the top: only entry points, the devnet and tests import it",
      from: { path: SRC, pathNot: `${SRC}(node|devnet)/|${SRC}main\\.ts$|\\.test\\.ts$|/vectors/` },
      to: { path: `${SRC}node/` },
    },
    {
      name: "api-schemas-are-standalone",
      severity: "error",
      comment: "the published API schemas depend on TypeBox and the transaction definitions only, so any client can take them",
      from: { path: `${SRC}protocol/api/` },
      to: { path: "^sequencer/src/|node_modules/", pathNot: `^${SRC}protocol/(api/|txTypes\\.ts$|enums\\.ts$)|node_modules/@sinclair/typebox/` },
    },
    {
      name: "client-uses-the-wire-contract",
      severity: "error",
      comment: "the SDK and CLI use the node only through its published contract (formats, error codes, pure helpers), never its internals",
      from: { path: "^client/(src|web)/", pathNot: "\\.test\\.ts$" },
      to: { path: SRC, pathNot: `${SRC}(protocol|errors|crypto|reviews|devnet/devAccounts)` },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(artifacts|cache|node_modules)/|^client/web/dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      extensions: [".ts", ".tsx", ".js", ".json", ".cjs", ".mjs"],
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
