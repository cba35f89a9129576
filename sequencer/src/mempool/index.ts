export { Mempool, DEFAULT_MEMPOOL_CONFIG, type MempoolConfig, type MempoolEntry } from "./Mempool";
