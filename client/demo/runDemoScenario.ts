// The full Suture workflow with every role, as one function: `npm run demo` runs it against a
// devnet, and test/demo.test.ts runs it in `npm test`. Every step goes through the SDK, prints a
// line, and asserts its outcome; any surprise throws.
//
// Cast: a licensing board and two regulators (genesis roles, the devnet's dev keys); fresh keys
// for two surgeons, a manufacturer, an insurer and three patients, funded on L1 by `funderKey`.
import { createPublicClient, createWalletClient, formatEther, http, keccak256, parseEther, toBytes, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { DEV_ACCOUNTS } from "../../sequencer/src/devnet";
import { createReviewProver, createSutureClient, SutureClientError, type ReviewProver, type SutureClientWithActions } from "../src";

export type RunDemoScenarioParameters = {
  nodeUrl: string;
  l1RpcUrl: string;
  /** A verifier node following the same bridge; it must re-derive every batch. */
  verifierUrl: string;
  /** An L1 key with ETH to fund the cast (Hardhat account 0 on a devnet). */
  funderKey: Hex;
  log?: (line: string) => void;
  prover?: ReviewProver;
};

export type RunDemoScenarioReturnType = {
  cases: Record<string, { id: bigint; status: string }>;
  reviews: number;
  insurancePayout: bigint;
  withdrawal: { amount: bigint; l1TxHash: Hex };
  verifiedBatches: number;
  seconds: number;
};

const GTIN = "09506000134352";
const ETH = (n: string) => parseEther(n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => Math.floor(Date.now() / 1000);

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`demo check failed: ${message}`);
}

async function expectRejected(promise: Promise<unknown>, code: string): Promise<SutureClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SutureClientError && error.code === code) return error;
    throw error;
  }
  throw new Error(`demo check failed: expected a ${code} rejection`);
}

export async function runDemoScenario({
  nodeUrl,
  l1RpcUrl,
  verifierUrl,
  funderKey,
  log = console.log,
  prover: givenProver,
}: RunDemoScenarioParameters): Promise<RunDemoScenarioReturnType> {
  const started = Date.now();
  let stepNo = 0;
  const step = (text: string) => log(`${String(++stepNo).padStart(2)}. ${text}`);
  const detail = (text: string) => log(`      ${text}`);
  const client = (key: Hex) => createSutureClient({ nodeUrl, l1RpcUrl, account: key });

  // ---- cast ---------------------------------------------------------------------------------
  const keys = Object.fromEntries(["surgeonA", "surgeonB", "manufacturer", "insurer", "alice", "bob", "carol"].map((n) => [n, generatePrivateKey()])) as Record<
    "surgeonA" | "surgeonB" | "manufacturer" | "insurer" | "alice" | "bob" | "carol",
    Hex
  >;
  const c = Object.fromEntries(Object.entries(keys).map(([n, k]) => [n, client(k)])) as Record<keyof typeof keys, SutureClientWithActions>;
  const board = client(DEV_ACCOUNTS.board.privateKey);
  const medReg = client(DEV_ACCOUNTS.medicineRegulator.privateKey);
  const insReg = client(DEV_ACCOUNTS.insuranceRegulator.privateKey);
  const addr = (n: keyof typeof keys) => c[n].account!.address;
  const status = await board.getStatus();
  step(`Devnet: L2 chain ${status.chainId} at height ${status.height ?? 0}, bridge ${status.bridge} on L1 chain ${status.l1ChainId}`);

  // Only who acts on L1 gets L1 ETH: every L1 transaction is a Hardhat block, and a burst of blocks
  // runs the devnet's L1 clock ahead of the wall clock that batch finality is measured against.
  const l1Funding: [keyof typeof keys, string][] = [
    ["insurer", "10"],
    ["alice", "6"],
    ["bob", "6"],
    ["carol", "6"],
    ["surgeonA", "1"],
    ["surgeonB", "1"],
    ["manufacturer", "1"],
  ];
  step(`Funding the L1 side of the cast (${l1Funding.map(([n]) => n).join(", ")})`);
  const publicL1 = createPublicClient({ transport: http(l1RpcUrl) });
  const funder = createWalletClient({ transport: http(l1RpcUrl), account: privateKeyToAccount(funderKey) });
  for (const [name, eth] of l1Funding) {
    const hash = await funder.sendTransaction({ to: addr(name), value: ETH(eth), chain: null });
    await publicL1.waitForTransactionReceipt({ hash });
  }
  for (const name of Object.keys(keys) as (keyof typeof keys)[]) detail(`${name.padEnd(12)} ${addr(name)}`);

  step("Deposits on L1 → L2 (the sequencer must consume the bridge queue in order)");
  const deposits: [keyof typeof keys, string][] = [
    ["insurer", "8"],
    ["alice", "5"],
    ["bob", "5"],
    ["carol", "5"],
    ["surgeonA", "0.5"],
    ["surgeonB", "0.5"],
    ["manufacturer", "0.5"],
  ];
  // Every signed transaction pays a fee (GET /v1/fees): the regulators need L2 funds too.
  await Promise.all([
    ...deposits.map(([n, eth]) => c[n].deposit({ amount: ETH(eth), wait: true })),
    ...[board, medReg, insReg].map((x) => x.deposit({ amount: ETH("0.5"), wait: true })),
  ]);
  const fees = await board.getFees();
  detail(`fees: ${formatEther(fees.current.perByte)} ETH per byte + ${formatEther(fees.current.perWorkUnit)} ETH per work unit`);
  for (const [n, eth] of deposits)
    detail(`${n.padEnd(12)} deposited ${eth} ETH, L2 balance ${formatEther(BigInt((await c[n].getAccount({ address: addr(n) })).balance))} ETH`);

  step("Everyone publishes a record encryption key (SetEncryptionKey)");
  await Promise.all(Object.values(c).map((x) => x.publishEncryptionKey()));

  // ---- registries ---------------------------------------------------------------------------
  step("Regulators admit the manufacturer and the insurer");
  await medReg.admitParticipant({ account: addr("manufacturer"), role: 1, active: true });
  await insReg.admitParticipant({ account: addr("insurer"), role: 2, active: true });

  step("Two surgeons register; the licensing board licenses both");
  const yearFromNow = BigInt(now() + 365 * 86_400);
  await c.surgeonA.registerDoctor({
    specialties: ["rhinoplasty", "blepharoplasty"],
    latE6: 40_758_000,
    lonE6: -73_985_500,
    acceptedInsurers: [addr("insurer")],
  });
  await c.surgeonB.registerDoctor({ specialties: ["rhinoplasty"], latE6: 40_712_800, lonE6: -74_006_000, acceptedInsurers: [addr("insurer")] });
  await expectRejected(c.alice.proposeSurgery({ doctor: addr("alice"), procedure: "rhinoplasty", requestedTime: BigInt(now() + 3600) }), "NOT_DOCTOR");
  for (const [n, npi] of [
    ["surgeonA", "1234567893"],
    ["surgeonB", ""],
  ] as const) {
    await board.attestLicense({
      doctor: addr(n),
      jurisdiction: "US-NY",
      licenseNumberHash: `0x${"ab".repeat(31)}0${n === "surgeonA" ? 1 : 2}`,
      npi,
      status: 1,
      expiresAt: yearFromNow,
    });
    detail(`${n} licensed (US-NY${npi ? `, NPI ${npi}` : ""}), expires ${new Date(Number(yearFromNow) * 1000).toISOString().slice(0, 10)}`);
  }

  step(`Manufacturer registers medicine GTIN ${GTIN}: lot L-GOOD (4 packs) and lot L-BAD (2 packs); recalls L-BAD`);
  const expiry = BigInt(now() + 180 * 86_400);
  await c.manufacturer.registerMedicine({ gtin: GTIN, lot: "L-GOOD", expiry, serials: ["G1", "G2", "G3", "G4"] });
  await c.manufacturer.registerMedicine({ gtin: GTIN, lot: "L-BAD", expiry, serials: ["B1", "B2"] });
  const recall = await c.manufacturer.recallLot({ gtin: GTIN, lot: "L-BAD" });
  detail(
    `recalled ${recall.packs} packs; anyone can verify: B1 is ${(await board.getMedicine({ gtin: GTIN, serial: "B1" })).status}, G1 is ${(await board.getMedicine({ gtin: GTIN, serial: "G1" })).status}`,
  );

  step("Insurer publishes a coded policy (rhinoplasty; infection pays 1 ETH within 30 days; premium 0.1; cap 4 locked)");
  const policy = await c.insurer.publishPolicy({
    procedures: ["rhinoplasty"],
    terms: [{ complication: "infection", payout: ETH("1"), windowDays: 30 }],
    premium: ETH("0.1"),
    cap: ETH("4"),
  });
  detail(`policy ${policy.policyId}, reserve ${formatEther(BigInt((await board.getPolicy({ policyId: policy.policyId })).reserve))} ETH`);

  // ---- patients search and propose ----------------------------------------------------------
  step("Patients search rhinoplasty surgeons within 20 km of Midtown Manhattan (open ranking formula)");
  const search = await c.alice.searchDoctors({ specialty: "rhinoplasty", lat: 40.7527, lon: -73.9772, maxKm: 20, insurer: addr("insurer") });
  for (const r of search.results) detail(`${r.address}  ${r.distanceKm} km  score ${r.reputation.score}  license ${r.licenseStatus.status}`);
  check(search.results.length >= 2, "both surgeons are found");
  detail(`formula: ${search.formula.slice(0, 90)}…`);

  step("Three patients propose surgeries (details encrypted to the surgeon); a fourth and fifth proposal will not end in surgery");
  const later = BigInt(now() + 7 * 86_400);
  const propose = (p: "alice" | "bob" | "carol", d: "surgeonA" | "surgeonB", note: string) =>
    c[p].proposeSurgery({ doctor: addr(d), procedure: "rhinoplasty", requestedTime: later, details: { note, allergies: [] } });
  const cases = {
    alice: (await propose("alice", "surgeonA", "deviated septum")).caseId,
    bob: (await propose("bob", "surgeonA", "dorsal hump")).caseId,
    carol: (await propose("carol", "surgeonB", "tip refinement")).caseId,
    bobCancel: (await propose("bob", "surgeonB", "second opinion")).caseId,
    carolNoShow: (await propose("carol", "surgeonA", "consultation")).caseId,
  };
  const details = (await c.surgeonA.decryptCaseDetails({ caseId: cases.alice })) as { note: string };
  check(details.note === "deviated septum", "the surgeon decrypts the case details");
  detail(
    `cases ${Object.entries(cases)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}; surgeon A reads alice's details: "${details.note}"`,
  );
  const carolBefore = await c.surgeonA.getPatient({ address: addr("carol") });
  detail(`surgeon A checks carol's reliability before offering: ${carolBefore.proposals} proposals, ${carolBefore.noShows} no-shows`);

  step("Surgeons offer appointments a few seconds ahead (deposit 0.5, price 2 ETH, free cancellation until 1 h before, 10% late fee)");
  const appointment = BigInt(now() + 6);
  const surgeonOf = { alice: "surgeonA", bob: "surgeonA", carol: "surgeonB", bobCancel: "surgeonB", carolNoShow: "surgeonA" } as const;
  const patientOf = { alice: "alice", bob: "bob", carol: "carol", bobCancel: "bob", carolNoShow: "carol" } as const;
  for (const k of Object.keys(cases) as (keyof typeof cases)[]) {
    await c[surgeonOf[k]].offerSchedule({
      caseId: cases[k],
      appointmentTime: appointment,
      deposit: ETH("0.5"),
      price: ETH("2"),
      freeCancelBefore: 3600,
      lateCancelFeeBps: 1000,
    });
    await c[patientOf[k]].acceptOffer({ caseId: cases[k] });
  }
  detail("5 offers accepted: deposits are in escrow");

  step("Plans: a recalled pack is rejected; then packs from the good lot, alice with insurance");
  const recalled = await expectRejected(
    c.surgeonA.proposePlan({ caseId: cases.alice, packs: [{ gtin: GTIN, serial: "B1" }], policyId: policy.policyId }),
    "MEDICINE_RECALLED",
  );
  detail(`rejected as expected: ${recalled.code} (${recalled.shortMessage})`);
  const planA = await c.surgeonA.proposePlan({ caseId: cases.alice, packs: [{ gtin: GTIN, serial: "G1" }], policyId: policy.policyId });
  await c.surgeonA.proposePlan({ caseId: cases.bob, packs: [{ gtin: GTIN, serial: "G2" }] });
  await c.surgeonB.proposePlan({ caseId: cases.carol, packs: [{ gtin: GTIN, serial: "G3" }] });
  detail(`alice's plan binds policy ${policy.policyId} (premium ${formatEther(planA.premium)} ETH); G1..G3 reserved`);

  step("Patients confirm their plans (rest of the price and premium into escrow)");
  for (const p of ["alice", "bob", "carol"] as const) {
    const r = await c[p].confirmPlan({ caseId: cases[p] });
    detail(`${p} paid ${formatEther(r.paid)} ETH more into escrow`);
  }

  step("Bob cancels his second case late (inside the free-cancellation window)");
  const cancel = await c.bob.cancelSurgery({ caseId: cases.bobCancel });
  detail(`refunded ${formatEther(cancel.refunded)} ETH, late fee ${formatEther(cancel.fee)} ETH to surgeon B`);

  const early = await expectRejected(c.surgeonA.recordSurgery({ caseId: cases.alice, recordHash: `0x${"00".repeat(32)}` }), "TOO_EARLY");
  step(`Waiting for the appointment time (recording before it is rejected: ${early.code})`);
  while (BigInt(now()) <= appointment + 1n) await sleep(250);

  step("Surgeries are recorded (packs dispensed); carol does not show up for her consultation");
  const operative = { alice: "surgeonA", bob: "surgeonA", carol: "surgeonB" } as const;
  for (const p of ["alice", "bob", "carol"] as const) {
    const packs = (await board.getCase({ caseId: cases[p] })).plan!.packs;
    await c[operative[p]].recordSurgery({ caseId: cases[p], recordHash: keccak256(toBytes(`operative record of case ${cases[p]}`)), packsUsed: packs });
  }
  const noShow = await c.surgeonA.markNoShow({ caseId: cases.carolNoShow });
  detail(`G1: ${(await board.getMedicine({ gtin: GTIN, serial: "G1" })).status}; carol's no-show pays surgeon A the ${formatEther(noShow.paid)} ETH deposit`);

  step("Surgeons post encrypted summaries (records readable by patient and surgeon only)");
  const summaries: Record<string, bigint> = {};
  for (const p of ["alice", "bob", "carol"] as const) {
    const s = await c[operative[p]].postSummary({
      caseId: cases[p],
      content: { json: { patient: p, procedure: "rhinoplasty", outcome: "uneventful", followUp: "day 7" } },
    });
    summaries[p] = s.recordId!;
  }
  const mine = await c.alice.decryptRecord({ recordId: summaries.alice! });
  check((mine.json as { patient: string }).patient === "alice", "alice decrypts her summary");
  await expectRejected(c.surgeonB.decryptRecord({ recordId: summaries.alice! }), "NOT_A_READER");
  detail(`alice reads her summary ("${(mine.json as { outcome: string }).outcome}"); surgeon B cannot yet (NOT_A_READER)`);

  step("Alice shares her history with a second doctor (GrantAccess re-wraps the key, no re-encryption)");
  await c.alice.grantAccess({ recordId: summaries.alice!, reader: addr("surgeonB") });
  const shared = await c.surgeonB.decryptRecord({ recordId: summaries.alice! });
  check((shared.json as { patient: string }).patient === "alice", "surgeon B reads the shared summary");
  const readers = (await board.getRecords({ subject: addr("alice") })).records[0]!.readers.length;
  detail(`surgeon B reads it; the record now has ${readers} readers (who can read is public, the content is not)`);
  await c.alice.revokeAccess({ recordId: summaries.alice!, reader: addr("surgeonB") });
  await expectRejected(c.surgeonB.decryptRecord({ recordId: summaries.alice! }), "NOT_A_READER");
  detail("alice revokes surgeon B's access (future reads; what was read cannot be unread)");

  step("Complication: alice reports an infection; surgeon A attests it → the policy pays automatically");
  const reported = await c.alice.reportIncident({ caseId: cases.alice, complication: "infection" });
  const before = BigInt((await board.getAccount({ address: addr("alice") })).balance);
  check(reported.payout === 0n, "a patient's report alone does not pay");
  const attested = await c.surgeonA.reportIncident({ caseId: cases.alice, complication: "infection" });
  check(attested.payout === ETH("1"), "the attested complication pays the policy term");
  const after = BigInt((await board.getAccount({ address: addr("alice") })).balance);
  check(after - before === ETH("1"), "alice's balance grows by the payout");
  detail(
    `incident ${reported.incidentId}: paid ${formatEther(attested.payout)} ETH from the insurer's reserve (now ${formatEther(BigInt((await board.getPolicy({ policyId: policy.policyId })).reserve))} ETH)`,
  );
  await c.surgeonA.proposeResolution({ incidentId: reported.incidentId, refund: 0n });
  await c.alice.acceptResolution({ incidentId: reported.incidentId, refund: 0n });
  detail(`resolved by both parties: ${(await board.getIncident({ incidentId: reported.incidentId })).status}`);

  step("Patients close their cases (escrow to the surgeon; a derived review commitment enters the review tree)");
  for (const p of ["alice", "bob", "carol"] as const) {
    const r = await c[p].closeSurgery({ caseId: cases[p] });
    detail(`${p}: paid ${formatEther(r.paid)} ETH to ${operative[p]}, review leaf #${r.leafIndex}`);
  }

  step("Anonymous verified reviews (Groth16 proof of a closed case of that surgeon; no signature, no case id)");
  const prover = givenProver ?? (await createReviewProver());
  let reviews = 0;
  try {
    const ratings = { alice: [4, true, "Great result despite an infection"], bob: [5, true, "Excellent"], carol: [3, false, "Long wait"] } as const;
    for (const p of ["alice", "bob", "carol"] as const) {
      const [rating, worthIt, text] = ratings[p];
      const r = await c[p].postReview({ caseId: cases[p], doctor: addr(operative[p]), rating, worthIt, text, prover });
      reviews++;
      check(r.textStored, `${p}'s review text is in the blob store (uploaded unsigned, after the review)`);
      detail(
        `review ${r.reviewId} of ${operative[p]}: ${rating}★, proof ${r.proveMs} ms, anonymity set ${r.anonymitySet.size}, ${r.leavesFetched} new tree leaves fetched${r.warning ? `  ⚠ ${r.warning}` : ""}`,
      );
    }
    await expectRejected(c.alice.postReview({ caseId: cases.alice, doctor: addr("surgeonA"), rating: 1, worthIt: false, prover }), "NULLIFIER_USED");
    detail("a second review of the same surgery is rejected (NULLIFIER_USED)");
  } finally {
    if (!givenProver) await prover.close();
  }
  const reviewsA = await board.getDoctorReviews({ address: addr("surgeonA") });
  await c.surgeonA.replyToReview({ reviewId: BigInt(reviewsA.reviews[0]!.id), textHash: `0x${"cd".repeat(32)}` });
  detail(`surgeon A replies to review ${reviewsA.reviews[0]!.id} (the rating is unchanged)`);

  // ---- money out -----------------------------------------------------------------------------
  step("Surgeon A withdraws earnings to L1 after batch finality");
  const amount = ETH("3");
  const w = await c.surgeonA.withdraw({ recipient: addr("surgeonA"), amount });
  const l1Before = await publicL1.getBalance({ address: addr("surgeonA") });
  let shown = "";
  const proof = await c.surgeonA.waitForWithdrawal({
    withdrawalId: w.withdrawalId,
    onProgress: (s) => {
      if (s.status === shown) return;
      shown = s.status;
      detail(`withdrawal ${w.withdrawalId}: batch ${s.status}${s.secondsLeft !== null && s.status !== "final" ? `, final in ${s.secondsLeft} s` : ""}`);
    },
  });
  const paid = await c.surgeonA.finalizeWithdrawal({ withdrawalId: w.withdrawalId, proof });
  const l1After = await publicL1.getBalance({ address: addr("surgeonA") });
  check(paid.l1TxHash && l1After > l1Before + amount - ETH("0.01"), "the bridge paid the withdrawal on L1");
  detail(`finalizeWithdrawal in batch ${proof.batchIndex}: +${formatEther(amount)} ETH on L1 (gas ${paid.l1GasUsed})`);
  const again = await c.surgeonA.finalizeWithdrawal({ withdrawalId: w.withdrawalId, proof });
  check(again.alreadyFinalized, "a withdrawal pays once");

  // ---- verifier ------------------------------------------------------------------------------
  step("A verifier re-derives the state from L1 calldata alone and checks every batch");
  const verifier = createSutureClient({ nodeUrl: verifierUrl });
  const synced = await verifier.waitForVerifier({
    sequencer: board,
    onProgress: (p) => detail(`verifier: ${p.verifiedBatches}/${p.l1Batches} L1 batches verified (sequencer posted ${p.sequencerBatches})`),
  });
  detail(`verifier state root ${synced.verifier.stateRoot} = sequencer's, healthy`);

  // ---- summary -------------------------------------------------------------------------------
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  log("");
  log("Summary");
  for (const d of ["surgeonA", "surgeonB"] as const) {
    const p = await board.getDoctor({ address: addr(d) });
    const r = p.reputation;
    log(
      `  ${d}: closed ${r.casesByStatus.CLOSED}, no-shows ${r.casesByStatus.NO_SHOW}, cancelled ${r.casesByStatus.CANCELLED}, reviews ${r.reviewCount} (mean ${r.meanRating?.toFixed(2)}, worth it ${r.worthItPercent}%), incidents resolved ${r.incidentsResolved}, score ${r.score}`,
    );
  }
  for (const p of ["alice", "bob", "carol"] as const) {
    const r = await board.getPatient({ address: addr(p) });
    log(
      `  ${p}: proposals ${r.proposals}, closed ${r.closed}, no-shows ${r.noShows}, cancellations ${r.cancellations} (late ${r.lateCancellations}), L2 balance ${formatEther(BigInt((await board.getAccount({ address: addr(p) })).balance))} ETH`,
    );
  }
  const final = await board.getStatus();
  log(
    `  chain: height ${final.height}, ${final.batches.posted} batches on L1 (${final.batches.finalized} final), verifier checked ${synced.verifier.verifier?.verifiedBatches}`,
  );
  log(`  ran in ${seconds} s`);
  const caseStatus: RunDemoScenarioReturnType["cases"] = {};
  for (const [k, id] of Object.entries(cases)) caseStatus[k] = { id, status: (await board.getCase({ caseId: id })).status };
  return {
    cases: caseStatus,
    reviews,
    insurancePayout: attested.payout,
    withdrawal: { amount, l1TxHash: paid.l1TxHash! },
    verifiedBatches: synced.verifier.verifier?.verifiedBatches ?? 0,
    seconds,
  };
}
