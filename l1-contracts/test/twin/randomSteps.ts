// Seeded random steps over the whole STF for differential testing against the Solidity twin:
// every transaction type (mostly the one a case's status calls for, signed by the party it
// needs), wrong signers, wrong nonces and fee caps, stale and out-of-range ids, edge values
// (0 and max uint64/uint256, empty, longest and over-long strings, non-ASCII and lone UTF-16
// surrogates, oversized arrays), corrupted and random bytes, deposits (queue gaps included),
// block-end folds, real review proofs now and then, and deep state-tree paths (filler leaves
// sharing up to 24 leading key bits with what a step touches). Every step goes through
// TwinChecker, as bytes the way a batch carries them. One `RandomRun` is one seed's world.
import type { Address, Hex } from "viem";
import { createReviewProver, type ReviewProver } from "../../../client/src/reviews";
import { bytesToHex } from "../../../sequencer/src/crypto/bytes";
import { ERROR_CODES } from "../../../sequencer/src/errors";
import { createReviewProofVerifier, type ReviewProofVerifier } from "../../../sequencer/src/proofs";
import {
  BN254_BASE_FIELD,
  encodeTx,
  MAX_BYTES_LENGTH,
  MAX_STRING_BYTES,
  reviewCommitment,
  reviewLeaf,
  SNARK_SCALAR_FIELD,
  signDigest,
  TX_TYPES,
  typedDataDigest,
  type Message,
  type PackRef,
  type SignedTxType,
  type Tx,
  type TxType,
} from "../../../sequencer/src/protocol";
import { ReviewProofCache } from "../../../sequencer/src/runtime";
import { DEFAULT_FEES, type Case, type CaseStatus } from "../../../sequencer/src/state";
import type { Receipt } from "../../../sequencer/src/stf";
import { actor, ETH, gtin, h32, TestChain, testGenesis, type Actor, type TestMessage } from "../../../sequencer/src/stf/testing/harness";
import { plantNeighbours } from "../../../sequencer/src/stf/testing/deepPaths";
import { prng, type Prng } from "../../../sequencer/src/stf/testing/prng";
import { createWorld, DAY, YEAR, type World } from "../../../sequencer/src/stf/testing/world";
import type { Fixture } from "../fixture";
import { TwinChecker } from "./twinChecker";

const MAX_U64 = 2n ** 64n - 1n;
const MAX_U256 = 2n ** 256n - 1n;
const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";
/** A valid compressed secp256k1 public key (the generator point). */
const GENERATOR_KEY: Hex = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
const SPECIALTIES = ["rhinoplasty", "blepharoplasty", "facelift"];
const COMPLICATIONS = ["infection", "swelling", "scarring"];
/** Lots of 100 packs each (the most one registration takes) the world gets besides L1 and L2, so plans find fresh packs. */
const PACK_LOTS = ["P0", "P1", "P2", "P3", "P4"];
const LIVE: CaseStatus[] = ["PROPOSED", "OFFERED", "SCHEDULED", "PLANNED", "CONFIRMED"];
/** The steps a case's status calls for (repeats weigh the likelier ones). */
const NEXT_STEPS: Partial<Record<CaseStatus, SignedTxType[]>> = {
  PROPOSED: ["OfferSchedule", "OfferSchedule", "OfferSchedule", "CancelSurgery"],
  OFFERED: ["AcceptOffer", "AcceptOffer", "AcceptOffer", "OfferSchedule", "CancelSurgery"],
  SCHEDULED: ["ProposePlan", "ProposePlan", "ProposePlan", "ProposePlan", "RequestReschedule", "AcceptReschedule", "CancelSurgery", "MarkNoShow"],
  PLANNED: ["ConfirmPlan", "ConfirmPlan", "ConfirmPlan", "ConfirmPlan", "ConfirmPlan", "ProposePlan", "CancelSurgery", "RequestReschedule"],
  CONFIRMED: ["RecordSurgery", "RecordSurgery", "RecordSurgery", "RecordSurgery", "RecordSurgery", "AcceptReschedule", "MarkNoShow", "CancelSurgery"],
  EXECUTED: ["CloseSurgery", "CloseSurgery", "PostSummary", "ReportIncident", "ReportIncident", "FinalizeSurgery"],
  CLOSED: ["AddReviewCommitment", "ReportIncident", "PostSummary"],
};
/** Cases the generator looks at: the most recent ones (older ones are reached as stale ids). */
const CASE_WINDOW = 120;

/** Every rejection code a transaction step can produce (the STF's codes in errors/codes.ts, the queue's excluded). */
export const STF_REJECTION_CODES: readonly string[] = (() => {
  const keys = Object.keys(ERROR_CODES);
  return ["INVALID_FIELD", "NONCE_TOO_LOW", "NONCE_TOO_HIGH", ...keys.slice(keys.indexOf("NOT_AUTHORIZED")).filter((k) => k !== "QUEUE_OUT_OF_ORDER")];
})();

export const TX_TYPE_NAMES = Object.keys(TX_TYPES) as TxType[];

/** What a run covered: outcomes per step kind ("ok", a rejection code, "undecodable"). */
export class Coverage {
  readonly outcomes = new Map<string, Map<string, number>>();
  steps = 0;

  add(kind: string, outcome: string): void {
    const seen = this.outcomes.get(kind) ?? new Map<string, number>();
    seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    this.outcomes.set(kind, seen);
    this.steps++;
  }

  merge(other: Coverage): void {
    for (const [kind, seen] of other.outcomes) for (const [outcome, n] of seen) for (let i = 0; i < n; i++) this.add(kind, outcome);
  }

  /** Transaction types accepted at least once. */
  accepted(): Set<string> {
    return new Set([...this.outcomes].filter(([, seen]) => seen.has("ok")).map(([kind]) => kind));
  }

  /** Rejection codes seen, over every transaction type. */
  codes(): Set<string> {
    const codes = new Set<string>();
    for (const [, seen] of this.outcomes) for (const outcome of seen.keys()) if (STF_REJECTION_CODES.includes(outcome)) codes.add(outcome);
    return codes;
  }

  summary(): string {
    const codes = this.codes();
    const lines = [...this.outcomes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, seen]) => `  ${kind}: ${[...seen].map(([o, n]) => `${o} ${n}`).join(", ")}`);
    const missing = STF_REJECTION_CODES.filter((c) => !codes.has(c));
    return [
      `${this.steps} steps; ${TX_TYPE_NAMES.filter((t) => this.accepted().has(t)).length} of ${TX_TYPE_NAMES.length} transaction types accepted; ${codes.size} of ${STF_REJECTION_CODES.length} rejection codes`,
      ...lines,
      `  rejection codes not seen: ${missing.join(" ") || "none"}`,
    ].join("\n");
  }

  toJSON() {
    return {
      steps: this.steps,
      typesAccepted: [...this.accepted()].filter((t) => TX_TYPE_NAMES.includes(t as TxType)).length,
      types: TX_TYPE_NAMES.length,
      rejectionCodesSeen: [...this.codes()].sort(),
      rejectionCodesMissing: STF_REJECTION_CODES.filter((c) => !this.codes().has(c)),
      outcomes: Object.fromEntries([...this.outcomes].map(([kind, seen]) => [kind, Object.fromEntries(seen)])),
    };
  }
}

/** Real review proofs: a prover (the client's) and the node's verifier. */
export type ReviewProofs = { prover: ReviewProver; verifier: ReviewProofVerifier; close(): Promise<void> };

export async function createReviewProofs(): Promise<ReviewProofs> {
  const prover = await createReviewProver();
  const verifier = createReviewProofVerifier();
  return {
    prover,
    verifier,
    async close() {
      await verifier.close();
      await prover.close();
    },
  };
}

export type RandomRunOptions = {
  seed: number;
  /** Real review proofs (one at most every `proofEvery` steps); without them PostReview only sees forged proofs. */
  reviews?: ReviewProofs;
  /** Steps between two real proofs at least (default 500). */
  proofEvery?: number;
  /** Keep every checked step in `twin.steps` (default false). */
  record?: boolean;
};

type Signed = { who: Actor; type: SignedTxType; message: Record<string, unknown> };
type Draft = Signed | { review: Message<"PostReview">; real?: boolean } | { advance: true } | { deposit: true } | { raw: true };

/** One seed's world and its random steps, each checked on both sides. */
export class RandomRun {
  readonly rng: Prng;
  readonly w: World;
  readonly chain: TestChain;
  readonly twin: TwinChecker;
  readonly coverage = new Coverage();
  readonly fees: boolean;
  readonly #proofs: ReviewProofCache | undefined;
  readonly #people: Actor[];
  readonly #doctors: Actor[];
  readonly #patients: Actor[];
  readonly #governance = actor("governance");
  /** Time spent making and verifying review proofs (outside the twin). */
  proofMs = 0;
  #fresh = 0;
  #lots = 2;
  #serial = 0;
  #lastProof = -Infinity;
  /** Review secrets of commitments the generator made, by case id. */
  readonly #secrets = new Map<bigint, bigint>();
  /** Real proofs made so far (replayed and varied later). */
  readonly #proven: Message<"PostReview">[] = [];

  constructor(
    fixture: ConstructorParameters<typeof TwinChecker>[0],
    readonly options: RandomRunOptions,
  ) {
    this.rng = prng(options.seed);
    this.fees = this.rng.chance(0.5);
    this.chain = new TestChain({ params: testGenesis(this.fees ? { fees: DEFAULT_FEES } : {}) });
    this.w = createWorld({ chain: this.chain, packsPerLot: 40 });
    const drC = actor("dr-c");
    this.#doctors = [this.w.drA, this.w.drB, drC];
    this.#patients = [...this.w.patients, actor("p4")];
    const { board, medReg, insReg, maker, insurer } = this.w;
    this.#people = [...this.#patients, ...this.#doctors, board, medReg, insReg, maker, insurer, this.#governance, actor("stranger")];
    for (const a of this.#people) this.chain.deposit(a, 50n * ETH);
    const expiry = BigInt(this.chain.time + 2 * YEAR);
    for (const lot of PACK_LOTS) {
      this.chain.ok(this.w.maker, "RegisterMedicine", { gtin: this.w.gtin, lot, expiry, serials: Array.from({ length: 100 }, (_, i) => `${lot}-${i}`) });
    }
    if (options.reviews) {
      this.#proofs = new ReviewProofCache((input) => options.reviews!.verifier.verify(input));
      this.chain.checkReviewProof = this.#proofs.check;
    }
    this.twin = new TwinChecker(fixture, this.chain, { record: options.record ?? false });
  }

  /** Runs one checked step (time passing between blocks is not a step). */
  async step(): Promise<void> {
    for (;;) {
      const draft = await this.#draft();
      if ("advance" in draft) {
        await this.twin.fold();
        this.coverage.add("fold", "ok");
        const { params } = this.chain.state;
        const long = [3 * DAY, 8 * DAY, params.noShowGraceSeconds, params.closeTimeoutSeconds, 31 * DAY];
        this.chain.advance(this.rng.chance(0.9) ? this.rng.pick([1, 12, 60, 600, 3_600, 6 * 3_600, DAY]) : this.rng.pick(long));
        return;
      }
      if ("deposit" in draft) return this.#deposit();
      if ("raw" in draft) {
        const bytes = this.#corrupt();
        if (!bytes) continue;
        return this.#bytes(bytes, "corrupted");
      }
      const bytes = "review" in draft ? this.#reviewBytes(draft.review) : this.#signedBytes(draft);
      if (!bytes) continue;
      if (this.rng.chance(0.02)) this.#deepen(bytes);
      if ("review" in draft && this.#proofs) {
        const started = performance.now();
        await this.#proofs.prepare({ type: "PostReview", from: null, signature: null, message: draft.review } as Tx<"PostReview">);
        this.proofMs += performance.now() - started;
      }
      return this.#bytes(bytes, "review" in draft ? "PostReview" : draft.type);
    }
  }

  async #bytes(bytes: Uint8Array, label: string): Promise<void> {
    const receipt = await this.twin.bytes(bytes, label);
    this.#note(receipt);
  }

  #note(receipt: Receipt | null): void {
    if (!receipt) return this.coverage.add("undecodable", "ok");
    const tx = this.chain.log.at(-1)!.tx;
    this.coverage.add(tx.type, receipt.status === "ok" ? "ok" : receipt.error.code);
    if (receipt.status !== "ok") return;
    const m = tx.message as Record<string, unknown>;
    const pending = this.#pendingSecret;
    if ((tx.type === "CloseSurgery" || tx.type === "AddReviewCommitment") && pending && pending.commitment === m.reviewCommitment) {
      this.#secrets.set(m.caseId as bigint, pending.secret);
    }
  }

  #pendingSecret: { secret: bigint; commitment: bigint } | undefined;

  async #deposit(): Promise<void> {
    const { rng } = this;
    const position = this.chain.state.get("meta", "")!.queuePosition;
    const to = rng.chance(0.8) ? rng.pick(this.#people).address : this.#address();
    const deposit = {
      index: position + (rng.chance(0.1) ? BigInt(1 + rng.int(3)) : 0n),
      l1Sender: rng.pick(this.#people).address,
      l2Recipient: to,
      amount: rng.pick([0n, 1n, ETH, 20n * ETH, 100n * ETH, rng.bigint(64), rng.bigint(96)]),
    };
    await this.twin.deposit(deposit);
    this.coverage.add("deposit", "ok");
  }

  // ---------------------------------------------------------------- drafting

  async #draft(): Promise<Draft> {
    const { rng } = this;
    const roll = rng.int(1000);
    if (roll < 60) return { advance: true };
    if (roll < 85) return { deposit: true };
    if (roll < 120) return { raw: true };
    this.#focus = undefined;
    if (roll < 700) {
      // A recent case (or open incident) and the step its status calls for.
      const incident = this.#openIncident();
      if (incident && rng.chance(0.15)) {
        this.#focusIncident = incident;
        return this.#tx(rng.pick(["ProposeResolution", "AcceptResolution", "AcceptResolution"] as const));
      }
      // A case that can still move (a new one while there are few).
      const active = this.#cases().filter((c) => NEXT_STEPS[c.status] && (c.status !== "CLOSED" || !c.reviewCommitment));
      const c = active.length >= 10 && rng.chance(0.9) ? rng.pick(active) : undefined;
      const natural = c && NEXT_STEPS[c.status];
      if (c && natural) {
        this.#focus = c;
        if (c.reschedule && rng.chance(0.5)) return this.#tx("AcceptReschedule");
        if (c.status === "EXECUTED") {
          // A third of the patients never close: their doctors finalize after the timeout.
          const timedOut = this.chain.time >= c.executedAt! + this.chain.state.params.closeTimeoutSeconds;
          if (timedOut && rng.chance(0.7)) return this.#tx("FinalizeSurgery");
          if (c.id % 3n === 0n) return this.#tx(rng.pick(["PostSummary", "ReportIncident", "FinalizeSurgery"] as const));
        }
        return this.#tx(rng.pick(natural));
      }
      return this.#tx("ProposeSurgery");
    }
    return this.#tx(rng.pick(TX_TYPE_NAMES));
  }

  /** The case the next step is drawn for (progress mode). */
  #focus: Case | undefined;
  #focusIncident: bigint | undefined;

  #openIncident(): bigint | undefined {
    const next = this.#meta().nextIncidentId;
    const open: bigint[] = [];
    for (let id = next - 1n; id >= 1n && id >= next - 20n; id--) if (this.chain.state.get("incident", id.toString())?.status === "OPEN") open.push(id);
    return open.length ? this.rng.pick(open) : undefined;
  }

  /** A transaction of `type` (mostly the one the state calls for). */
  async #tx(type: TxType): Promise<Draft> {
    if (type === "PostReview") return this.#review();
    return this.#signed(type);
  }

  #signed(type: SignedTxType): Signed {
    const { rng } = this;
    const { who, message } = this.#generators[type]();
    // A wrong signer now and then (on top of the ones the generators pick).
    return { who: rng.chance(0.05) ? rng.pick(this.#people) : who, type, message: this.#frame(message) };
  }

  /** Nonce and fee cap: the sender's next nonce and a generous cap, or a wrong one. */
  #frame(message: Record<string, unknown>): Record<string, unknown> {
    const { rng } = this;
    const out = { ...message };
    if (rng.chance(0.03)) out.nonce = rng.pick([0n, 1n, 2n, 5n, MAX_U64]);
    if (rng.chance(0.03)) out.maxFee = rng.pick([0n, 1n, 1000n, MAX_U256]);
    return out;
  }

  /** Signed bytes; strings signTx refuses (over-long, lone surrogates) are signed as they are. */
  #signedBytes({ who, type, message }: Signed): Uint8Array | undefined {
    try {
      return encodeTx(this.chain.sign(who, type, message as TestMessage<typeof type>));
    } catch {
      const nonce = (message.nonce as bigint | undefined) ?? this.chain.state.get("account", who.address)?.nonce ?? 0n;
      const full = { ...message, nonce, maxFee: message.maxFee ?? 10n ** 24n };
      try {
        const signature = signDigest(who.privateKey, typedDataDigest(this.chain.domain, type, full));
        return encodeTx({ type, message: full, signature } as unknown as Tx);
      } catch {
        return undefined;
      }
    }
  }

  #reviewBytes(message: Message<"PostReview">): Uint8Array | undefined {
    try {
      return encodeTx({ type: "PostReview", message, signature: null } as unknown as Tx);
    } catch {
      return undefined;
    }
  }

  /** Bytes of a random transaction, damaged: a flipped bit, cut, extended, another type byte, or noise. */
  #corrupt(): Uint8Array | undefined {
    const { rng } = this;
    const kind = rng.int(7);
    if (kind === 0) return rng.bytes(rng.pick([0, 1, 2, 33, 65, 100, 300]));
    const draft = this.#signed(rng.pick(TX_TYPE_NAMES.filter((t) => t !== "PostReview")) as SignedTxType);
    const good = this.#signedBytes(draft);
    if (!good || good.length === 0) return undefined;
    const bytes = Uint8Array.from(good);
    const at = rng.int(bytes.length);
    if (kind === 1) bytes[at] = bytes[at]! ^ (1 << rng.int(8));
    else if (kind === 2) return bytes.subarray(0, at);
    else if (kind === 3) return Uint8Array.from([...bytes, ...rng.bytes(1 + rng.int(4))]);
    else if (kind === 4) bytes[0] = rng.pick([0, 33, 34, 0x7f, 0xff, 1 + rng.int(32)]);
    else if (kind === 5)
      bytes[at] = 0xff; // invalid UTF-8 when it lands in a string
    else bytes[bytes.length - 1] = rng.pick([0, 1, 26, 29, 0xff]); // the signature's v
    return bytes;
  }

  /**
   * Plants filler leaves next to every key the next step touches (a dry run finds them): keys
   * sharing 0..24 leading bits, so the step's witnesses carry deep paths. Changes the root
   * outside any step; the twin starts from whatever pre-root it is given.
   */
  #deepen(bytes: Uint8Array): void {
    const tx = this.twin.decode(bytes);
    if (tx) plantNeighbours(this.chain.state, this.rng, this.rng.pick([8, 16, 24]), () => this.chain.apply(tx));
  }

  // ---------------------------------------------------------------- values

  #address(): Address {
    const { rng } = this;
    const r = rng.int(10);
    if (r === 0) return ZERO_ADDRESS;
    if (r < 3) return actor(`fresh-${this.options.seed}-${this.#fresh++}`).address;
    return rng.pick(this.#people).address;
  }

  /** Mostly `natural`, sometimes anyone (a wrong signer). */
  #as(natural: Address | Actor | undefined): Actor {
    const who = typeof natural === "string" ? this.#people.find((p) => p.address === natural) : natural;
    return who && this.rng.chance(0.9) ? who : this.rng.chance(0.2) ? actor(`fresh-${this.options.seed}-${this.#fresh++}`) : this.rng.pick(this.#people);
  }

  #u64(): bigint {
    return this.rng.pick([0n, 1n, MAX_U64, MAX_U64 - 1n, 2n ** 63n, this.rng.bigint(64), BigInt(this.rng.int(100))]);
  }

  #u256(): bigint {
    return this.rng.pick([0n, 1n, MAX_U256, 2n ** 255n, 2n ** 128n, this.rng.bigint(256), this.rng.bigint(64)]);
  }

  #amount(): bigint {
    return this.rng.chance(0.1) ? this.#u256() : this.rng.chance(0.2) ? BigInt(this.rng.int(5)) * ETH : BigInt(this.rng.int(1000)) * 10n ** 14n;
  }

  #hash(): Hex {
    return this.rng.pick([h32(this.rng.int(1e9)), h32(this.rng.int(1e9)), `0x${"00".repeat(32)}`, `0x${"ff".repeat(32)}`] as Hex[]);
  }

  /** A time relative to now: mostly ahead, sometimes past or at the uint64 edge. */
  #time(ahead = 7 * DAY): bigint {
    const { rng, chain } = this;
    const r = rng.int(20);
    if (r === 0) return MAX_U64;
    if (r === 1) return 0n;
    if (r === 2) return BigInt(chain.time - rng.int(DAY));
    if (r === 3) return BigInt(chain.time);
    return BigInt(chain.time + 1 + rng.int(ahead * 2));
  }

  /** A string: usually `usual`, else an edge (empty, longest, over-long, padded, non-ASCII, lone surrogates, controls). */
  #string(usual: string): string {
    const { rng } = this;
    if (rng.chance(0.8)) return usual;
    return rng.pick([
      "",
      "x".repeat(MAX_STRING_BYTES),
      "x".repeat(MAX_STRING_BYTES + 1),
      "é".repeat(MAX_STRING_BYTES / 2),
      "😀".repeat(MAX_STRING_BYTES / 4),
      "😀".repeat(MAX_STRING_BYTES / 4 + 1),
      ` ${usual}`,
      `${usual}\u00a0`,
      "\u2028",
      "a\u0308",
      "\ud800",
      `${usual}\udfff`,
      "\udc00\ud800",
      "\u0000",
      "x".repeat(48),
      "x".repeat(49),
      String.fromCodePoint(...Array.from({ length: 1 + rng.int(20) }, () => rng.int(0x2000))),
    ]);
  }

  #bytesValue(max = 300): Hex {
    const { rng } = this;
    const n = rng.chance(0.05) ? rng.pick([0, MAX_BYTES_LENGTH, MAX_BYTES_LENGTH + 1]) : 1 + rng.int(max);
    return bytesToHex(rng.bytes(n));
  }

  #field(): bigint {
    const { rng } = this;
    return rng.chance(0.1) ? SNARK_SCALAR_FIELD + BigInt(rng.int(3)) : rng.bigint(256) % SNARK_SCALAR_FIELD;
  }

  /** 1..usual items (item i from make(i)), or now and then none or too many. */
  #list<T>(make: (i: number) => T, usual = 3): T[] {
    const { rng } = this;
    const n = rng.chance(0.05) ? rng.pick([0, 17, 33, 129]) : 1 + rng.int(usual);
    return Array.from({ length: n }, (_, i) => make(i));
  }

  // ---------------------------------------------------------------- state

  #cases(): Case[] {
    const next = Number(this.chain.state.get("meta", "")!.nextCaseId);
    const out: Case[] = [];
    for (let id = Math.max(1, next - CASE_WINDOW); id < next; id++) out.push(this.chain.state.get("case", String(id))!);
    return out;
  }

  /** A case in one of `statuses` (mostly), any case, or an id that is not one. */
  #case(statuses: readonly CaseStatus[] = LIVE): { caseId: bigint; c: Case | undefined } {
    const { rng } = this;
    if (this.#focus && rng.chance(0.97)) return { caseId: this.#focus.id, c: this.#focus };
    const all = this.#cases();
    const fitting = all.filter((c) => statuses.includes(c.status));
    if (fitting.length && rng.chance(0.85)) {
      const c = rng.pick(fitting);
      return { caseId: c.id, c };
    }
    if (all.length && rng.chance(0.7)) {
      const c = rng.pick(all);
      return { caseId: c.id, c };
    }
    const next = this.chain.state.get("meta", "")!.nextCaseId;
    return { caseId: rng.pick([0n, next, next + 1n, MAX_U64, 1n]), c: undefined };
  }

  /** Mostly the next fresh pack of the P lots; else any pack of L1, L2 or a generated lot, or one that does not exist. */
  #pack(): PackRef {
    const { rng, w } = this;
    if (rng.chance(0.8)) {
      const n = this.#serial++ % (100 * PACK_LOTS.length);
      return { gtin: w.gtin, serial: `${PACK_LOTS[Math.floor(n / 100)]}-${n % 100}` };
    }
    const lot = rng.pick(["L1", "L2", `R${rng.int(this.#lots)}`]);
    return { gtin: rng.chance(0.95) ? w.gtin : gtin("0761234567891"), serial: `${lot}-${rng.int(45)}` };
  }

  #id(next: bigint): bigint {
    const { rng } = this;
    return rng.chance(0.85) && next > 1n ? 1n + BigInt(rng.int(Number(next - 1n))) : rng.pick([0n, next, next + 1n, MAX_U64]);
  }

  #meta() {
    return this.chain.state.get("meta", "")!;
  }

  // ---------------------------------------------------------------- per type

  readonly #generators: Record<SignedTxType, () => { who: Actor; message: Record<string, unknown> }> = {
    SetEncryptionKey: () => ({
      who: this.rng.pick(this.#people),
      message: {
        encryptionKey: this.rng.pick([
          GENERATOR_KEY,
          GENERATOR_KEY,
          `0x04${GENERATOR_KEY.slice(4)}`,
          "0x",
          bytesToHex(Uint8Array.from([2 + this.rng.int(2), ...this.rng.bytes(32)])),
          bytesToHex(this.rng.bytes(65)),
        ]),
      },
    }),
    Transfer: () => ({ who: this.rng.pick(this.#people), message: { to: this.#address(), amount: this.#amount() } }),
    Withdraw: () => ({ who: this.rng.pick(this.#people), message: { recipient: this.#address(), amount: this.#amount() } }),
    AdmitParticipant: () => {
      const { rng, w } = this;
      const role = rng.pick([1, 2, 1, 2, 0, 3, 255]);
      return {
        who: this.#as(role === 2 ? w.insReg : w.medReg),
        message: { account: rng.chance(0.5) ? rng.pick(this.#people).address : this.#address(), role, active: rng.chance(0.8) },
      };
    },
    RegisterDoctor: () => {
      const { rng } = this;
      const coordinate = (limit: number) =>
        rng.chance(0.8) ? rng.int(2 * limit + 1) - limit : rng.pick([0, limit, -limit, limit + 1, -(limit + 1), 2 ** 31 - 1, -(2 ** 31)]);
      return {
        who: rng.chance(0.7) ? rng.pick(this.#doctors) : this.#as(undefined),
        message: {
          specialties: this.#list((i) => this.#string(SPECIALTIES[i % SPECIALTIES.length]!), 2),
          latE6: coordinate(90_000_000),
          lonE6: coordinate(180_000_000),
          acceptedInsurers: rng.chance(0.3) ? [] : this.#list(() => (rng.chance(0.7) ? this.w.insurer.address : this.#address()), 2),
          profileHash: this.#hash(),
        },
      };
    },
    AttestLicense: () => {
      const { rng, chain } = this;
      // Suspensions, revocations and short expiries mostly for dr-c, so cases of dr-a and dr-b go on.
      const good = rng.chance(0.7);
      const doctor = rng.chance(0.9) ? (good ? rng.pick(this.#doctors) : this.#doctors[2]!).address : this.#address();
      return {
        who: this.#as(this.w.board),
        message: {
          doctor,
          jurisdiction: good ? "US-NY" : this.#string("US-NY"),
          licenseNumberHash: this.#hash(),
          npi: good ? "1234567893" : rng.pick(["1234567893", "1234567890", "", "12345678930", "abcdefghij"]),
          status: good ? 1 : rng.pick([1, 0, 2, 3]),
          expiresAt: good ? BigInt(chain.time + 2 * YEAR) : this.#time(),
        },
      };
    },
    RegisterMedicine: () => {
      const { rng, chain } = this;
      const lot = rng.chance(0.8) ? `R${this.#lots++}` : this.#string(rng.pick(["L1", "L2", "R0"]));
      const serials = this.#list(() => `${lot}-${rng.int(50)}`, 5);
      if (rng.chance(0.05)) serials.push(serials[0]!);
      return {
        who: this.#as(this.w.maker),
        message: {
          gtin: rng.chance(0.9) ? this.w.gtin : rng.pick([gtin("0761234567891"), "0761234567890", "123", ""]),
          lot,
          expiry: rng.chance(0.85) ? BigInt(chain.time + YEAR) : this.#time(),
          serials,
        },
      };
    },
    RecallLot: () => ({
      who: this.#as(this.w.maker),
      message: { gtin: this.w.gtin, lot: this.rng.pick(["L2", "L1", `R${this.rng.int(this.#lots)}`, "nope"]) },
    }),
    PublishPolicy: () => {
      const { rng } = this;
      return {
        who: this.#as(this.w.insurer),
        message: {
          procedures: this.#list((i) => this.#string(SPECIALTIES[i % SPECIALTIES.length]!), 2),
          terms: this.#list(
            (i) => ({
              complication: this.#string(COMPLICATIONS[i % COMPLICATIONS.length]!),
              payout: rng.chance(0.9) ? ETH : this.#u256(),
              windowDays: rng.chance(0.9) ? 30 : rng.pick([0, 3650, 3651, 2 ** 32 - 1]),
            }),
            2,
          ),
          premium: rng.chance(0.9) ? ETH / 10n : this.#u256(),
          cap: rng.chance(0.9) ? BigInt(1 + rng.int(10)) * ETH : this.#u256(),
        },
      };
    },
    ProposeSurgery: () => {
      const { rng } = this;
      return {
        who: this.#as(rng.pick(this.#patients)),
        message: {
          doctor: rng.chance(0.9) ? rng.pick([this.w.drA, this.w.drB, this.w.drA, this.w.drB, this.#doctors[2]!]).address : this.#address(),
          procedure: this.#string(rng.pick(["rhinoplasty", "blepharoplasty"])),
          requestedTime: rng.chance(0.8) ? BigInt(this.chain.time + 3_600 + rng.int(5 * DAY)) : this.#time(),
          detailsHash: this.#hash(),
        },
      };
    },
    OfferSchedule: () => {
      const { rng } = this;
      const { caseId, c } = this.#case(["PROPOSED", "OFFERED"]);
      const price = rng.chance(0.05) ? this.#u256() : BigInt(1 + rng.int(4)) * ETH + BigInt(rng.int(1000));
      return {
        who: this.#as(c?.doctor),
        message: {
          caseId,
          appointmentTime:
            c && rng.chance(0.7) && c.requestedTime > BigInt(this.chain.time)
              ? c.requestedTime
              : rng.chance(0.7)
                ? BigInt(this.chain.time + DAY + rng.int(4 * DAY))
                : this.#time(),
          deposit: rng.chance(0.05) ? price + 1n : rng.chance(0.2) ? 0n : price / BigInt(1 + rng.int(5)),
          price,
          freeCancelBefore: rng.pick([0, 2 * DAY, rng.int(3 * DAY), 2 ** 32 - 1]),
          lateCancelFeeBps: rng.chance(0.05) ? rng.pick([10_001, 65_535]) : rng.int(10_001),
        },
      };
    },
    AcceptOffer: () => {
      const { caseId, c } = this.#case(["OFFERED"]);
      return { who: this.#as(c?.patient), message: { caseId } };
    },
    RequestReschedule: () => {
      const { caseId, c } = this.#case(["SCHEDULED", "PLANNED", "CONFIRMED"]);
      return { who: this.#as(c && (this.rng.chance(0.5) ? c.patient : c.doctor)), message: { caseId, newTime: this.#time() } };
    },
    AcceptReschedule: () => {
      const { caseId, c } = this.#case(["SCHEDULED", "PLANNED", "CONFIRMED"]);
      const requester = c?.reschedule?.requester;
      const other = c && requester ? (requester === c.patient ? c.doctor : c.patient) : c?.patient;
      return { who: this.#as(this.rng.chance(0.9) ? other : requester), message: { caseId } };
    },
    CancelSurgery: () => {
      const { caseId, c } = this.#case();
      return { who: this.#as(c && (this.rng.chance(0.6) ? c.patient : c.doctor)), message: { caseId, reasonHash: this.#hash() } };
    },
    MarkNoShow: () => {
      const { caseId, c } = this.#case(["SCHEDULED", "PLANNED", "CONFIRMED"]);
      return { who: this.#as(c?.doctor), message: { caseId } };
    },
    ProposePlan: () => {
      const { rng } = this;
      const { caseId, c } = this.#case(["SCHEDULED", "PLANNED"]);
      const policies = Number(this.#meta().nextPolicyId) - 1;
      return {
        who: this.#as(c?.doctor),
        message: {
          caseId,
          packs: rng.chance(0.1) ? [] : this.#list(() => this.#pack(), 3),
          policyId: rng.pick([0n, this.w.policyId, this.w.policyId, BigInt(1 + rng.int(Math.max(1, policies))), 999n, MAX_U64]),
          planHash: h32(`plan-${caseId}-${rng.int(3)}`),
        },
      };
    },
    ConfirmPlan: () => {
      const { caseId, c } = this.#case(["PLANNED"]);
      return { who: this.#as(c?.patient), message: { caseId, planHash: c?.plan && this.rng.chance(0.9) ? c.plan.planHash : this.#hash() } };
    },
    RecordSurgery: () => {
      const { rng } = this;
      const { caseId, c } = this.#case(["CONFIRMED", "PLANNED"]);
      const packsUsed = (c?.plan?.packs ?? []).filter(() => rng.chance(0.7));
      if (rng.chance(0.1)) packsUsed.push(this.#pack());
      if (rng.chance(0.03)) packsUsed.push(...Array.from({ length: 129 }, () => this.#pack()));
      return { who: this.#as(c?.doctor), message: { caseId, recordHash: this.#hash(), packsUsed } };
    },
    PostSummary: () => {
      const { caseId, c } = this.#case(["EXECUTED", "CLOSED"]);
      return { who: this.#as(c?.doctor), message: { caseId, summaryHash: this.#hash() } };
    },
    ReportIncident: () => {
      const { caseId, c } = this.#case(["EXECUTED", "CLOSED"]);
      return {
        who: this.#as(c && (this.rng.chance(0.8) ? c.patient : c.doctor)),
        message: { caseId, complication: this.#string(this.rng.pick(["infection", "infection", "swelling", "other"])), evidenceHash: this.#hash() },
      };
    },
    ProposeResolution: () => this.#resolution(false),
    AcceptResolution: () => this.#resolution(true),
    CloseSurgery: () => {
      const { caseId, c } = this.#case(["EXECUTED"]);
      return { who: this.#as(c?.patient), message: { caseId, reviewCommitment: this.#commitment() } };
    },
    FinalizeSurgery: () => {
      const { caseId, c } = this.#case(["EXECUTED"]);
      return { who: this.#as(c?.doctor), message: { caseId } };
    },
    AddReviewCommitment: () => {
      const { caseId, c } = this.#case(["CLOSED"]);
      return { who: this.#as(c?.patient), message: { caseId, reviewCommitment: this.#commitment() } };
    },
    CreateRecord: () => {
      const { rng } = this;
      const who = rng.chance(0.6) ? rng.pick(this.#patients) : rng.pick(this.#people);
      const subject = rng.chance(0.6) ? who.address : rng.pick(this.#patients).address;
      const readers = this.#list(() => ({ reader: this.#address(), wrappedKey: rng.chance(0.05) ? "0x" : this.#bytesValue(64) }), 3);
      return { who, message: { subject, ciphertextHash: this.#hash(), readers } };
    },
    GrantAccess: () => {
      const { rng } = this;
      const recordId = this.#id(this.#meta().nextRecordId);
      const record = this.chain.state.get("record", recordId.toString());
      const reader = record?.readers.length && rng.chance(0.15) ? rng.pick(record.readers).reader : this.#address();
      return { who: this.#as(record?.subject), message: { recordId, reader, wrappedKey: rng.chance(0.05) ? "0x" : this.#bytesValue() } };
    },
    RevokeAccess: () => {
      const { rng } = this;
      const recordId = this.#id(this.#meta().nextRecordId);
      const record = this.chain.state.get("record", recordId.toString());
      const reader = record?.readers.length && rng.chance(0.7) ? rng.pick(record.readers).reader : this.#address();
      return { who: this.#as(record?.subject), message: { recordId, reader } };
    },
    ReplyToReview: () => {
      const reviewId = this.#id(this.#meta().nextReviewId);
      const review = this.chain.state.get("review", reviewId.toString());
      return { who: this.#as(review?.doctor), message: { reviewId, textHash: this.#hash() } };
    },
    ReleaseReserve: () => {
      const policyId = this.#id(this.#meta().nextPolicyId);
      const policy = this.chain.state.get("policy", policyId.toString());
      return { who: this.#as(policy?.insurer ?? this.w.insurer), message: { policyId } };
    },
    SetFeeSchedule: () => {
      const { rng, chain } = this;
      const notice = chain.state.params.feeNoticeSeconds;
      const huge = rng.chance(0.1);
      const at = BigInt(chain.time) + BigInt(notice) + BigInt(rng.pick([0, 1, 3600, -1, -notice]));
      return {
        // Fees that would price every later step out only from someone who may not set them.
        who: huge ? rng.pick(this.#patients) : this.#as(this.#governance),
        message: {
          perByte: huge ? this.#u256() : rng.pick([0n, DEFAULT_FEES.perByte, 2n * DEFAULT_FEES.perByte]),
          perWorkUnit: huge ? this.#u256() : rng.pick([0n, DEFAULT_FEES.perWorkUnit, 2n * DEFAULT_FEES.perWorkUnit]),
          effectiveAt: rng.chance(0.05) ? MAX_U64 : at,
        },
      };
    },
  };

  /** A review commitment: none, one whose secret the run keeps (for a later real proof), or a random field value. */
  #commitment(): bigint {
    const { rng } = this;
    const r = rng.int(10);
    if (r < 3) return 0n;
    if (r < 8) {
      const secret = rng.bigint(256) % SNARK_SCALAR_FIELD;
      this.#pendingSecret = { secret, commitment: reviewCommitment(secret) };
      return this.#pendingSecret.commitment;
    }
    return rng.chance(0.5) ? this.#field() : MAX_U256;
  }

  #resolution(accept: boolean): { who: Actor; message: Record<string, unknown> } {
    const { rng } = this;
    const incidentId = this.#focusIncident !== undefined && rng.chance(0.95) ? this.#focusIncident : this.#id(this.#meta().nextIncidentId);
    this.#focusIncident = undefined;
    const incident = this.chain.state.get("incident", incidentId.toString());
    const c = incident ? this.chain.state.get("case", incident.caseId.toString()) : undefined;
    const proposal = incident?.proposal;
    const match = accept && proposal && rng.chance(0.8);
    const proposer = proposal?.proposer;
    const natural = c && (accept && proposer ? (proposer === c.patient ? c.doctor : c.patient) : rng.chance(0.5) ? c.patient : c.doctor);
    return {
      who: this.#as(natural),
      message: {
        incidentId,
        refund: match ? proposal.refund : rng.chance(0.1) ? this.#u256() : rng.pick([0n, ETH / 3n, ETH, 2n * ETH, 30n * ETH]),
        resolutionHash: match ? proposal.resolutionHash : this.#hash(),
      },
    };
  }

  /** A review: a real proof for a folded commitment (rate-limited), a replay or variation of one, or a forgery. */
  async #review(): Promise<Draft> {
    const { rng, chain } = this;
    const reviews = this.options.reviews;
    const doctors = this.#doctors.map((d) => d.address);
    if (reviews && this.coverage.steps - this.#lastProof >= (this.options.proofEvery ?? 500)) {
      const folded = [...this.#secrets].filter(([id]) => {
        const c = chain.state.get("case", id.toString())!;
        return chain.state.reviewTree.leaves.includes(reviewLeaf(c.reviewCommitment!, c.doctor));
      });
      if (folded.length) {
        const [id, secret] = rng.pick(folded);
        this.#secrets.delete(id);
        this.#lastProof = this.coverage.steps;
        const doctor = chain.state.get("case", id.toString())!.doctor;
        const textHash = h32(`review-${rng.int(1e9)}`);
        const rating = 1 + rng.int(5);
        const worthIt = rng.chance(0.5);
        const started = performance.now();
        const proven = await reviews.prover.prove({ secret, doctor, leaves: chain.state.reviewTree.leaves, rating, worthIt, textHash });
        this.proofMs += performance.now() - started;
        const message = {
          doctor,
          rating,
          worthIt,
          textHash,
          root: proven.root,
          nullifier: proven.nullifier,
          proof: proven.proof,
        } as unknown as Message<"PostReview">;
        this.#proven.push(message);
        return { review: message, real: true };
      }
    }
    if (this.#proven.length && rng.chance(0.4)) {
      const base = rng.pick(this.#proven);
      return { review: rng.chance(0.5) ? base : { ...base, rating: rng.pick([0, 1, 2, 3, 4, 5, 6, 255]) } };
    }
    const recent = chain.state.get("reviewTree", "")!.recentRoots;
    const review = {
      doctor: rng.chance(0.8) ? rng.pick(doctors) : this.#address(),
      rating: rng.pick([0, 1, 3, 5, 6, 255]),
      worthIt: rng.chance(0.5),
      textHash: this.#hash(),
      root: recent.length && rng.chance(0.8) ? rng.pick(recent) : this.#field(),
      nullifier: this.#field(),
      proof: Array.from({ length: 8 }, () => (rng.chance(0.05) ? BN254_BASE_FIELD : rng.bigint(256) % BN254_BASE_FIELD)),
    };
    return { review: review as unknown as Message<"PostReview"> };
  }
}
