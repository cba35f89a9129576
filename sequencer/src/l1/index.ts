// L1 access: the bridge client and the deposit watcher.
export { L1Client, L1Error, type BatchEvent, type DepositEvent, type L1ClientParameters } from "./L1Client";
export { DepositWatcher, L1ReorgError, type DepositWatcherOptions } from "./DepositWatcher";
