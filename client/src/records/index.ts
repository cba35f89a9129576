// Record encryption: AES-256-GCM content, ECIES (eciesjs format) key wraps per reader.
export { eciesEncrypt, eciesDecrypt } from "./ecies";
export {
  sealRecord,
  wrapContentKey,
  encodeRecordPlaintext,
  RECORD_MAGIC,
  type RecordContent,
  type RecordHeader,
  type SealRecordParameters,
  type SealRecordReturnType,
} from "./sealRecord";
export { openRecord, unwrapContentKey, type OpenRecordParameters, type OpenRecordReturnType } from "./openRecord";
