// The session: the node this page came from, its status, the account in use (a key kept in this
// browser, a devnet key, or an injected wallet) and the SDK client bound to it. Every signature the
// client makes goes through the approval dialog first (the SDK's beforeSign hook).
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { Address, EIP1193Provider, Hex, LocalAccount } from "viem";
import { createSutureClient, type SutureClientWithActions } from "../../../src/createSutureClient";
import type { NodeStatus } from "../../../src/types/json";
import { usePoll } from "../lib/usePoll";
import { requestApproval } from "../signing/approvals";

export type ActiveAccount =
  | { kind: "key"; source: "dev" | "browser"; label: string; address: Address; privateKey: Hex }
  | { kind: "wallet"; label: string; address: Address; signer: LocalAccount; provider: EIP1193Provider };

export const HARDHAT_CHAIN_ID = 31337;
const L1_URL_KEY = "suture.l1RpcUrl";
const DEFAULT_L1_RPC_URL = "http://127.0.0.1:8545";
/** The node that served this page: the app talks to its API only. */
const NODE_URL = location.origin;

type Session = {
  nodeUrl: string;
  status: NodeStatus | undefined;
  statusError: Error | null;
  /** The deployment's L1 is a local Hardhat chain: dev keys are offered. */
  isDevnet: boolean;
  account: ActiveAccount | null;
  setAccount: (account: ActiveAccount | null) => void;
  client: SutureClientWithActions;
  l1RpcUrl: string;
  setL1RpcUrl: (url: string) => void;
  /** Bumped after every transaction this page sends, so views re-read. */
  version: number;
  changed: () => void;
};

const SessionContext = createContext<Session | null>(null);

function initialL1RpcUrl(): string {
  const fromQuery = new URLSearchParams(location.search).get("l1");
  if (fromQuery) localStorage.setItem(L1_URL_KEY, fromQuery);
  return fromQuery ?? localStorage.getItem(L1_URL_KEY) ?? DEFAULT_L1_RPC_URL;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const nodeUrl = NODE_URL;
  const [account, setAccount] = useState<ActiveAccount | null>(null);
  const [l1RpcUrl, setL1Url] = useState(initialL1RpcUrl);
  const [version, setVersion] = useState(0);
  const statusPoll = usePoll(() => createSutureClient({ nodeUrl: NODE_URL }).getStatus(), [], 2000);
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  const client = useMemo(
    () =>
      createSutureClient({
        nodeUrl: NODE_URL,
        l1RpcUrl,
        account: !account ? undefined : account.kind === "key" ? account.privateKey : { address: account.address, privateKey: null, signer: account.signer },
        beforeSign: (request) => requestApproval({ kind: "l2", request }),
      }),
    [l1RpcUrl, account],
  );

  const value: Session = {
    nodeUrl,
    status: statusPoll.data,
    statusError: statusPoll.error,
    isDevnet: statusPoll.data?.l1ChainId === HARDHAT_CHAIN_ID,
    account,
    setAccount: (a) => {
      setAccount(a);
      changed();
    },
    client,
    l1RpcUrl,
    setL1RpcUrl: (url) => {
      localStorage.setItem(L1_URL_KEY, url);
      setL1Url(url);
    },
    version,
    changed,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
