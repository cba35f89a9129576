// The active account as the node sees it: balance, nonce, published encryption key and roles.
import type { AccountView } from "../../../src/types/json";
import { usePoll } from "../lib/usePoll";
import { useSession } from "./SessionContext";

export function useMyAccount(): { view: AccountView | undefined; reload: () => void } {
  const { client, account, version } = useSession();
  const poll = usePoll<AccountView>(account ? () => client.getAccount({ address: account.address }) : null, [account?.address, version], 3000);
  return { view: account ? poll.data : undefined, reload: poll.reload };
}
