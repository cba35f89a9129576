// A token bucket: `ratePerSecond` tokens a second up to `burst`. Bounds work whose cost is not
// paid in fees (review proofs are unsigned), node-wide.
export type TokenBucketOptions = { ratePerSecond: number; burst: number; now?: () => number };

export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor({ ratePerSecond, burst, now = () => performance.now() }: TokenBucketOptions) {
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#at = now();
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token. */
  get retryAfterMs(): number {
    return Math.ceil(Math.max(0, 1 - this.#tokens) * (1000 / this.#rate));
  }
}
