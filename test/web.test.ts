// The web app end to end, in headless Chromium against a test devnet (Hardhat L1 and a node on free
// loopback ports, stopped at the end). A patient finds a doctor, books, confirms, is operated,
// closes and posts a review proven in the browser, which then shows on the doctor's profile; the
// patient opens, shares and revokes a record and moves money in and out; a clinic imports a CSV of
// offers; the explorer shows a batch reach final. The doctor's, board's, manufacturer's and
// insurer's own steps go through the SDK where they are not the point. Every main page is audited
// for basic accessibility and saved as a screenshot in test/.artifacts/web; any browser console
// error fails the run. The in-browser and the node prover's times and the bundle's size are written
// to test/.artifacts/web/figures.json (measured, not asserted).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type Address, bytesToString, createPublicClient, createWalletClient, type Hex, http, keccak256, parseEther, toBytes } from "viem";
import { generatePrivateKey } from "viem/accounts";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BATCH_MAX_AGE_MS, DEMO_GENESIS } from "../client/demo/demoDevnet";
import { createReviewProver, createSutureClient, deriveReviewSecret, type SutureClientWithActions } from "../client/src";
import { WEB_DIST_DIR } from "../sequencer/src/api/webApp";
import { DEV_ACCOUNTS, HARDHAT_KEYS } from "../sequencer/src/devnet";
import type { SutureNode } from "../sequencer/src/node/createNode";
import { createReviewProofVerifier } from "../sequencer/src/proofs";
import { auditPage, type BrowserSession, openBrowser, SCREENSHOT_DIR, watchPage } from "./support/browser";
import { startTestDevnet, type TestDevnet, waitFor } from "./support/devnet";

const GTIN = "09506000134352";
const REVIEW_TEXT = "Clear explanations, careful surgery, quick recovery.";
/** Closed surgeries of the doctor before the patient's own: the anonymity set reaches 10. */
const EARLIER_SURGERIES = 9;
const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let devnet: TestDevnet;
let node: SutureNode;
let verifier: SutureNode | null = null;
let b: BrowserSession;
let sdk: Record<
  "doctor" | "doctorB" | "patient" | "patient2" | "manufacturer" | "insurer" | "board" | "medicineRegulator" | "insuranceRegulator",
  SutureClientWithActions
>;
let policyId: bigint;
let caseId: bigint;
const figures: Record<string, unknown> = {};

const doctorA = DEV_ACCOUNTS.doctor.address;
let doctorB: Address;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST_DIR, "index.html"))) throw new Error("client/web/dist is not built: `npm test` builds it first, or run `npm run build:web`");
  devnet = await startTestDevnet({ challengeWindowSeconds: 2, genesis: DEMO_GENESIS });
  node = await devnet.startNode({ batchMaxAgeMs: DEMO_BATCH_MAX_AGE_MS });
  const client = (key: Hex) => createSutureClient({ nodeUrl: node.url, l1RpcUrl: devnet.l1.rpcUrl, account: key });
  const doctorBKey = generatePrivateKey();
  sdk = {
    doctor: client(DEV_ACCOUNTS.doctor.privateKey),
    doctorB: client(doctorBKey),
    patient: client(DEV_ACCOUNTS.patient.privateKey),
    patient2: client(DEV_ACCOUNTS.patient2.privateKey),
    manufacturer: client(DEV_ACCOUNTS.manufacturer.privateKey),
    insurer: client(DEV_ACCOUNTS.insurer.privateKey),
    board: client(DEV_ACCOUNTS.board.privateKey),
    medicineRegulator: client(DEV_ACCOUNTS.medicineRegulator.privateKey),
    insuranceRegulator: client(DEV_ACCOUNTS.insuranceRegulator.privateKey),
  };
  doctorB = sdk.doctorB.account!.address;
  for (const a of [DEV_ACCOUNTS.doctor, DEV_ACCOUNTS.patient, DEV_ACCOUNTS.patient2, DEV_ACCOUNTS.insurer])
    await devnet.deposit(HARDHAT_KEYS[0]!, a.address, "100");
  // Every signed transaction pays a fee: the other roles need a little L2 balance too.
  // (the deployer is the injected wallet of the EIP-1193 test)
  const feePayers = [
    doctorB,
    DEV_ACCOUNTS.deployer.address,
    DEV_ACCOUNTS.manufacturer.address,
    DEV_ACCOUNTS.board.address,
    DEV_ACCOUNTS.medicineRegulator.address,
  ];
  for (const address of [...feePayers, DEV_ACCOUNTS.insuranceRegulator.address]) await devnet.deposit(HARDHAT_KEYS[0]!, address, "1");
  // The queue is consumed in order: the last deposit credited means all are.
  await waitFor(async () => BigInt((await sdk.insurer.getAccount({ address: DEV_ACCOUNTS.insuranceRegulator.address })).balance) > 0n, {
    what: "the deposits",
  });

  // Registries: a manufacturer and an insurer admitted, a policy, two licensed doctors, medicine.
  await sdk.medicineRegulator.admitParticipant({ account: DEV_ACCOUNTS.manufacturer.address, role: 1, active: true });
  await sdk.insuranceRegulator.admitParticipant({ account: DEV_ACCOUNTS.insurer.address, role: 2, active: true });
  policyId = (
    await sdk.insurer.publishPolicy({
      procedures: ["rhinoplasty"],
      terms: [{ complication: "infection", payout: parseEther("1"), windowDays: 30 }],
      premium: parseEther("0.1"),
      cap: parseEther("4"),
    })
  ).policyId;
  await sdk.doctor.registerDoctor({
    specialties: ["rhinoplasty", "blepharoplasty"],
    latE6: 40_758_000,
    lonE6: -73_985_500,
    acceptedInsurers: [DEV_ACCOUNTS.insurer.address],
  });
  await sdk.doctorB.registerDoctor({ specialties: ["rhinoplasty"], latE6: 40_712_800, lonE6: -74_006_000 });
  for (const [doctor, npi] of [
    [doctorA, "1234567893"],
    [doctorB, ""],
  ] as const) {
    await sdk.board.attestLicense({
      doctor,
      jurisdiction: "US-NY",
      licenseNumberHash: keccak256(toBytes(`US-NY:${doctor}`)),
      npi,
      expiresAt: BigInt(now() + 365 * 86_400),
    });
  }
  for (const c of [sdk.doctor, sdk.doctorB, sdk.patient2]) await c.publishEncryptionKey();
  await sdk.manufacturer.registerMedicine({ gtin: GTIN, lot: "L-1", expiry: BigInt(now() + 180 * 86_400), serials: ["P1", "P2", "P3", "P4"] });

  // Earlier patients of doctor A: closed surgeries, so a review hides among ten.
  const earlier: bigint[] = [];
  for (let i = 0; i < EARLIER_SURGERIES; i++) {
    earlier.push((await sdk.patient2.proposeSurgery({ doctor: doctorA, procedure: "rhinoplasty", requestedTime: BigInt(now() + 86_400) })).caseId);
  }
  const appointment = now() + 3;
  for (const id of earlier) {
    await sdk.doctor.offerSchedule({ caseId: id, appointmentTime: BigInt(appointment), deposit: parseEther("0.01"), price: parseEther("0.1") });
    await sdk.patient2.acceptOffer({ caseId: id });
    await sdk.doctor.proposePlan({ caseId: id, packs: [] });
    await sdk.patient2.confirmPlan({ caseId: id });
  }
  while (now() <= appointment) await sleep(200);
  for (const id of earlier) {
    await sdk.doctor.recordSurgery({ caseId: id, recordHash: keccak256(toBytes(`record ${id}`)) });
    await sdk.patient2.closeSurgery({ caseId: id });
  }
  b = await openBrowser({ baseURL: node.url });
}, 240_000);

afterAll(async () => {
  writeFileSync(join(SCREENSHOT_DIR, "figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
  await b?.close();
  await devnet?.stop();
});

/** Waits for the approval dialog, checks what it says, optionally saves it, and approves. */
async function approve(title: RegExp, { shows = [], shot }: { shows?: RegExp[]; shot?: string } = {}): Promise<void> {
  const dialog = b.page.locator("dialog.sign-dialog[open]");
  await dialog.waitFor({ timeout: 15_000 });
  expect(await dialog.locator("#sign-title").textContent()).toMatch(title);
  // The case's terms load into the dialog from the node: give them a moment.
  const text = async () => (await dialog.textContent()) ?? "";
  for (const s of shows) await waitFor(async () => s.test(await text()), { timeoutMs: 10_000, what: `the dialog to show ${s}` }).catch(() => undefined);
  for (const s of shows) expect(await text()).toMatch(s);
  if (shot) await b.screenshot(shot, { fullPage: false });
  await dialog.getByRole("button", { name: /^(Sign|Send|Sign all \d+)$/ }).click();
  await dialog.waitFor({ state: "hidden", timeout: 15_000 });
}

async function audit(name: string): Promise<void> {
  expect(await auditPage(b.page), name).toEqual([]);
}

/** Client-side navigation (a page load would forget the account in use, as a reload does). */
async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    const w = globalThis as unknown as {
      history: { pushState(a: null, b: string, c: string): void };
      dispatchEvent(e: unknown): void;
      PopStateEvent: new (t: string) => unknown;
    };
    w.history.pushState(null, "", to);
    w.dispatchEvent(new w.PopStateEvent("popstate"));
  }, path);
}

async function useDevAccount(label: RegExp): Promise<void> {
  await b.page.getByRole("link", { name: /Choose an account|^Account / }).click();
  await b.page.getByRole("button", { name: label }).click();
  await b.page.locator(".account-chip .account-label").waitFor();
}

describe("web app", () => {
  it("Should let a patient find a doctor, book, confirm, be operated, close, and post a review proven in the browser that shows on the profile", async () => {
    const { page } = b;
    await page.goto(`/keys?l1=${encodeURIComponent(devnet.l1.rpcUrl)}`);
    await page.getByRole("button", { name: /^Use dev patient/ }).click();
    await page.getByRole("button", { name: "Publish my encryption key" }).click();
    await approve(/Publish your encryption key/);
    await page.getByText(/published$/).waitFor();
    await b.screenshot("01-keys");
    await audit("keys");

    await page.getByRole("link", { name: "Find a surgeon" }).click();
    await page.getByLabel("Procedure or specialty").fill("rhinoplasty");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("heading", { name: "2 surgeons, best ranked first" }).waitFor();
    await page.getByText(/0\.1 ETH \(9 offers\)/).waitFor();
    await b.screenshot("02-search");
    await audit("search");

    await page.locator(`.results a[href="/doctors/${doctorA}"]`).click();
    await page.getByRole("heading", { name: "Verified reviews (0)" }).waitFor();
    await b.screenshot("03-doctor");
    await audit("doctor");
    await page.getByLabel("Details for the doctor").fill("Deviated septum, no allergies.");
    await page.getByRole("button", { name: "Review and sign the proposal" }).click();
    await approve(/Propose a surgery/, { shows: [/rhinoplasty/, new RegExp(doctorA)], shot: "04-sign-proposal" });
    await page.waitForURL(/\/cases\/\d+$/);
    caseId = BigInt(page.url().split("/").pop()!);
    expect(await sdk.doctor.decryptCaseDetails({ caseId })).toEqual({ note: "Deviated septum, no allergies." });

    // The doctor offers an appointment a few seconds ahead; the patient sees the terms, then signs.
    const appointment = now() + 15;
    await sdk.doctor.offerSchedule({
      caseId,
      appointmentTime: BigInt(appointment),
      deposit: parseEther("0.5"),
      price: parseEther("2"),
      freeCancelBefore: 3600,
      lateCancelFeeBps: 1000,
    });
    await page.getByRole("button", { name: "Accept the offer and pay the deposit" }).click({ timeout: 10_000 });
    await approve(/Accept the offer/, {
      shows: [/Deposit \/ price0\.5 ETH now, 2 ETH in all/, /free until 1 h before, then 10% of the price/],
      shot: "05-sign-offer-terms",
    });
    await page.locator(".badge", { hasText: "SCHEDULED" }).waitFor();

    // The plan: a registered pack and the insurance policy, shown before confirming.
    await sdk.doctor.proposePlan({ caseId, packs: [{ gtin: GTIN, serial: "P1" }], policyId });
    await page.getByRole("button", { name: "Confirm the plan and pay into escrow" }).waitFor({ timeout: 10_000 });
    await page.getByText("infection: pays 1 ETH if attested within 30 days").waitFor();
    await page.locator(".plan .badge", { hasText: "RESERVED" }).waitFor();
    await b.screenshot("06-case-plan");
    await audit("case with plan");
    await page.getByRole("button", { name: "Confirm the plan and pay into escrow" }).click();
    await approve(/Confirm the plan/, { shows: [new RegExp(`${GTIN} / P1`), /policy #\d+, premium 0\.1 ETH/, /To pay on confirming1\.6 ETH/] });
    await page.locator(".badge", { hasText: "CONFIRMED" }).waitFor();

    // The surgery, recorded by the doctor at the appointment, with an encrypted summary.
    while (now() <= appointment) await sleep(250);
    await sdk.doctor.recordSurgery({ caseId, recordHash: keccak256(toBytes("operative record")), packsUsed: [{ gtin: GTIN, serial: "P1" }] });
    await sdk.doctor.postSummary({ caseId, content: { json: { summary: "Uneventful septoplasty.", followUp: "day 7" } } });

    await page.getByRole("button", { name: "Close the case" }).click({ timeout: 10_000 });
    await approve(/Close the case/, { shows: [/review commitment derived from your key/] });
    await page.getByRole("heading", { name: "Review this surgery anonymously" }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("anonymity-set").textContent()).toBe(String(EARLIER_SURGERIES + 1));
    await page.getByLabel("5 ★").check();
    await page.getByLabel("Your review (public)").fill(REVIEW_TEXT);
    await page.getByRole("button", { name: "Prove and post the review" }).click();
    const posted = page.getByTestId("review-posted");
    await posted.waitFor({ timeout: 90_000 });
    const message = (await posted.textContent())!;
    const [, total, witness, groth16, download] = /in (\d+) ms \(witness (\d+) ms, Groth16 (\d+) ms; circuit download (\d+) ms\)/.exec(message)!.map(Number);
    figures.browserProof = {
      witnessPlusProveMs: total,
      witnessMs: witness,
      groth16Ms: groth16,
      artifactDownloadMs: download,
      note: "first proof of a fresh worker (wasm compiled, keys parsed)",
    };
    expect(message).toMatch(/anonymity set 10/);
    await b.screenshot("07-case-reviewed");
    await audit("case reviewed");

    await page.getByRole("link", { name: "See it on the doctor's profile" }).click();
    await page.getByRole("heading", { name: "Verified reviews (1)" }).waitFor();
    await page.getByText(REVIEW_TEXT).waitFor();
    await b.screenshot("08-doctor-reviewed");
    const [review] = (await sdk.board.getDoctorReviews({ address: doctorA })).reviews;
    expect(review).toMatchObject({ rating: 5, worthIt: true, textHash: keccak256(toBytes(REVIEW_TEXT)) });
    expect(bytesToString(await sdk.board.getBlob({ hash: review!.textHash }))).toBe(REVIEW_TEXT);
  }, 180_000);

  it("Should let the patient open a record, share it with a doctor and revoke the share", async () => {
    const { page } = b;
    await page.getByRole("link", { name: "Records" }).click();
    const record = page.locator("li[data-record]").first();
    await record.getByRole("button", { name: "Open" }).click();
    await record.getByText(/Uneventful septoplasty/).waitFor();
    await record.getByLabel("Share with (doctor's address)").fill(doctorB);
    await record.getByRole("button", { name: "Share" }).click();
    await approve(/Share a record/, { shows: [new RegExp(doctorB)] });
    const revoke = record.getByRole("button", { name: `Revoke ${doctorB}` });
    await revoke.waitFor();
    const recordId = BigInt((await record.getAttribute("data-record"))!);
    expect((await sdk.doctorB.decryptRecord({ recordId })).json).toMatchObject({ summary: "Uneventful septoplasty." });
    await b.screenshot("09-records");
    await audit("records");
    await revoke.click();
    await approve(/Revoke access/);
    await revoke.waitFor({ state: "detached" });
    await expect(sdk.doctorB.decryptRecord({ recordId })).rejects.toMatchObject({ code: "NOT_A_READER" });
  }, 60_000);

  it("Should deposit from L1 and withdraw to L1 with progress to finality", async () => {
    const { page } = b;
    const l1 = createPublicClient({ transport: http(devnet.l1.rpcUrl) });
    await page.getByRole("link", { name: "Funds" }).click();
    await page.getByLabel("Amount (ETH)").first().fill("1");
    await page.getByRole("button", { name: "Deposit", exact: true }).click();
    await approve(/Deposit into the bridge/, { shows: [/deposit\(0x/] });
    await page.locator(".step-done", { hasText: "Credited on L2 by the sequencer" }).waitFor({ timeout: 30_000 });

    const before = await l1.getBalance({ address: DEV_ACCOUNTS.patient.address });
    await page.getByLabel("Amount (ETH)").nth(1).fill("2");
    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    await approve(/Withdraw to L1/);
    await page.locator(".step-current", { hasText: /Challenge window passed/ }).waitFor({ timeout: 30_000 });
    await b.screenshot("10-funds-challenge-window");
    await page.getByRole("button", { name: "Pay it out on L1" }).click({ timeout: 30_000 });
    await approve(/Pay out the withdrawal on L1/, { shows: [/finalizeWithdrawal\(batch \d+/] });
    await page.getByText("Paid on L1.").waitFor({ timeout: 30_000 });
    await b.screenshot("11-funds-paid");
    await audit("funds");
    // The 2 ETH withdrawn arrived on L1, less the payout transaction's gas.
    const after = await l1.getBalance({ address: DEV_ACCOUNTS.patient.address });
    expect(after - before).toBeGreaterThan(parseEther("1.99"));
  }, 90_000);

  it("Should let a clinic import a CSV of offers and show a result for every row", async () => {
    const { page } = b;
    const ids: bigint[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await sdk.patient2.proposeSurgery({ doctor: doctorA, procedure: "blepharoplasty", requestedTime: BigInt(now() + 86_400) })).caseId);
    await useDevAccount(/^Use dev doctor/);
    await page.getByRole("link", { name: "Clinic" }).click();
    await page.getByRole("heading", { name: /^Due now \(\d+\)$/ }).waitFor();
    await page.getByText("make an offer").first().waitFor();
    await b.screenshot("12-clinic");
    await audit("clinic");

    await page.getByRole("link", { name: "Import a day's schedule (CSV)" }).click();
    const day = new Date((now() + 2 * 86_400) * 1000).toISOString().slice(0, 10);
    const csv = [
      "caseId,appointment,deposit,price,freeCancelHours,lateFeePercent",
      `${ids[0]},${day}T09:00Z,0.2,1.5,24,10`,
      `${ids[1]},${day}T11:30Z,0.2,1.8,48,15`,
      `${ids[2]},${day}T14:00Z,0.3,2,,`,
      `abc,${day}T16:00Z,0.3,2,,`,
    ].join("\n");
    await page.locator('input[type="file"]').setInputFiles({ name: "schedule.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("heading", { name: "4 rows: 3 ready, 1 with errors" }).waitFor();
    await page.getByRole("button", { name: "Sign and send 3 offers" }).click();
    await approve(/Sign 3 offers from schedule\.csv/, { shows: [new RegExp(`Offer case #${ids[0]} an appointment on`)], shot: "13-sign-batch" });
    expect(await page.getByTestId("import-summary").textContent({ timeout: 15_000 })).toBe("3 of 3 offers included; 0 rejected.");
    expect(await page.locator('tr[data-line="5"] .row-result').textContent()).toContain('caseId "abc" is not a case number');
    for (const line of [2, 3, 4]) expect(await page.locator(`tr[data-line="${line}"] .row-result`).textContent()).toMatch(/^included block \d+$/);
    await b.screenshot("14-clinic-import");
    await audit("clinic import");
    const offered = await Promise.all(ids.map((id) => sdk.board.getCase({ caseId: id })));
    expect(offered.map((c) => [c.status, c.offer?.price])).toEqual([
      ["OFFERED", parseEther("1.5").toString()],
      ["OFFERED", parseEther("1.8").toString()],
      ["OFFERED", parseEther("2").toString()],
    ]);
  }, 60_000);

  it("Should show in the explorer a new batch posted to L1, counting down, then final", async () => {
    const { page } = b;
    await page.getByRole("link", { name: "Explorer" }).click();
    await page.getByTestId("batches").locator("tbody tr").first().waitFor();
    const newest = Number(await page.getByTestId("batches").locator("tbody tr").first().getAttribute("data-batch"));
    await sdk.patient2.transfer({ to: doctorA, amount: 1n });
    const next = page.locator(`tr[data-batch="${newest + 1}"]`);
    await page.locator(`tr[data-batch="${newest + 1}"][data-status="submitted"]`).waitFor({ timeout: 20_000 });
    expect(await next.textContent()).toMatch(/final in \d+ s/);
    await b.screenshot("15-explorer-posted");
    await page.locator(`tr[data-batch="${newest + 1}"][data-status="final"]`).waitFor({ timeout: 30_000 });
    expect(await next.textContent()).toMatch(/final since/);
    const status = await sdk.board.getStatus();
    await waitFor(async () => (await page.getByTestId("state-root").textContent()) === (await sdk.board.getStatus()).stateRoot, {
      what: "the explorer's state root",
    });
    expect(status.healthy).toBe(true);
    await b.screenshot("16-explorer-final");
    await audit("explorer");

    // A verifier node serves the same app: its explorer shows the re-execution of every L1 batch.
    verifier = await devnet.startNode({ mode: "verifier" });
    await page.goto(`${verifier.url}/explorer`);
    await page.getByText(/(\d+) of \1 L1 batches re-executed — every root matched/).waitFor({ timeout: 30_000 });
    await b.screenshot("17-explorer-verifier");
    await page.goto("/explorer");
  }, 90_000);

  it("Should render the other pages accessibly, on a desktop and at a phone's width", async () => {
    const { page } = b;
    await page.getByRole("link", { name: "Medicines" }).click();
    await page.getByLabel("Scanned code (optional)").fill(`(01)${GTIN}(21)P1`);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByTestId("pack-result").getByText("DISPENSED").waitFor();
    await b.screenshot("18-medicines");
    await audit("medicines");
    await page.getByRole("link", { name: "Insurer" }).click();
    await page.getByRole("cell", { name: "infection: 1 ETH within 30 d" }).waitFor();
    await b.screenshot("19-insurer");
    await audit("insurer");
    await page.getByRole("link", { name: "Licenses" }).click();
    await page.getByLabel("Doctor's address").fill(doctorA);
    await page.getByRole("button", { name: "Look up" }).click();
    await page.getByTestId("license-result").getByText("1234567893").waitFor();
    await b.screenshot("20-licenses");
    await audit("licenses");

    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name, ready] of [
      ["/", "22-phone-search", page.getByRole("heading", { name: /surgeons?, best ranked first/ })],
      [`/cases/${caseId}`, "23-phone-case", page.getByRole("heading", { name: "Timeline" })],
      ["/explorer", "24-phone-explorer", page.getByTestId("batches")],
    ] as const) {
      await go(page, path);
      await ready.waitFor();
      await b.screenshot(name);
      await audit(name);
    }
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "My cases" }).click();
    await page.getByRole("heading", { name: "My cases" }).waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it("Should sign with an injected EIP-1193 wallet: an L2 transaction by eth_signTypedData_v4 and an L1 deposit by eth_sendTransaction", async () => {
    // The "wallet" is Hardhat's unlocked account #0 behind window.ethereum: the app reaches it only
    // through EIP-1193 requests, as it would a browser extension.
    const context = await b.browser.newContext({ baseURL: node.url, viewport: { width: 1280, height: 900 }, locale: "en-GB", timezoneId: "UTC" });
    await context.addInitScript((rpcUrl: string) => {
      let id = 0;
      (globalThis as unknown as { ethereum: unknown }).ethereum = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const res = await fetch(rpcUrl, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method: method === "eth_requestAccounts" ? "eth_accounts" : method, params: params ?? [] }),
          });
          const answer = (await res.json()) as { result?: unknown; error?: { message: string; code: number } };
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
          return answer.result;
        },
        on() {},
        removeListener() {},
      };
    }, devnet.l1.rpcUrl);
    const page = await context.newPage();
    watchPage(page, { errors: b.errors, requests: b.requests });
    const [first] = await createWalletClient({ transport: http(devnet.l1.rpcUrl) }).getAddresses();
    const wallet = first!.toLowerCase() as Address;
    try {
      await page.goto(`/keys?l1=${encodeURIComponent(devnet.l1.rpcUrl)}`);
      await page.getByRole("button", { name: "Connect wallet" }).click();
      await page.locator(".account-chip", { hasText: "wallet" }).waitFor();
      await go(page, `/doctors/${doctorB}`);
      await page.getByLabel("Details for the doctor").fill("Second opinion, please.");
      await page.getByRole("button", { name: "Review and sign the proposal" }).click();
      const dialog = page.locator("dialog.sign-dialog[open]");
      await dialog.getByText(`Signed by ${wallet}`).waitFor();
      await dialog.getByRole("button", { name: "Sign", exact: true }).click();
      await page.waitForURL(/\/cases\/\d+$/);
      const walletCase = BigInt(page.url().split("/").pop()!);
      expect(await sdk.board.getCase({ caseId: walletCase })).toMatchObject({ patient: wallet, doctor: doctorB, status: "PROPOSED" });
      expect(await sdk.doctorB.decryptCaseDetails({ caseId: walletCase })).toEqual({ note: "Second opinion, please." });

      const before = BigInt((await sdk.board.getAccount({ address: wallet })).balance);
      await page.getByRole("link", { name: "Funds" }).click();
      await page.getByLabel("Amount (ETH)").first().fill("3");
      await page.getByRole("button", { name: "Deposit", exact: true }).click();
      await page.locator(".step-done", { hasText: "Credited on L2 by the sequencer" }).waitFor({ timeout: 30_000 });
      expect(BigInt((await sdk.board.getAccount({ address: wallet })).balance)).toBe(before + parseEther("3"));
      await page.screenshot({ path: join(SCREENSHOT_DIR, "21-wallet-funds.png"), fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);

  it("Should prove in the node the same statement the browser proved, and record both times and the bundle size", async () => {
    const leaves = (await sdk.board.getReviewTree()).leaves.map(BigInt);
    const secret = deriveReviewSecret({ privateKey: DEV_ACCOUNTS.patient.privateKey, caseId });
    const [review] = (await sdk.board.getDoctorReviews({ address: doctorA })).reviews;
    const loadStarted = performance.now();
    const prover = await createReviewProver();
    const loadMs = performance.now() - loadStarted;
    const times: number[] = [];
    let proof: Awaited<ReturnType<typeof prover.prove>> | null = null;
    try {
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        proof = await prover.prove({ secret, doctor: doctorA, leaves, rating: 5, worthIt: true, textHash: review!.textHash });
        times.push(performance.now() - started);
      }
    } finally {
      await prover.close();
    }
    expect(proof!.nullifier.toString()).toBe(review!.nullifier);
    expect(await createReviewProofVerifier().verify(proof!)).toBe(true);
    figures.nodeProof = {
      loadMs: Math.round(loadMs),
      firstMs: Math.round(times[0]!),
      warmMs: times.slice(1).map(Math.round),
      note: "witness + Groth16, in the test process",
    };

    const assets = join(WEB_DIST_DIR, "assets");
    figures.bundle = Object.fromEntries(
      readdirSync(assets).map((file) => {
        const bytes = readFileSync(join(assets, file));
        return [file.replace(/-[\w-]{8}\./, "."), { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }];
      }),
    );
    console.log(`web app figures: ${JSON.stringify(figures)}`);
  }, 60_000);

  it("Should log no browser console error and reach only the nodes and the L1 node", () => {
    expect(b.errors).toEqual([]);
    const origins = new Set(b.requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:")).map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual([node.url, devnet.l1.rpcUrl, ...(verifier ? [verifier.url] : [])].sort());
  });
});
