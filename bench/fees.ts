// The fee of each transaction type at the default schedule (DEFAULT_FEES), on the golden vectors'
// ordinary transaction of that type, and what it costs to fill a block or a batch with the
// cheapest and the largest transactions. `tsx bench/fees.ts` prints the table (markdown).
import { readFileSync } from "node:fs";
import { formatEther } from "viem";
import { decodeTx, MAX_BATCH_BYTES, MAX_TX_BYTES, txFee, txWork, type Tx } from "../sequencer/src/protocol";
import { DEFAULT_FEES } from "../sequencer/src/state";

type Vector = { name: string; type: string; encoded: string };
const { vectors } = JSON.parse(readFileSync(new URL("../sequencer/src/protocol/vectors/transactions.json", import.meta.url), "utf8")) as { vectors: Vector[] };

const rows: Array<{ type: string; bytes: number; work: bigint; fee: bigint }> = [];
for (const v of vectors.filter((x) => !x.name.includes("/"))) {
  const bytes = Buffer.from(v.encoded.slice(2), "hex");
  const tx = decodeTx(bytes) as Tx;
  const work = txWork({ type: tx.type, message: tx.message as Record<string, unknown> });
  rows.push({ type: tx.type, bytes: bytes.length, work, fee: txFee({ schedule: DEFAULT_FEES, type: tx.type, bytes: bytes.length, work }) });
}
const eth = (wei: bigint) => `${formatEther(wei)} ETH`;
console.log(`Default schedule: ${eth(DEFAULT_FEES.perByte)} per byte + ${eth(DEFAULT_FEES.perWorkUnit)} per work unit\n`);
console.log("| type | bytes | work | fee |\n| --- | ---: | ---: | ---: |");
for (const r of rows) console.log(`| \`${r.type}\` | ${r.bytes} | ${r.work} | ${eth(r.fee)} |`);
const signed = rows.filter((r) => r.fee > 0n);
const cheapest = signed.reduce((a, b) => (b.fee < a.fee ? b : a));
const batchOfCheapest = BigInt(Math.floor(MAX_BATCH_BYTES / cheapest.bytes));
const maxTxFee = txFee({ schedule: DEFAULT_FEES, type: "CreateRecord", bytes: MAX_TX_BYTES, work: 17n });
console.log(`\nFilling a 2,000-transaction block with the cheapest type (${cheapest.type}, ${cheapest.bytes} B): ${eth(2000n * cheapest.fee)}`);
console.log(
  `Filling a ${MAX_BATCH_BYTES.toLocaleString("en")}-byte batch (the L1 cap) with ${cheapest.type}: ${batchOfCheapest} txs, ${eth(batchOfCheapest * cheapest.fee)}`,
);
console.log(
  `Filling it with maximal ${MAX_TX_BYTES}-byte transactions: ${Math.floor(MAX_BATCH_BYTES / MAX_TX_BYTES)} txs, ${eth(BigInt(Math.floor(MAX_BATCH_BYTES / MAX_TX_BYTES)) * maxTxFee)}`,
);
