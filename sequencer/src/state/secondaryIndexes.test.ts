// The state's secondary indexes against the namespaces they index: after a story of real
// transactions (cases, records with readers granted and revoked, reviews), a rolled-back write and
// a restart that loads the leaves in the store's order, every index lists exactly what a scan of
// its namespace finds, ascending.
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { createGenesisState } from "../stf";
import { actor, h32 } from "../stf/testing/harness";
import { createWorld, scheduleCase } from "../stf/testing/world";
import type { IdIndex } from "./IdIndex";
import type { State } from "./State";

type Scan = Map<string, bigint[]>;

function scan<V extends { id: bigint }>(entries: Iterable<[string, V]>, keys: (v: V) => string[]): Scan {
  const out: Scan = new Map();
  for (const [, v] of entries)
    for (const k of keys(v))
      out.set(
        k,
        [...(out.get(k) ?? []), v.id].sort((a, b) => (a < b ? -1 : 1)),
      );
  return out;
}

function expectIndex(index: IdIndex, expected: Scan, keys: Iterable<string>): void {
  for (const key of keys) expect(index.get(key) ?? [], key).toEqual(expected.get(key) ?? []);
}

function expectAllIndexes(st: State, addresses: Address[]): void {
  const hashes = [...st.entries("review")].map(([, r]) => r.textHash);
  expectIndex(
    st.casesByDoctor,
    scan(st.entries("case"), (c) => [c.doctor]),
    addresses,
  );
  expectIndex(
    st.casesByPatient,
    scan(st.entries("case"), (c) => [c.patient]),
    addresses,
  );
  expectIndex(
    st.recordsBySubject,
    scan(st.entries("record"), (r) => [r.subject]),
    addresses,
  );
  expectIndex(
    st.recordsByReader,
    scan(st.entries("record"), (r) => r.readers.map((x) => x.reader)),
    addresses,
  );
  expectIndex(
    st.reviewsByDoctor,
    scan(st.entries("review"), (r) => [r.doctor]),
    addresses,
  );
  expectIndex(
    st.reviewsByTextHash,
    scan(st.entries("review"), (r) => [r.textHash]),
    hashes,
  );
}

describe("secondary indexes", () => {
  const w = createWorld();
  const { chain, drA, drB } = w;
  const [p1, p2, p3] = w.patients as [(typeof w.patients)[0], (typeof w.patients)[0], (typeof w.patients)[0]];
  const addresses = [drA, drB, ...w.patients, actor("nobody")].map((a) => a.address);
  chain.checkReviewProof = () => true;

  for (const [p, dr] of [
    [p1, drA],
    [p2, drB],
    [p1, drB],
    [p3, drA],
  ] as const)
    scheduleCase(w, p, dr);
  const record = (author: typeof p1, subject: typeof p1, readers: (typeof p1)[]) =>
    chain.ok(author, "CreateRecord", {
      subject: subject.address,
      ciphertextHash: h32(`${author.name}-${readers.length}`),
      readers: readers.map((r) => ({ reader: r.address, wrappedKey: "0xaa" as const })),
    }).recordId as bigint;
  const r1 = record(p1, p1, [drA]);
  const r2 = record(p2, p2, [drB, drA]);
  record(p1, p1, [p1]);
  chain.ok(p1, "GrantAccess", { recordId: r1, reader: drB.address, wrappedKey: "0xbb" });
  chain.ok(p2, "RevokeAccess", { recordId: r2, reader: drA.address });
  const root = chain.state.get("reviewTree", "")!.root;
  for (const [i, doctor] of [drA, drB, drA].entries()) {
    const message = {
      doctor: doctor.address,
      rating: 4,
      worthIt: true,
      textHash: h32("same text"),
      root,
      nullifier: BigInt(100 + i),
      proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
    };
    expect(chain.apply({ type: "PostReview", from: null, signature: null, message } as never).status).toBe("ok");
  }

  it("Should list what a scan of each namespace finds, readers granted and revoked included", () => {
    expectAllIndexes(chain.state, addresses);
    expect(chain.state.recordsByReader.get(drB.address)).toEqual([r1, r2]);
    expect(chain.state.recordsByReader.get(drA.address)).toEqual([r1]);
    expect(chain.state.reviewsByTextHash.get(h32("same text"))).toEqual([1n, 2n, 3n]);
  });

  it("Should undo a rolled-back write's index entries", () => {
    const st = chain.state;
    const before = st.get("record", r1.toString())!;
    st.begin();
    st.put("record", r1.toString(), { ...before, readers: [{ reader: p3.address, wrappedKey: "0xcc" }] });
    st.put("record", "999", { ...before, id: 999n, subject: p3.address });
    expect(st.recordsByReader.get(p3.address)).toEqual([r1]);
    expect(st.recordsBySubject.get(p3.address)).toEqual([999n]);
    expect(st.recordsByReader.get(drB.address)).toEqual([r2, 999n]);
    st.rollback();
    expectAllIndexes(st, addresses);
    expect(st.recordsByReader.get(p3.address)).toBeUndefined();
    expect(st.recordsBySubject.get(p3.address)).toBeUndefined();
  });

  it("Should rebuild the same indexes when a restart loads the leaves in the store's key order", () => {
    const restored = createGenesisState({ params: chain.state.params });
    for (const ns of ["case", "record", "review"] as const) {
      const byKey = [...chain.state.entries(ns)].sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [id, value] of byKey) restored.load(ns, id, value as never);
    }
    expectAllIndexes(restored, addresses);
  });
});
