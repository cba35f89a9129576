// The part of SutureBridge's ABI the client calls (deposit, finalizeWithdrawal, isWithdrawn),
// kept here so the SDK works without compiled Hardhat artifacts. A test checks it against the
// compiled ABI.
const batchHeader = {
  name: "header",
  type: "tuple",
  components: [
    { name: "batchIndex", type: "uint64" },
    { name: "prevStateRoot", type: "bytes32" },
    { name: "postStateRoot", type: "bytes32" },
    { name: "txDataHash", type: "bytes32" },
    { name: "txRootsHash", type: "bytes32" },
    { name: "queueStart", type: "uint64" },
    { name: "queueEnd", type: "uint64" },
    { name: "queueHash", type: "bytes32" },
    { name: "firstBlock", type: "uint64" },
    { name: "lastBlock", type: "uint64" },
    { name: "firstTimestamp", type: "uint64" },
    { name: "lastTimestamp", type: "uint64" },
  ],
} as const;

export const BRIDGE_ABI = [
  { type: "function", name: "deposit", stateMutability: "payable", inputs: [{ name: "l2Recipient", type: "address" }], outputs: [{ name: "index", type: "uint64" }] },
  {
    type: "function",
    name: "finalizeWithdrawal",
    stateMutability: "nonpayable",
    inputs: [
      batchHeader,
      {
        name: "withdrawal",
        type: "tuple",
        components: [
          { name: "id", type: "uint64" },
          { name: "recipient", type: "address" },
          { name: "amount", type: "uint256" },
        ],
      },
      { name: "siblings", type: "bytes32[]" },
    ],
    outputs: [],
  },
  { type: "function", name: "isWithdrawn", stateMutability: "view", inputs: [{ name: "id", type: "uint64" }], outputs: [{ name: "", type: "bool" }] },
] as const;
