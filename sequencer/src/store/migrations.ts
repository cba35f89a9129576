// Numbered, append-only schema migrations. Never edit a migration that has shipped: add one.
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE blocks (
        number INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        parent_hash TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        state_root TEXT NOT NULL,
        tx_count INTEGER NOT NULL,
        deposit_start INTEGER NOT NULL,
        deposit_count INTEGER NOT NULL,
        body BLOB NOT NULL,
        tx_roots BLOB NOT NULL,
        batch_index INTEGER
      );
      CREATE TABLE txs (
        hash TEXT PRIMARY KEY,
        block_number INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        sender TEXT,
        tx TEXT NOT NULL,
        result TEXT NOT NULL,
        state_root TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX txs_sender ON txs (sender);
      CREATE TABLE rejected_txs (hash TEXT PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL, details TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE state (ns TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (ns, id)) WITHOUT ROWID;
      CREATE TABLE review_leaves (idx INTEGER PRIMARY KEY, leaf TEXT NOT NULL);
      CREATE TABLE deposits (
        queue_index INTEGER PRIMARY KEY,
        l1_sender TEXT NOT NULL,
        l2_recipient TEXT NOT NULL,
        amount TEXT NOT NULL,
        queue_hash TEXT NOT NULL,
        l1_block INTEGER NOT NULL,
        l1_block_hash TEXT NOT NULL,
        l1_tx_hash TEXT NOT NULL
      );
      CREATE TABLE batches (
        batch_index INTEGER PRIMARY KEY,
        first_block INTEGER NOT NULL,
        last_block INTEGER NOT NULL,
        header TEXT NOT NULL,
        data BLOB NOT NULL,
        tx_count INTEGER NOT NULL,
        tx_roots BLOB NOT NULL,
        status TEXT NOT NULL,
        l1_tx_hash TEXT,
        l1_block INTEGER,
        submitted_at INTEGER,
        gas_used TEXT
      );
      CREATE TABLE withdrawal_proofs (id INTEGER PRIMARY KEY, batch_index INTEGER NOT NULL, proof TEXT NOT NULL);
      CREATE TABLE blobs (hash TEXT PRIMARY KEY, data BLOB NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
    `,
  },
  {
    // Block pages and batch sealing read a block's transactions: without this, a full scan.
    version: 2,
    sql: `CREATE INDEX txs_block ON txs (block_number, idx);`,
  },
  {
    // Metered blob storage: who uploaded each blob and its size, and a running total per owner
    // (the quota check is one row, not a sum over the owner's blobs). Blobs stored before uploads
    // were signed, and review texts (taken unsigned), have no owner: they count under ''.
    version: 3,
    sql: `
      ALTER TABLE blobs ADD COLUMN owner TEXT;
      ALTER TABLE blobs ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
      UPDATE blobs SET size = length(data);
      CREATE TABLE blob_usage (owner TEXT PRIMARY KEY, bytes INTEGER NOT NULL, count INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO blob_usage (owner, bytes, count) SELECT '', bytes, n FROM (SELECT SUM(size) AS bytes, COUNT(*) AS n FROM blobs) WHERE n > 0;
    `,
  },
  {
    // Fraud proofs: a root per step (deposit credit, transaction, review-tree fold), not per
    // transaction; a batch's data is its list of chunks.
    version: 4,
    sql: `
      ALTER TABLE blocks RENAME COLUMN tx_roots TO step_roots;
      ALTER TABLE batches RENAME COLUMN tx_roots TO step_roots;
    `,
  },
  {
    // Forced transactions: the L1 queue holds them next to deposits (l2_recipient zero, amount
    // 0, their bytes in tx); a forced transaction's receipt records its queue index.
    version: 5,
    sql: `
      ALTER TABLE deposits ADD COLUMN tx BLOB;
      ALTER TABLE txs ADD COLUMN queue_index INTEGER;
    `,
  },
  {
    // Finality is the batch's own finalAt on L1 (BatchSubmitted), not submittedAt plus today's
    // window: governance may change the window, and a batch is never final before the one before it.
    version: 6,
    sql: `ALTER TABLE batches ADD COLUMN final_at INTEGER;`,
  },
];
