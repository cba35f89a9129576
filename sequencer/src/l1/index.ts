// L1 access: the bridge client and the deposit watcher.
export {
  L1Client,
  L1Error,
  type BatchEvent,
  type ChallengeEvent,
  type ChunkChallengeArgs,
  type DepositEvent,
  type L1ClientParameters,
  type L1Sent,
  type ProposerWindow,
  type StepChallengeArgs,
} from "./L1Client";
export { DepositWatcher, L1ReorgError, type DepositWatcherOptions } from "./DepositWatcher";
