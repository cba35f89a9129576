// The public text behind a hash (review texts and replies are stored in clear in the node's blob
// store; only their hash is on chain), checked against the hash.
import { bytesToString, type Hex, keccak256 } from "viem";
import { usePoll } from "../lib/usePoll";
import { useSession } from "../session/SessionContext";

const ZERO = `0x${"00".repeat(32)}`;

export function useBlobText(hash: Hex | null | undefined): string | null {
  const { client } = useSession();
  const { data } = usePoll(
    hash && hash !== ZERO
      ? async () => {
          const bytes = await client.getBlob({ hash });
          return keccak256(bytes) === hash.toLowerCase() ? bytesToString(bytes) : "(the stored text does not match its hash)";
        }
      : null,
    [hash],
  );
  return data ?? null;
}
