import type { Hex } from "viem";

export const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;
