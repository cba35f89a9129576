// SQLite store of the node.
export { Store, type StoredBlock, type StoredTx, type StoredDeposit, type StoredBatch, type BatchStatus } from "./Store";
export { openDatabase, StoreError, type Db } from "./openDatabase";
