// Chain and account reads: node status, accounts and their blob storage, transactions, and a
// verifier's progress.
import type { SignedTxType } from "../../../../sequencer/src/protocol";
import { estimateFee, getFees, type GetFeesReturnType } from "../../actions";
import { createSutureClient } from "../../createSutureClient";
import type { AccountView, NodeStatus, StorageQuotaView, TransactionStatus } from "../../types/json";
import { str, type Command } from "../command";
import { eth, fields } from "../output";
import { address, hash32, required } from "../parse";

export const chainCommands: Command[] = [
  {
    words: "status",
    summary: "Node status: mode, chain, height, batches posted and final, verifier health",
    example: "suture status --node http://127.0.0.1:8550",
    run: (ctx) => ctx.reader().getStatus(),
    print: (s: NodeStatus) =>
      fields({
        node: `${s.mode}${s.healthy ? "" : " (UNHEALTHY)"}`,
        chainId: s.chainId,
        l1ChainId: s.l1ChainId,
        bridge: s.bridge,
        height: s.height,
        stateRoot: s.stateRoot,
        batches: `${s.batches.posted} on L1, ${s.batches.finalized} final, ${s.batches.sealed} waiting`,
        challengeWindow: `${s.challengeWindowSeconds} s`,
        ...(s.verifier && { verified: `${s.verifier.verifiedBatches}/${s.verifier.l1Batches}` }),
        ...(s.poster && !s.poster.healthy && { posting: `FAILING: ${s.poster.reason}` }),
        fees: `${eth(s.fees.current.perByte)} per byte + ${eth(s.fees.current.perWorkUnit)} per work unit`,
      }),
  },
  {
    words: "fees",
    summary: "The fee schedule in force, any announced change, and what common transactions cost at it",
    example: "suture fees --node http://127.0.0.1:8550",
    async run(ctx) {
      const client = ctx.reader();
      const fees = await getFees(client);
      const zero = "0x0000000000000000000000000000000000000000" as const;
      const samples: Array<[string, SignedTxType, Record<string, unknown>]> = [
        ["Transfer", "Transfer", { to: zero, amount: 10n ** 18n }],
        ["AcceptOffer", "AcceptOffer", { caseId: 1n }],
        [
          "ProposePlan (2 packs)",
          "ProposePlan",
          {
            caseId: 1n,
            packs: [
              { gtin: "09506000134352", serial: "SN0001" },
              { gtin: "09506000134352", serial: "SN0002" },
            ],
            policyId: 1n,
            planHash: `0x${"00".repeat(32)}`,
          },
        ],
      ];
      const examples: Record<string, bigint> = {};
      for (const [name, type, message] of samples) examples[name] = (await estimateFee(client, { type, message, nonce: 1n, fees })).fee;
      return { ...fees, examples };
    },
    print: (f: GetFeesReturnType & { examples: Record<string, bigint> }) =>
      fields({
        perByte: eth(f.current.perByte),
        perWorkUnit: eth(f.current.perWorkUnit),
        announced: f.pending
          ? `${eth(f.pending.schedule.perByte)} per byte + ${eth(f.pending.schedule.perWorkUnit)} per work unit from ${new Date(Number(f.pending.effectiveAt) * 1000).toISOString()}`
          : "-",
        notice: `${f.noticeSeconds} s`,
        ...Object.fromEntries(Object.entries(f.examples).map(([k, v]) => [k, eth(v)])),
      }),
  },
  {
    words: "account",
    summary: "An account's L2 balance, nonce, encryption key and roles (yours by default)",
    example: "suture account 0x976ea74026e726554db657fa54763abd0c3a0aa9",
    positionals: ["[ADDRESS]"],
    async run(ctx, _v, [a]) {
      return ctx.reader().getAccount({ address: a ? address(a, "ADDRESS") : (await ctx.account()).address });
    },
    print: (a: AccountView) =>
      fields({ address: a.address, balance: eth(a.balance), nonce: a.nonce, encryptionKey: a.encryptionKey, roles: a.roles.join(", ") || "-" }),
  },
  {
    words: "storage",
    summary: "An account's blob storage: bytes used and allowed (its balance bonds perByte per byte, capped), the node's limits",
    example: "suture storage 0x976ea74026e726554db657fa54763abd0c3a0aa9",
    positionals: ["[ADDRESS]"],
    async run(ctx, _v, [a]) {
      return ctx.reader().getStorageQuota({ address: a ? address(a, "ADDRESS") : (await ctx.account()).address });
    },
    print: (q: StorageQuotaView) =>
      fields({
        address: q.address,
        used: `${q.used} bytes in ${q.blobs} blobs`,
        allowed: `${q.allowed} bytes (balance ${eth(q.balance)} at ${eth(q.perByte)} per byte, cap ${q.limits.accountMaxBytes})`,
        blobMax: `${q.limits.blobMaxBytes} bytes`,
        node: `${q.node.used} of ${q.limits.nodeMaxBytes} bytes in ${q.node.blobs} blobs`,
      }),
  },
  {
    words: "tx",
    summary: "A transaction's status: pending, included, batched (on L1), final, or rejected with its code",
    example: "suture tx 0x...",
    positionals: ["HASH"],
    run: (ctx, _v, [h]) => ctx.reader().getTransaction({ hash: hash32(h ?? "", "HASH") }),
    print: (t: TransactionStatus) =>
      fields({ tx: t.hash, status: t.status, block: t.blockNumber, result: t.result, error: t.error ? `${t.error.code}: ${t.error.message}` : undefined }),
  },
  {
    words: "verifier wait",
    summary: "Wait until a verifier node has re-derived the sequencer's state from L1 (shows its progress)",
    example: "suture verifier wait --verifier http://127.0.0.1:8551",
    options: { verifier: str },
    async run(ctx, v) {
      const verifier = createSutureClient({ nodeUrl: required(v, "verifier") });
      const r = await verifier.waitForVerifier({
        sequencer: ctx.reader(),
        onProgress: (p) => ctx.progress(`verified ${p.verifiedBatches}/${p.l1Batches} L1 batches (sequencer posted ${p.sequencerBatches})`),
      });
      return { healthy: r.verifier.healthy, stateRoot: r.verifier.stateRoot, verifiedBatches: r.verifier.verifier?.verifiedBatches ?? 0 };
    },
    print: (r: Record<string, unknown>) => fields(r),
  },
];
