// Reads something from the node now and every `intervalMs`, keeping the last answer; `reload()`
// reads again at once (after a transaction, say).
import { useCallback, useEffect, useRef, useState } from "react";

export type Poll<T> = { data: T | undefined; error: Error | null; loading: boolean; reload: () => void };

export function usePoll<T>(read: (() => Promise<T>) | null, deps: unknown[], intervalMs = 0): Poll<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(read !== null);
  const [tick, setTick] = useState(0);
  const readRef = useRef(read);
  readRef.current = read;
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when `read` changes meaning
  useEffect(() => {
    if (!readRef.current) {
      setLoading(false);
      return;
    }
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const value = await readRef.current!();
        if (!alive) return;
        setData(value);
        setError(null);
      } catch (e) {
        if (alive) setError(e as Error);
      } finally {
        if (alive) setLoading(false);
        if (alive && intervalMs > 0) timer = setTimeout(run, intervalMs);
      }
    };
    setLoading(true);
    run();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [...deps, tick, intervalMs]);

  return { data, error, loading, reload };
}
