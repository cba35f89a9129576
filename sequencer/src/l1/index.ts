// L1 access: the bridge client and the queue watcher (deposits and forced transactions).
export {
  L1Client,
  L1Error,
  type BatchEvent,
  type ChallengeEvent,
  type ChunkChallengeArgs,
  type DepositEvent,
  type ForceInclusionParameters,
  type L1ClientParameters,
  type L1Sent,
  type ProposerWindow,
  type StepChallengeArgs,
} from "./L1Client";
export { DepositWatcher, L1ReorgError, type DepositWatcherOptions } from "./DepositWatcher";
