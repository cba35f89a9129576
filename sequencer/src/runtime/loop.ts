// Long-running loops (deposit watcher, batch poster, verifier) share one shape: run, wait, repeat
// until the shared AbortSignal fires; an error is logged and, when fatal, stops the node.
import type { Logger } from "./logger";

export type LoopOptions = {
  name: string;
  intervalMs: number;
  signal: AbortSignal;
  logger: Logger;
  step: () => Promise<unknown>;
  /** Called with an error that must stop the node (e.g. an L1 reorg past the confirmation depth). */
  onFatal: (error: Error) => void;
  isFatal: (error: unknown) => boolean;
};

export async function runLoop(o: LoopOptions): Promise<void> {
  while (!o.signal.aborted) {
    try {
      await o.step();
    } catch (error) {
      if (o.isFatal(error)) {
        o.logger.fatal({ loop: o.name, err: (error as Error).message }, `${o.name} stopped`);
        o.onFatal(error as Error);
        return;
      }
      o.logger.warn({ loop: o.name, err: (error as Error).message }, `${o.name} step failed; retrying`);
    }
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        o.signal.removeEventListener("abort", onAbort);
        resolve();
      }, o.intervalMs);
      o.signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
