// A small in-memory chain for tests and benchmarks: named actors with keys, automatic nonces,
// a clock, deposits, and assertions on receipts. Not used by the node itself.
import type { Address, Hex } from "viem";
import { keccak256 } from "../../crypto/keccak256";
import { bytesToHex, uintToBytes } from "../../crypto/bytes";
import { privateKeyToAddress, signTx, sutureDomain, type Message, type SignedTxType, type Tx } from "../../protocol";
import { DEFAULT_TIMEOUTS, ZERO_FEES, type GenesisParams, type State } from "../../state";
import { applyDeposit } from "../applyDeposit";
import { applyTransaction, type Receipt } from "../applyTransaction";
import { createGenesisState } from "../createGenesisState";
import { sealReviewTree } from "../sealReviewTree";
import type { ReviewProofCheck } from "../handlers/reviews";

export type Actor = { name: string; privateKey: Hex; address: Address };

/** Deterministic test key from a name. */
export function actor(name: string): Actor {
  const privateKey = bytesToHex(keccak256(new TextEncoder().encode(`suture-test-${name}`)));
  return { name, privateKey, address: privateKeyToAddress(privateKey) };
}

export const BRIDGE: Address = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
export const L2_CHAIN_ID = 31_337_001;

export function testGenesis(overrides: Partial<GenesisParams> = {}): GenesisParams {
  return {
    chainId: L2_CHAIN_ID,
    bridge: BRIDGE,
    licensingBoard: actor("board").address,
    medicineRegulator: actor("medicine-regulator").address,
    insuranceRegulator: actor("insurance-regulator").address,
    governance: actor("governance").address,
    fees: ZERO_FEES,
    ...DEFAULT_TIMEOUTS,
    ...overrides,
  };
}

/** A message as tests write it: the harness fills in nonce and maxFee unless given. */
export type TestMessage<T extends SignedTxType> = Omit<Message<T>, "nonce" | "maxFee"> & { nonce?: bigint; maxFee?: bigint };

/** Receives the fees of the harness's blocks (the batch proposer on a real chain). */
export const PROPOSER = actor("proposer");

/** Generous default maxFee: fee tests set their own. */
export const TEST_MAX_FEE = 10n ** 24n;

export class TestChain {
  readonly state: State;
  readonly domain;
  time: number;
  blockNumber = 1n;
  #nonces = new Map<Address, bigint>();
  #queue = 0n;
  checkReviewProof: ReviewProofCheck = () => false;
  /** Every transaction applied, with its receipt. */
  readonly log: Array<{ tx: Tx; receipt: Receipt }> = [];
  /** Each harness transaction is its own block unless turned off (then call endBlock()). */
  autoSeal = true;

  constructor({ params = testGenesis(), time = 1_800_000_000 }: { params?: GenesisParams; time?: number } = {}) {
    this.state = createGenesisState({ params });
    this.domain = sutureDomain({ chainId: params.chainId, verifyingContract: params.bridge });
    this.time = time;
  }

  advance(seconds: number): void {
    this.time += seconds;
    this.blockNumber++;
  }

  deposit(to: Actor | Address, amount: bigint): void {
    const l2Recipient = typeof to === "string" ? to : to.address;
    applyDeposit({ state: this.state, deposit: { index: this.#queue++, l1Sender: l2Recipient, l2Recipient, amount } });
  }

  /** Signs with the actor's next nonce (unless given) and applies. */
  sign<T extends SignedTxType>(who: Actor, type: T, message: TestMessage<T>): Tx<T> {
    const nonce = message.nonce ?? this.#nonces.get(who.address) ?? 0n;
    const maxFee = message.maxFee ?? TEST_MAX_FEE;
    return signTx({ domain: this.domain, privateKey: who.privateKey, type, message: { ...message, nonce, maxFee } as unknown as Message<T> });
  }

  apply(tx: Tx): Receipt {
    const receipt = applyTransaction({
      state: this.state,
      tx,
      block: { number: this.blockNumber, timestamp: this.time, feeRecipient: PROPOSER.address },
      checkReviewProof: this.checkReviewProof,
    });
    this.log.push({ tx, receipt });
    if (receipt.status === "ok" && tx.from) this.#nonces.set(tx.from, ((tx.message as { nonce: bigint }).nonce ?? 0n) + 1n);
    if (this.autoSeal) this.endBlock();
    return receipt;
  }

  /** Ends the block: closed surgeries' review leaves go into the Poseidon tree. */
  endBlock(): void {
    sealReviewTree(this.state);
  }

  /** Applies and expects success; returns the handler's result. */
  ok<T extends SignedTxType>(who: Actor, type: T, message: TestMessage<T>): Record<string, any> {
    const receipt = this.apply(this.sign(who, type, message) as unknown as Tx);
    if (receipt.status !== "ok") throw new Error(`${who.name} ${type} rejected: ${receipt.error.code} ${receipt.error.message}`);
    return receipt.result;
  }

  /** Applies and expects a rejection; returns its code and checks the root did not move. */
  fails<T extends SignedTxType>(who: Actor, type: T, message: TestMessage<T>): string {
    const before = this.state.root();
    const receipt = this.apply(this.sign(who, type, message) as unknown as Tx);
    if (receipt.status === "ok") throw new Error(`${who.name} ${type} unexpectedly succeeded`);
    if (this.state.root() !== before) throw new Error(`${type} rejected with ${receipt.error.code} but changed the state root`);
    return receipt.error.code;
  }

  balance(who: Actor | Address): bigint {
    return this.state.get("account", typeof who === "string" ? who : who.address)?.balance ?? 0n;
  }
}

/** 32-byte hash of a label, for detailsHash/planHash/etc. in tests. */
export function h32(label: string | number): Hex {
  return bytesToHex(keccak256(typeof label === "number" ? uintToBytes(BigInt(label), 8) : new TextEncoder().encode(label)));
}

/** A GTIN-14 with a correct GS1 check digit from 13 digits. */
export function gtin(first13: string): string {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(first13[i]) * (i % 2 === 0 ? 3 : 1);
  return first13 + ((10 - (sum % 10)) % 10);
}

export const ETH = 10n ** 18n;
