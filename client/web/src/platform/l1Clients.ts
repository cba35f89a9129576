// Browser stand-in for client/src/l1/l1Clients.ts that loads it on first use: viem's public and
// wallet clients (every action they decorate) are a fifth of the bundle, and only deposits and
// withdrawal payouts need them.
import type { L1Clients } from "../../../src/l1/l1Clients";

export type { L1Clients };

export async function l1Clients(...parameters: Parameters<typeof import("../../../src/l1/l1Clients").l1Clients>): Promise<L1Clients> {
  return (await import("../../../src/l1/l1Clients")).l1Clients(...parameters);
}
