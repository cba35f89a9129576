// SQLite store of the node.
export {
  Store,
  type StoredBlock,
  type StoredTx,
  type StoredDeposit,
  type StoredBatch,
  type BatchStatus,
  type BlobUsage,
  type PutBlobParameters,
} from "./Store";
export { openDatabase, StoreError, type Db } from "./openDatabase";
