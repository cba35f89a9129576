// ECDSA recovery on worker threads, so the main thread (HTTP, mempool, STF, SQLite) and the
// recovery of the next transactions run on different cores. Requests arriving in the same turn of
// the event loop go to a worker as one message (a bulk submission of 1,000 transactions is one
// round trip). With no workers configured, recovery runs inline.
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Address, Hex } from "viem";
import { SutureError } from "../errors";
import { checkSignature, publicKeyToAddress, recoverSigner } from "../protocol";

const require = createRequire(import.meta.url);

/** The worker: recovers uncompressed public keys for packed (digest, r‖s, recid) records. */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const secp = require(${JSON.stringify(require.resolve("secp256k1"))});
parentPort.on("message", ({ id, items, n }) => {
  const keys = new Uint8Array(n * 65);
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * 97;
    try {
      keys.set(secp.ecdsaRecover(items.subarray(at + 32, at + 96), items[at + 96], items.subarray(at, at + 32), false), i * 65);
      ok[i] = 1;
    } catch {}
  }
  parentPort.postMessage({ id, keys, ok }, [keys.buffer, ok.buffer]);
});
`;

type Pending = { digest: Uint8Array; sig: Uint8Array; recid: 0 | 1; resolve: (a: Address) => void; reject: (e: unknown) => void };

export class SignatureWorkers {
  readonly #workers: Worker[] = [];
  readonly #inflight = new Map<number, Pending[]>();
  #queue: Pending[] = [];
  #next = 0;
  #ids = 0;
  #scheduled = false;

  /** `size` workers; default: one per core but the main thread's (at least one). */
  constructor({ size = Math.max(1, availableParallelism() - 1) }: { size?: number } = {}) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on("message", (m: { id: number; keys: Uint8Array; ok: Uint8Array }) => this.#settle(m));
      worker.on("error", (error) => this.#failAll(error));
      worker.unref();
      this.#workers.push(worker);
    }
  }

  /** Recovers the signer of a digest; throws BAD_SIGNATURE / SIGNATURE_MALLEABLE like recoverSigner. */
  recover(digest: Uint8Array, signature: Hex): Promise<Address> {
    let checked: ReturnType<typeof checkSignature>;
    try {
      if (this.#workers.length === 0) return Promise.resolve(recoverSigner(digest, signature));
      checked = checkSignature(signature);
    } catch (error) {
      return Promise.reject(error);
    }
    const { sig, recid } = checked;
    return new Promise((resolve, reject) => {
      this.#queue.push({ digest, sig, recid, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
    this.#failAll(new Error("signature workers closed"));
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const items = new Uint8Array(batch.length * 97);
    batch.forEach((p, i) => {
      items.set(p.digest, i * 97);
      items.set(p.sig.subarray(0, 64), i * 97 + 32);
      items[i * 97 + 96] = p.recid;
    });
    const id = this.#ids++;
    this.#inflight.set(id, batch);
    const worker = this.#workers[this.#next++ % this.#workers.length]!;
    worker.postMessage({ id, items, n: batch.length }, [items.buffer]);
  }

  #settle({ id, keys, ok }: { id: number; keys: Uint8Array; ok: Uint8Array }): void {
    const batch = this.#inflight.get(id);
    if (!batch) return;
    this.#inflight.delete(id);
    batch.forEach((p, i) => {
      if (ok[i]) p.resolve(publicKeyToAddress(keys.subarray(i * 65, i * 65 + 65)));
      else p.reject(new SutureError("BAD_SIGNATURE", "signature does not recover a public key"));
    });
  }

  #failAll(error: unknown): void {
    for (const batch of this.#inflight.values()) for (const p of batch) p.reject(error);
    this.#inflight.clear();
    for (const p of this.#queue) p.reject(error);
    this.#queue = [];
  }
}
