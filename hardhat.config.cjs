// Hardhat 2 configuration for Suture's L1 contracts (sources live in l1-contracts/).
// The machine that builds Suture has no internet access besides npm, so Hardhat must never try to
// download a compiler: the compiler-download subtasks are overridden to use the solc-js build that
// ships with the `solc` npm package (pinned in package.json).
const path = require("node:path");
const { subtask } = require("hardhat/config");
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require("hardhat/builtin-tasks/task-names");

const SOLC_VERSION = require("solc/package.json").version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper(args);
  const solc = require("solc");
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: solc.version(),
  };
});

/** @type {import("hardhat/config").HardhatUserConfig} */
module.exports = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: "cancun",
    },
  },
  paths: {
    root: __dirname,
    sources: path.join(__dirname, "l1-contracts/contracts"),
    tests: path.join(__dirname, "l1-contracts/test"),
    artifacts: path.join(__dirname, "l1-contracts/artifacts"),
    cache: path.join(__dirname, "l1-contracts/cache"),
  },
  networks: {
    hardhat: {
      // Batches carry up to ~128 KB of calldata; keep the default block gas limit generous.
      blockGasLimit: 60_000_000,
      allowUnlimitedContractSize: false,
    },
  },
};
