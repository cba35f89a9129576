// The protocol's rejection codes: one table reused by the STF, the API's 4xx bodies, the SDK's
// error classes and the CLI. Codes are stable; messages may improve.
export const ERROR_CODES = {
  // Transport and envelope (API, mempool)
  INVALID_JSON: { status: 400, message: "The request body is not valid JSON" },
  BODY_TOO_LARGE: { status: 413, message: "The request body is too large" },
  INVALID_REQUEST: { status: 400, message: "The request does not match the route's schema" },
  UNKNOWN_TX_TYPE: { status: 400, message: "Unknown transaction type" },
  INVALID_FIELD: { status: 400, message: "A transaction field is missing, unknown or of the wrong type" },
  DECODE_ERROR: { status: 400, message: "The binary encoding is malformed" },
  BAD_SIGNATURE: { status: 400, message: "The signature is malformed or does not recover the sender" },
  SIGNATURE_MALLEABLE: { status: 400, message: "High-s signatures are rejected" },
  WRONG_CHAIN_ID: { status: 400, message: "The transaction is for another chain id" },
  WRONG_DOMAIN: { status: 400, message: "The transaction is signed for another EIP-712 domain" },
  NONCE_TOO_LOW: { status: 409, message: "The nonce was already used" },
  NONCE_TOO_HIGH: { status: 409, message: "The nonce is beyond the sender's next nonce" },
  ALREADY_KNOWN: { status: 409, message: "The transaction is already pending or included" },
  MEMPOOL_FULL: { status: 429, message: "The mempool is full; retry later" },
  SENDER_QUEUE_FULL: { status: 429, message: "Too many pending transactions from this sender; retry later" },
  TOO_MANY_TXS: { status: 400, message: "Too many transactions in one request" },
  TX_TOO_LARGE: { status: 413, message: "The transaction's binary encoding exceeds the per-transaction limit" },
  TOO_MANY_PROOFS: { status: 400, message: "Too many proof-carrying transactions in one request" },
  PROOF_RATE_LIMITED: { status: 429, message: "The node verifies a bounded number of proofs per second; retry later" },
  TX_EXPIRED: { status: 409, message: "The transaction waited behind a nonce gap for too long and was dropped" },
  SENDER_GAPPED_FULL: { status: 429, message: "Too many transactions from this sender wait behind a nonce gap; send the missing nonces first" },
  PENDING_FEES_UNCOVERED: {
    status: 402,
    message: "A transaction behind a nonce gap needs a balance covering the maxFee of all the sender's pending transactions",
  },
  TX_EVICTED: { status: 409, message: "The transaction waited behind a nonce gap and was dropped for a sender holding fewer" },
  NOT_SEQUENCER: { status: 404, message: "This node is a verifier: submit transactions to the sequencer" },
  NOT_FINAL: { status: 409, message: "The withdrawal is not in a sealed batch yet, or its batch is not final" },
  NODE_UNHEALTHY: { status: 503, message: "The node has stopped after a state mismatch" },
  INTERNAL: { status: 500, message: "Internal error" },

  // Reads: one 404 per entity (the STF's own code where it has one for the same entity)
  ROUTE_NOT_FOUND: { status: 404, message: "No such route" },
  DOCTOR_NOT_FOUND: { status: 404, message: "No registered doctor at this address" },
  WITHDRAWAL_NOT_FOUND: { status: 404, message: "No such withdrawal" },
  TX_NOT_FOUND: { status: 404, message: "No such transaction (never submitted here, or dropped)" },
  BLOCK_NOT_FOUND: { status: 404, message: "No such block" },
  BATCH_NOT_FOUND: { status: 404, message: "No such batch" },
  BLOB_NOT_FOUND: { status: 404, message: "No blob with this hash" },

  // Blobs: POST /v1/blobs takes uploads signed by an account (or the text of a posted review),
  // bounded per blob, per account (by its balance and a cap) and node-wide
  BLOB_UNSIGNED: { status: 401, message: "Blob uploads must be signed by an account (suture-uploader, suture-expiry, suture-signature)" },
  BLOB_AUTH_EXPIRED: { status: 401, message: "The upload authorization has expired, or expires further ahead than the node accepts" },
  BLOB_TOO_LARGE: { status: 413, message: "The blob exceeds the per-blob size limit" },
  BLOB_MISMATCH: { status: 400, message: "The body does not have the signed size and keccak256 hash" },
  BLOB_QUOTA_EXCEEDED: { status: 402, message: "The account's balance does not cover this much storage (bytes allowed = balance / perByte)" },
  BLOB_ACCOUNT_FULL: { status: 403, message: "The account already stores the most blob bytes one account may" },
  BLOB_STORE_FULL: { status: 507, message: "The node's blob store is full" },

  // Roles and identities
  NOT_AUTHORIZED: { status: 403, message: "The sender does not hold the role this transaction needs" },
  NOT_DOCTOR: { status: 403, message: "The account is not a registered doctor" },
  INVALID_ENCRYPTION_KEY: { status: 422, message: "The encryption key is not a compressed secp256k1 public key" },
  INVALID_ROLE: { status: 422, message: "Unknown participant role" },

  // Licenses
  INVALID_NPI: { status: 422, message: "The NPI fails its Luhn check" },
  INVALID_LICENSE: { status: 422, message: "The license attestation is malformed" },
  LICENSE_MISSING: { status: 422, message: "The doctor has no license attestation" },
  LICENSE_INACTIVE: { status: 422, message: "The doctor's license is suspended or revoked" },
  LICENSE_EXPIRED: { status: 422, message: "The doctor's license has expired" },
  INVALID_PROFILE: { status: 422, message: "The doctor profile is malformed" },

  // Cases
  CASE_NOT_FOUND: { status: 404, message: "No such case" },
  NOT_CASE_PATIENT: { status: 403, message: "Only the case's patient may do this" },
  NOT_CASE_DOCTOR: { status: 403, message: "Only the case's doctor may do this" },
  NOT_CASE_PARTY: { status: 403, message: "Only the case's patient or doctor may do this" },
  INVALID_TRANSITION: { status: 409, message: "The case's status does not allow this transaction" },
  SELF_DEALING: { status: 422, message: "A doctor cannot be their own patient" },
  INVALID_TIME: { status: 422, message: "The time is in the past or out of range" },
  TOO_EARLY: { status: 409, message: "This step is not allowed yet" },
  INVALID_TERMS: { status: 422, message: "The offer's amounts or cancellation terms are invalid" },
  NO_PENDING_RESCHEDULE: { status: 409, message: "There is no reschedule request to accept" },
  RESCHEDULE_BY_REQUESTER: { status: 403, message: "The other party must accept the reschedule" },
  PLAN_HASH_MISMATCH: { status: 409, message: "The plan hash does not match the proposed plan" },
  INVALID_PLAN: { status: 422, message: "The plan lists a pack twice, too many or by a bad GTIN" },
  PACK_NOT_IN_PLAN: { status: 422, message: "A used pack is not in the confirmed plan" },
  INCIDENT_OPEN: { status: 409, message: "The case has an open incident" },
  REVIEW_COMMITMENT_EXISTS: { status: 409, message: "The case already has a review commitment" },
  INVALID_COMMITMENT: { status: 422, message: "The review commitment must be a non-zero field element" },

  // Medicine
  INVALID_GTIN: { status: 422, message: "The GTIN is not 14 digits with a valid check digit" },
  INVALID_MEDICINE: { status: 422, message: "A serial or lot is malformed, repeated, or the expiry has passed" },
  MEDICINE_ALREADY_REGISTERED: { status: 409, message: "The pack is already registered" },
  MEDICINE_NOT_FOUND: { status: 404, message: "The medicine pack is not registered" },
  MEDICINE_RECALLED: { status: 409, message: "The medicine pack's lot is recalled" },
  MEDICINE_EXPIRED: { status: 409, message: "The medicine pack expires before the appointment" },
  MEDICINE_UNAVAILABLE: { status: 409, message: "The medicine pack is reserved or dispensed elsewhere" },
  LOT_NOT_FOUND: { status: 404, message: "No such lot" },
  LOT_MISMATCH: { status: 409, message: "The lot belongs to another manufacturer or has another expiry" },
  LOT_ALREADY_RECALLED: { status: 409, message: "The lot is already recalled" },

  // Insurance
  INVALID_POLICY: { status: 422, message: "The policy's procedures, terms, premium or cap are invalid" },
  POLICY_NOT_FOUND: { status: 404, message: "No such policy" },
  POLICY_NOT_COVERING: { status: 422, message: "The policy does not cover this procedure" },
  POLICY_NOT_ACCEPTED: { status: 422, message: "The doctor does not accept this insurer" },
  POLICY_CLOSED: { status: 409, message: "The policy is closed: no new plan may use it" },
  POLICY_CLAIMS_OPEN: { status: 409, message: "A case bound to the policy can still claim: its reserve stays locked" },
  RESERVE_EMPTY: { status: 409, message: "The policy is closed and holds no reserve to release" },
  INCIDENT_NOT_FOUND: { status: 404, message: "No such incident" },
  INCIDENT_WINDOW_CLOSED: { status: 409, message: "The incident reporting window has closed" },
  INCIDENT_NOT_OPEN: { status: 409, message: "The incident is already resolved" },
  NO_RESOLUTION_PROPOSED: { status: 409, message: "No resolution has been proposed" },
  NOT_COUNTERPARTY: { status: 403, message: "The other party must accept" },
  RESOLUTION_MISMATCH: { status: 409, message: "The resolution changed since it was read" },

  // Fees
  FEE_ABOVE_MAX: { status: 422, message: "The fee is above the transaction's maxFee" },
  INSUFFICIENT_FEE_BALANCE: { status: 402, message: "The sender's balance does not cover the fee" },
  FEE_NOTICE_TOO_SHORT: { status: 422, message: "A new fee schedule needs the notice period set in genesis" },

  // Funds
  INVALID_AMOUNT: { status: 422, message: "The amount must be positive" },
  INSUFFICIENT_BALANCE: { status: 422, message: "The balance does not cover this" },
  QUEUE_OUT_OF_ORDER: { status: 409, message: "L1 queue items must be consumed in order" },

  // Records
  RECORD_NOT_FOUND: { status: 404, message: "No such record" },
  NOT_RECORD_SUBJECT: { status: 403, message: "Only the record's subject controls its readers" },
  NOT_TREATING_DOCTOR: { status: 403, message: "Only the subject or a doctor with a case with them may create a record" },
  READER_EXISTS: { status: 409, message: "The reader already has access" },
  READER_NOT_FOUND: { status: 404, message: "The reader has no access" },
  INVALID_RECORD: { status: 422, message: "The record has too many readers or a repeated reader" },

  // Reviews
  INVALID_RATING: { status: 422, message: "The rating must be 1 to 5" },
  FIELD_OUT_OF_RANGE: { status: 422, message: "A public signal is not below the BN254 scalar field" },
  UNKNOWN_ROOT: { status: 422, message: "The review-tree root is not in the recent history" },
  NULLIFIER_USED: { status: 409, message: "This surgery was already reviewed" },
  INVALID_PROOF: { status: 422, message: "The review proof does not verify" },
  REVIEW_NOT_FOUND: { status: 404, message: "No such review" },
  REPLY_EXISTS: { status: 409, message: "The doctor already replied to this review" },
  REVIEW_TREE_FULL: { status: 409, message: "The review tree holds 2^20 commitments: no more can be added" },
  REVIEW_BLOCK_FULL: { status: 429, message: "This block already queues the most review-tree leaves a block may: try again in the next block" },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The 404 code of every entity the API reads. Accounts and patients are never missing (zeros). */
export const NOT_FOUND_CODES = {
  doctor: "DOCTOR_NOT_FOUND",
  case: "CASE_NOT_FOUND",
  medicine: "MEDICINE_NOT_FOUND",
  lot: "LOT_NOT_FOUND",
  policy: "POLICY_NOT_FOUND",
  incident: "INCIDENT_NOT_FOUND",
  record: "RECORD_NOT_FOUND",
  review: "REVIEW_NOT_FOUND",
  withdrawal: "WITHDRAWAL_NOT_FOUND",
  transaction: "TX_NOT_FOUND",
  block: "BLOCK_NOT_FOUND",
  batch: "BATCH_NOT_FOUND",
  blob: "BLOB_NOT_FOUND",
  route: "ROUTE_NOT_FOUND",
} as const satisfies Record<string, ErrorCode>;

export type NotFoundEntity = keyof typeof NOT_FOUND_CODES;
