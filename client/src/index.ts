// Suture client SDK: accounts and keystores, the node client with one action per transaction
// type and read, encrypted records, anonymous reviews, deposits and withdrawals.
export { createSutureClient, type SutureActions, type SutureClientWithActions } from "./createSutureClient";
export {
  createBaseClient,
  resolveAccount,
  type BeforeSign,
  type CreateSutureClientParameters,
  type SignRequest,
  type SutureClient,
} from "./client/createSutureClient";
export * from "./actions";
export * from "./accounts";
export * from "./errors";
export * from "./records";
export * from "./reviews";
export type * from "./types/json";
export { BRIDGE_ABI } from "./l1/bridgeAbi";
