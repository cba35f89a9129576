// The read answers' schemas against real state: every entity a full STF story leaves behind must
// match its schema and come out of fastify's serializer unchanged (the serializer drops what a
// schema does not list, so a missing field would vanish silently). The types are pinned too: the
// SDK's Static<> of each schema must be exactly the JSON form of the state's entity type.
import type { Static, TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import * as api from "../protocol/api";
import { doctorProfile, patientReliability, searchDoctors } from "../reputation";
import type { Case, Doctor, Incident, License, Lot, Pack, PatientStats, Policy, Review, SutureRecord, Withdrawal } from "../state";
import { actor, ETH, h32 } from "../stf/testing/harness";
import { createWorld, DAY, scheduleCase } from "../stf/testing/world";
import { toJson } from "./json";

type Jsonify<T> = T extends bigint ? string : T extends Array<infer U> ? Jsonify<U>[] : T extends object ? { [K in keyof T]: Jsonify<T[K]> } : T;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(check: Equal<A, B>) => check;

// Compile-time: each line fails `tsc` when a schema and its entity drift apart.
same<Static<typeof api.CaseJson>, Jsonify<Case>>(true);
same<Static<typeof api.DoctorJson>, Jsonify<Doctor>>(true);
same<Static<typeof api.LicenseJson>, Jsonify<License>>(true);
same<Static<typeof api.IncidentJson>, Jsonify<Incident>>(true);
same<Static<typeof api.LotJson>, Jsonify<Lot>>(true);
same<Static<typeof api.PolicyJson>, Jsonify<Policy>>(true);
same<Static<typeof api.RecordJson>, Jsonify<SutureRecord>>(true);
same<Static<typeof api.ReviewJson>, Jsonify<Review>>(true);
same<Static<typeof api.WithdrawalJson>, Jsonify<Withdrawal>>(true);
same<Omit<Static<typeof api.MedicineJson>, "status" | "recalled" | "expired">, Omit<Jsonify<Pack>, "status">>(true);
same<Omit<Static<typeof api.PatientReliability>, "address">, PatientStats>(true);

/** A world after the whole story: every entity in every interesting shape. */
function story() {
  const w = createWorld();
  const { chain, drA, drB, maker, gtin, policyId } = w;
  const [p1, p2, p3] = w.patients as [(typeof w.patients)[0], (typeof w.patients)[0], (typeof w.patients)[0]];
  chain.checkReviewProof = () => true;

  const c1 = scheduleCase(w, p1, drA);
  chain.ok(p1, "RequestReschedule", { caseId: c1, newTime: BigInt(chain.time + 8 * DAY) });
  chain.ok(drA, "AcceptReschedule", { caseId: c1 });
  chain.ok(maker, "RecallLot", { gtin, lot: "L2" });
  const packs = [
    { gtin, serial: "L1-0" },
    { gtin, serial: "L1-1" },
  ];
  chain.ok(drA, "ProposePlan", { caseId: c1, packs, policyId, planHash: h32("plan") });
  chain.ok(p1, "ConfirmPlan", { caseId: c1, planHash: h32("plan") });
  chain.advance(8 * DAY);
  chain.ok(drA, "RecordSurgery", { caseId: c1, recordHash: h32("record"), packsUsed: [packs[0]!] });
  chain.ok(drA, "PostSummary", { caseId: c1, summaryHash: h32("summary") });
  const { incidentId } = chain.ok(drA, "ReportIncident", { caseId: c1, complication: "infection", evidenceHash: h32("evidence") });
  chain.ok(drA, "ProposeResolution", { incidentId, refund: 0n, resolutionHash: h32("resolution") });
  chain.ok(p1, "AcceptResolution", { incidentId, refund: 0n, resolutionHash: h32("resolution") });
  chain.ok(p1, "ReportIncident", { caseId: c1, complication: "swelling", evidenceHash: h32("evidence 2") });
  chain.ok(p1, "ProposeResolution", { incidentId: incidentId + 1n, refund: ETH / 10n, resolutionHash: h32("resolution 2") });
  chain.ok(p1, "CloseSurgery", { caseId: c1, reviewCommitment: 12345n });

  const review = {
    doctor: drA.address,
    rating: 4,
    worthIt: true,
    textHash: h32("great"),
    root: chain.state.get("reviewTree", "")!.root,
    nullifier: 99n,
    proof: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
  };
  const posted = chain.apply({ type: "PostReview", from: null, signature: null, message: review } as never);
  expect(posted.status).toBe("ok");
  chain.ok(drA, "ReplyToReview", { reviewId: 1n, textHash: h32("thanks") });

  const c2 = scheduleCase(w, p2, drB);
  chain.advance(7 * DAY + chain.state.params.noShowGraceSeconds);
  chain.ok(drB, "MarkNoShow", { caseId: c2 });
  const c3 = scheduleCase(w, p3, drA, { inSeconds: 3 * DAY });
  chain.ok(p3, "CancelSurgery", { caseId: c3, reasonHash: h32("reason") });
  chain.ok(p2, "ProposeSurgery", { doctor: drB.address, procedure: "rhinoplasty", requestedTime: BigInt(chain.time + DAY), detailsHash: h32("d") });

  chain.ok(p1, "SetEncryptionKey", { encryptionKey: "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" });
  chain.ok(p1, "CreateRecord", { subject: p1.address, ciphertextHash: h32("ciphertext"), readers: [{ reader: drA.address, wrappedKey: "0xaabb" }] });
  chain.ok(p1, "Withdraw", { recipient: p1.address, amount: ETH });
  return w;
}

describe("read answers against their schemas", () => {
  const w = story();
  const st = w.chain.state;
  const now = w.chain.time;
  const all = <T>(ns: Parameters<typeof st.entries>[0]) => [...st.entries(ns)].map(([, v]) => v as T);
  const lotOf = (p: Pack) => st.get("lot", `${p.gtin}/${p.lot}`)!;

  const samples: Array<[string, TSchema, unknown[]]> = [
    ["case", api.CaseJson, all<Case>("case")],
    ["doctor profile", api.DoctorProfile, all<Doctor>("doctor").map((d) => doctorProfile(st, d.address, now))],
    ["doctor search", api.DoctorSearch, [searchDoctors(st, { lat: 40.7, lon: -74 }, now), searchDoctors(st, { license: "ANY" }, now)]],
    ["patient", api.PatientReliability, [...w.patients, actor("nobody")].map((p) => patientReliability(st, p.address))],
    [
      "account",
      api.AccountJson,
      [...w.patients, w.drA].map((p) => ({
        address: p.address,
        ...(st.get("account", p.address) ?? { balance: 0n, nonce: 0n, encryptionKey: null }),
        roles: ["doctor"],
      })),
    ],
    [
      "medicine",
      api.MedicineJson,
      all<Pack>("pack").map((p) => ({ ...p, status: lotOf(p).recalled ? "RECALLED" : p.status, recalled: lotOf(p).recalled, expired: false })),
    ],
    ["lot", api.LotJson, all<Lot>("lot")],
    ["policy", api.PolicyJson, all<Policy>("policy")],
    ["incident", api.IncidentJson, all<Incident>("incident")],
    ["record", api.RecordJson, all<SutureRecord>("record")],
    ["review", api.ReviewJson, all<Review>("review")],
    ["withdrawal", api.WithdrawalJson, all<Withdrawal>("withdrawal")],
    [
      "review tree",
      api.ReviewTreeJson,
      [
        { depth: 20, ...st.get("reviewTree", "")!, from: 0, leaves: st.reviewTree.leaves, next: null },
        { depth: 20, ...st.get("reviewTree", "")!, from: 0, leaves: [], next: 0 },
      ].map(({ pending: _p, ...t }) => t),
    ],
  ];

  it("Should cover every shape: cases in five statuses, open and resolved incidents, replies, recalls", () => {
    expect(new Set(all<Case>("case").map((c) => c.status))).toEqual(new Set(["CLOSED", "NO_SHOW", "CANCELLED", "PROPOSED"]));
    expect(all<Incident>("incident").map((i) => i.status)).toEqual(["RESOLVED", "OPEN"]);
    expect(all<Review>("review")[0]!.reply).not.toBeNull();
    expect(all<Lot>("lot").some((l) => l.recalled)).toBe(true);
    for (const [name, , values] of samples) expect(values.length, name).toBeGreaterThan(0);
  });

  it.each(samples)("Should match the %s schema", (_name, schema, values) => {
    for (const value of values) {
      const json = toJson(value);
      expect([...Value.Errors(schema, json)].map((e) => `${e.path}: ${e.message}`)).toEqual([]);
    }
  });

  it.each(samples)("Should serialize every %s without dropping or changing a field", async (_name, schema, values) => {
    const app = Fastify();
    app.get("/:i", { schema: { response: { 200: schema } } }, async (request) => toJson(values[Number((request.params as { i: string }).i)]));
    for (let i = 0; i < values.length; i++) {
      const res = await app.inject({ method: "GET", url: `/${i}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(toJson(values[i]))));
    }
    await app.close();
  });
});
