// The SDK's client: where the node is, optionally where L1 and the bridge are, and the default
// account. Actions are plain functions taking this client (viem style); the returned object also
// carries every action bound to itself, so `client.proposeSurgery({...})` works too.
import type { Address, Hex, LocalAccount } from "viem";
import { sutureDomain, type SignedTxType, type SutureDomain } from "../../../sequencer/src/protocol";
import { toSutureAccount, type SutureAccount } from "../accounts";
import { SutureClientError } from "../errors";
import { nodeRequest, type NodeRequestParameters } from "./nodeRequest";
import { createNonceTracker, type NonceTracker } from "./nonceTracker";

export type CreateSutureClientParameters = {
  nodeUrl: string;
  /** L1 JSON-RPC, for deposits and withdrawal finalization. */
  l1RpcUrl?: string;
  /** The bridge on L1; read from the node's /v1/status when omitted. */
  bridge?: Address;
  /** Default account: a private key, a viem LocalAccount, or a SutureAccount. */
  account?: Hex | LocalAccount | SutureAccount;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /**
   * Called with the exact EIP-712 request before each signature (nonce included); throw to refuse
   * it. A user interface shows the message here, so nothing is signed unseen.
   */
  beforeSign?: BeforeSign;
};

/** What is about to be signed: the typed data exactly as the signer will hash it. */
export type SignRequest = {
  type: SignedTxType;
  from: Address;
  domain: SutureDomain;
  /** The EIP-712 types without EIP712Domain (as viem's signTypedData takes them). */
  types: Record<string, { name: string; type: string }[]>;
  message: Record<string, unknown>;
};

export type BeforeSign = (request: SignRequest) => Promise<void> | void;

export type SutureClient = {
  nodeUrl: string;
  l1RpcUrl: string | null;
  account: SutureAccount | null;
  nonces: NonceTracker;
  request<T = unknown>(parameters: Omit<NodeRequestParameters, "nodeUrl">): Promise<T>;
  /** The EIP-712 domain (chain id and bridge from /v1/status, read once). */
  getDomain(): Promise<SutureDomain>;
  /** The bridge address (given, or from /v1/status). */
  getBridge(): Promise<Address>;
  beforeSign: BeforeSign | null;
};

export function createBaseClient({ nodeUrl, l1RpcUrl, bridge, account, timeoutMs, beforeSign }: CreateSutureClientParameters): SutureClient {
  let domain: Promise<SutureDomain> | null = null;
  const request: SutureClient["request"] = (p) => nodeRequest({ nodeUrl, timeoutMs, ...p });
  const getDomain = () => {
    domain ??= request<{ chainId: number; bridge: Address }>({ path: "/v1/status" }).then((s) =>
      sutureDomain({ chainId: s.chainId, verifyingContract: s.bridge }),
    );
    domain.catch(() => (domain = null));
    return domain;
  };
  return {
    nodeUrl,
    l1RpcUrl: l1RpcUrl ?? null,
    account: account ? toSutureAccount(account) : null,
    nonces: createNonceTracker(),
    request,
    getDomain,
    getBridge: async () => bridge ?? (await getDomain()).verifyingContract,
    beforeSign: beforeSign ?? null,
  };
}

/** The client's account, or the one a call names; throws when there is none. */
export function resolveAccount(client: SutureClient, account?: Hex | LocalAccount | SutureAccount): SutureAccount {
  if (account) return toSutureAccount(account);
  if (!client.account) throw new SutureClientError("INVALID_ARGUMENT", "no account: pass `account` to createSutureClient or to the action");
  return client.account;
}
