export { Mempool, DEFAULT_MEMPOOL_CONFIG, type MempoolConfig, type MempoolEntry, type SenderAccount } from "./Mempool";
