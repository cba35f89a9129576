// A small seeded pseudo-random generator (mulberry32) for reproducible random tests: the same
// seed gives the same sequence on every machine, so a failing seed can be replayed.

/** mulberry32: a uniform float in [0, 1) per call. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws built on mulberry32: integers, coin flips, picks, bytes and large unsigned integers. */
export function prng(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    /** An integer in [0, n). */
    int,
    /** True with probability p. */
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!,
    bytes: (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256)),
    /** A uniform unsigned integer of `bits` bits (a multiple of 32 or less than 32). */
    bigint: (bits: number): bigint => {
      let x = 0n;
      for (let done = 0; done < bits; done += 32) x = (x << 32n) | BigInt(int(2 ** 32));
      return x & ((1n << BigInt(bits)) - 1n);
    },
  };
}

export type Prng = ReturnType<typeof prng>;
