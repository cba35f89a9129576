// Runs one user action (usually a transaction): busy while it runs, its error or result after,
// and the session told that the chain changed so views re-read.
import { useCallback, useState } from "react";
import { UserRejectedError } from "../lib/errors";
import { useSession } from "../session/SessionContext";

export type Action<A extends unknown[], R> = {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: unknown;
  result: R | undefined;
  reset: () => void;
};

export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const { changed } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<R | undefined>(undefined);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        const r = await action(...args);
        setResult(r);
        return r;
      } catch (e) {
        // Declining a signature is a choice, not an error worth a red box.
        if (!(e instanceof UserRejectedError)) setError(e);
        return undefined;
      } finally {
        setBusy(false);
        changed();
      }
    },
    [action, changed],
  );
  return { run, busy, error, result, reset: () => (setError(null), setResult(undefined)) };
}
