// Chain and account reads: node status, accounts and their blob storage, transactions, and a
// verifier's progress.
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
