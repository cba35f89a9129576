import { beforeEach, describe, expect, it } from "vitest";
import { encodeFunctionData, keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import { directSurgeryArtifact, readArtifact } from "../scripts/artifacts";
import { loadFixture, send, type Fixture, type FixtureAccounts } from "./fixture";
import { advanceTime, eventsOf, expectRevert, mined, now, setNextTimestamp } from "./helpers";

const abi = directSurgeryArtifact().abi;
const recipient = readArtifact("ReentrantRecipient");
const Status = { None: 0, Proposed: 1, Offered: 2, Scheduled: 3, Planned: 4, Confirmed: 5, Executed: 6, Closed: 7, Cancelled: 8, NoShow: 9 };
const License = { None: 0, Active: 1, Suspended: 2, Revoked: 3 };
const DEPOSIT = parseEther("1");
const PRICE = parseEther("5");
const DAY = 86_400n;
const TERMS = { freeCancelSeconds: 2 * 86_400, lateRefundBps: 2_500 };
const hash = (s: string): Hex => keccak256(toHex(s));

describe("DirectSurgery", () => {
  let f: Fixture;
  let appointment: bigint;
  const call = (from: keyof FixtureAccounts, functionName: string, args: readonly unknown[] = [], value?: bigint) =>
    send(f, { from, address: f.deployment.directSurgery, abi, functionName, args, value });
  const status = async (caseId: bigint) => Number(((await f.directSurgery.read.cases([caseId])) as unknown[])[2]);
  const balance = (address: Address) => f.publicClient.getBalance({ address });

  beforeEach(async () => {
    f = await loadFixture();
    appointment = (await now(f)) + 10n * DAY;
    // The fixture's deploy script makes governance the licensing board.
    await call("governance", "setLicense", [f.accounts.doctor, License.Active, (await now(f)) + 365n * DAY, hash("NPI 1234567893")]);
  });

  /** Drives a case from proposal up to `until` (inclusive) with the default terms. */
  async function caseAt(until: number): Promise<bigint> {
    // Earlier cases of the same test may have moved time past the appointment.
    if (appointment <= (await now(f)) + 3n * DAY) appointment = (await now(f)) + 10n * DAY;
    const receipt = await call("patient", "propose", [f.accounts.doctor, appointment, hash("details")]);
    const caseId = eventsOf(abi, receipt, "Proposed")[0]!.args.caseId as bigint;
    if (until >= Status.Offered) await call("doctor", "offer", [caseId, appointment, DEPOSIT, PRICE, TERMS]);
    if (until >= Status.Scheduled) await call("patient", "accept", [caseId], DEPOSIT);
    if (until >= Status.Planned) await call("doctor", "plan", [caseId, hash("plan")]);
    if (until >= Status.Confirmed) await call("patient", "confirm", [caseId, hash("plan")], PRICE - DEPOSIT);
    if (until >= Status.Executed) {
      await setNextTimestamp(f, appointment + 1n);
      await call("doctor", "record", [caseId, hash("record")]);
    }
    if (until >= Status.Closed) await call("patient", "close", [caseId]);
    return caseId;
  }

  describe("# setLicense", () => {
    it("Should let the board set a license", async () => {
      const receipt = await call("governance", "setLicense", [f.accounts.carol, License.Suspended, 123n, hash("lic")]);
      expect(eventsOf(abi, receipt, "LicenseSet")[0]!.args).toEqual({
        doctor: f.accounts.carol,
        status: License.Suspended,
        expiresAt: 123n,
        licenseNumberHash: hash("lic"),
      });
      expect(await f.directSurgery.read.licenses([f.accounts.carol])).toEqual([License.Suspended, 123n, hash("lic")]);
    });

    it("Should not set a license if the caller is not the board", async () => {
      await expectRevert(abi, call("doctor", "setLicense", [f.accounts.doctor, License.Active, 1n, hash("x")]), "DirectSurgery_NotBoard");
    });
  });

  describe("# propose", () => {
    it("Should open a case with sequential ids", async () => {
      const receipt = await call("patient", "propose", [f.accounts.doctor, appointment, hash("details")]);
      expect(eventsOf(abi, receipt, "Proposed")[0]!.args).toEqual({
        caseId: 1n,
        patient: f.accounts.patient,
        doctor: f.accounts.doctor,
        requestedTime: appointment,
        detailsHash: hash("details"),
      });
      expect(await status(1n)).toBe(Status.Proposed);
      expect(await caseAt(Status.Proposed)).toBe(2n);
    });
  });

  describe("# offer", () => {
    it("Should record the doctor's terms", async () => {
      const caseId = await caseAt(Status.Proposed);
      const receipt = await call("doctor", "offer", [caseId, appointment, DEPOSIT, PRICE, TERMS]);
      expect(eventsOf(abi, receipt, "Offered")[0]!.args).toEqual({ caseId, appointmentTime: appointment, depositAmount: DEPOSIT, price: PRICE, terms: TERMS });
      expect(await status(caseId)).toBe(Status.Offered);
    });

    it("Should not offer if the caller is not the case's doctor", async () => {
      const caseId = await caseAt(Status.Proposed);
      await expectRevert(abi, call("patient", "offer", [caseId, appointment, DEPOSIT, PRICE, TERMS]), "DirectSurgery_NotAuthorized");
    });

    it("Should not offer if the case is not proposed", async () => {
      const caseId = await caseAt(Status.Offered);
      await expectRevert(abi, call("doctor", "offer", [caseId, appointment, DEPOSIT, PRICE, TERMS]), "DirectSurgery_WrongStatus", [Status.Offered]);
      await expectRevert(abi, call("doctor", "offer", [99n, appointment, DEPOSIT, PRICE, TERMS]), "DirectSurgery_WrongStatus", [Status.None]);
    });

    it("Should not offer if the doctor's license is missing, suspended, revoked or expired", async () => {
      const caseId = await caseAt(Status.Proposed);
      const offer = () => call("doctor", "offer", [caseId, appointment, DEPOSIT, PRICE, TERMS]);
      for (const s of [License.None, License.Suspended, License.Revoked]) {
        await call("governance", "setLicense", [f.accounts.doctor, s, appointment, hash("lic")]);
        await expectRevert(abi, offer(), "DirectSurgery_NotLicensed", [f.accounts.doctor]);
      }
      await call("governance", "setLicense", [f.accounts.doctor, License.Active, (await now(f)) + 1n, hash("lic")]);
      await expectRevert(abi, offer(), "DirectSurgery_NotLicensed", [f.accounts.doctor]);
    });

    it("Should not offer inconsistent terms", async () => {
      const caseId = await caseAt(Status.Proposed);
      const offer = (time: bigint, deposit: bigint, terms = TERMS) => call("doctor", "offer", [caseId, time, deposit, PRICE, terms]);
      await expectRevert(abi, offer(appointment, PRICE + 1n), "DirectSurgery_InvalidTerms");
      await expectRevert(abi, offer(appointment, DEPOSIT, { ...TERMS, lateRefundBps: 10_001 }), "DirectSurgery_InvalidTerms");
      await expectRevert(abi, offer(await now(f), DEPOSIT), "DirectSurgery_InvalidTerms");
    });
  });

  describe("# accept", () => {
    it("Should schedule the case and escrow the deposit", async () => {
      const caseId = await caseAt(Status.Offered);
      const receipt = await call("patient", "accept", [caseId], DEPOSIT);
      expect(eventsOf(abi, receipt, "Accepted")[0]!.args).toEqual({ caseId, depositAmount: DEPOSIT });
      expect(await status(caseId)).toBe(Status.Scheduled);
      expect(await balance(f.deployment.directSurgery)).toBe(DEPOSIT);
    });

    it("Should not accept if the ETH sent is not the deposit", async () => {
      const caseId = await caseAt(Status.Offered);
      await expectRevert(abi, call("patient", "accept", [caseId], DEPOSIT - 1n), "DirectSurgery_WrongAmount", [DEPOSIT, DEPOSIT - 1n]);
    });

    it("Should not accept if the caller is not the patient", async () => {
      const caseId = await caseAt(Status.Offered);
      await expectRevert(abi, call("stranger", "accept", [caseId], DEPOSIT), "DirectSurgery_NotAuthorized");
    });

    it("Should not accept if the case is not offered", async () => {
      const caseId = await caseAt(Status.Proposed);
      await expectRevert(abi, call("patient", "accept", [caseId], DEPOSIT), "DirectSurgery_WrongStatus", [Status.Proposed]);
    });
  });

  describe("# plan", () => {
    it("Should record a plan, and replace an unconfirmed one", async () => {
      const caseId = await caseAt(Status.Scheduled);
      const receipt = await call("doctor", "plan", [caseId, hash("plan A")]);
      expect(eventsOf(abi, receipt, "Planned")[0]!.args).toEqual({ caseId, planHash: hash("plan A") });
      await call("doctor", "plan", [caseId, hash("plan B")]);
      expect(await status(caseId)).toBe(Status.Planned);
      await expectRevert(abi, call("patient", "confirm", [caseId, hash("plan A")], PRICE - DEPOSIT), "DirectSurgery_WrongPlan");
    });

    it("Should not plan if the caller is not the doctor", async () => {
      const caseId = await caseAt(Status.Scheduled);
      await expectRevert(abi, call("patient", "plan", [caseId, hash("plan")]), "DirectSurgery_NotAuthorized");
    });

    it("Should not plan before scheduling or after confirmation", async () => {
      await expectRevert(abi, call("doctor", "plan", [await caseAt(Status.Offered), hash("plan")]), "DirectSurgery_WrongStatus", [Status.Offered]);
      await expectRevert(abi, call("doctor", "plan", [await caseAt(Status.Confirmed), hash("plan")]), "DirectSurgery_WrongStatus", [Status.Confirmed]);
    });
  });

  describe("# confirm", () => {
    it("Should confirm the plan and escrow the rest of the price", async () => {
      const caseId = await caseAt(Status.Planned);
      const receipt = await call("patient", "confirm", [caseId, hash("plan")], PRICE - DEPOSIT);
      expect(eventsOf(abi, receipt, "Confirmed")[0]!.args).toEqual({ caseId, amount: PRICE - DEPOSIT });
      expect(await status(caseId)).toBe(Status.Confirmed);
      expect(await balance(f.deployment.directSurgery)).toBe(PRICE);
    });

    it("Should not confirm another plan than the proposed one", async () => {
      const caseId = await caseAt(Status.Planned);
      await expectRevert(abi, call("patient", "confirm", [caseId, hash("other")], PRICE - DEPOSIT), "DirectSurgery_WrongPlan");
    });

    it("Should not confirm if the ETH sent is not the rest of the price", async () => {
      const caseId = await caseAt(Status.Planned);
      await expectRevert(abi, call("patient", "confirm", [caseId, hash("plan")], PRICE), "DirectSurgery_WrongAmount", [PRICE - DEPOSIT, PRICE]);
    });

    it("Should not confirm if the caller is not the patient", async () => {
      const caseId = await caseAt(Status.Planned);
      await expectRevert(abi, call("doctor", "confirm", [caseId, hash("plan")], PRICE - DEPOSIT), "DirectSurgery_NotAuthorized");
    });

    it("Should not confirm if no plan is proposed", async () => {
      const caseId = await caseAt(Status.Scheduled);
      await expectRevert(abi, call("patient", "confirm", [caseId, hash("plan")], PRICE - DEPOSIT), "DirectSurgery_WrongStatus", [Status.Scheduled]);
    });
  });

  describe("# record", () => {
    it("Should record the surgery at or after the appointment", async () => {
      const caseId = await caseAt(Status.Confirmed);
      await setNextTimestamp(f, appointment);
      const receipt = await call("doctor", "record", [caseId, hash("record")]);
      expect(eventsOf(abi, receipt, "Recorded")[0]!.args).toEqual({ caseId, recordHash: hash("record") });
      expect(await f.directSurgery.read.records([caseId])).toBe(hash("record"));
      expect(await status(caseId)).toBe(Status.Executed);
    });

    it("Should not record before the appointment", async () => {
      const caseId = await caseAt(Status.Confirmed);
      await expectRevert(abi, call("doctor", "record", [caseId, hash("record")]), "DirectSurgery_TooEarly", [appointment]);
    });

    it("Should not record if the caller is not the doctor", async () => {
      const caseId = await caseAt(Status.Confirmed);
      await setNextTimestamp(f, appointment);
      await expectRevert(abi, call("patient", "record", [caseId, hash("record")]), "DirectSurgery_NotAuthorized");
    });

    it("Should not record an unconfirmed case", async () => {
      const caseId = await caseAt(Status.Planned);
      await expectRevert(abi, call("doctor", "record", [caseId, hash("record")]), "DirectSurgery_WrongStatus", [Status.Planned]);
    });
  });

  describe("# close", () => {
    it("Should close the case and pay the whole escrow to the doctor", async () => {
      const caseId = await caseAt(Status.Executed);
      const before = await balance(f.accounts.doctor);
      const receipt = await call("patient", "close", [caseId]);
      expect(eventsOf(abi, receipt, "Closed")[0]!.args).toEqual({ caseId, paidToDoctor: PRICE });
      expect(await balance(f.accounts.doctor)).toBe(before + PRICE);
      expect(await balance(f.deployment.directSurgery)).toBe(0n);
      expect(await status(caseId)).toBe(Status.Closed);
    });

    it("Should not close if the caller is not the patient", async () => {
      const caseId = await caseAt(Status.Executed);
      await expectRevert(abi, call("doctor", "close", [caseId]), "DirectSurgery_NotAuthorized");
    });

    it("Should not close a case that is not executed, nor close twice", async () => {
      await expectRevert(abi, call("patient", "close", [await caseAt(Status.Confirmed)]), "DirectSurgery_WrongStatus", [Status.Confirmed]);
      await expectRevert(abi, call("patient", "close", [await caseAt(Status.Closed)]), "DirectSurgery_WrongStatus", [Status.Closed]);
    });

    it("Should not close if paying the doctor fails", async () => {
      const { caseId, doctor } = await caseWithContractDoctor();
      await mined(f, f.wallets.deployer.writeContract({ abi: recipient.abi, address: doctor, functionName: "configure", args: [doctor, "0x", true] }));
      await expectRevert(abi, call("patient", "close", [caseId]), "DirectSurgery_TransferFailed");
      expect(await status(caseId)).toBe(Status.Executed);
    });

    it("Should not pay twice when the doctor re-enters during the payment", async () => {
      const { caseId, doctor } = await caseWithContractDoctor();
      const reenter = encodeFunctionData({ abi, functionName: "cancel", args: [caseId] });
      await mined(
        f,
        f.wallets.deployer.writeContract({
          abi: recipient.abi,
          address: doctor,
          functionName: "configure",
          args: [f.deployment.directSurgery, reenter, false],
        }),
      );
      await call("patient", "close", [caseId]);
      expect(await f.publicClient.readContract({ abi: recipient.abi, address: doctor, functionName: "lastCallOk" })).toBe(false);
      expect(await balance(doctor)).toBe(PRICE);
      expect(await balance(f.deployment.directSurgery)).toBe(0n);
    });
  });

  describe("# cancel", () => {
    it("Should refund everything when the patient cancels before the free-cancellation cutoff", async () => {
      const caseId = await caseAt(Status.Confirmed);
      const before = await balance(f.accounts.patient);
      const receipt = await call("patient", "cancel", [caseId]);
      const fee = receipt.gasUsed * receipt.effectiveGasPrice;
      expect(eventsOf(abi, receipt, "Cancelled")[0]!.args).toEqual({ caseId, by: f.accounts.patient, refundToPatient: PRICE, paidToDoctor: 0n });
      expect(await balance(f.accounts.patient)).toBe(before + PRICE - fee);
      expect(await f.directSurgery.read.cancelCount([f.accounts.patient])).toBe(1n);
      expect(await status(caseId)).toBe(Status.Cancelled);
    });

    it("Should refund by the late terms when the patient cancels after the cutoff", async () => {
      const caseId = await caseAt(Status.Scheduled);
      await setNextTimestamp(f, appointment - 1n * DAY);
      const doctorBefore = await balance(f.accounts.doctor);
      const receipt = await call("patient", "cancel", [caseId]);
      const refund = (DEPOSIT * 2_500n) / 10_000n;
      expect(eventsOf(abi, receipt, "Cancelled")[0]!.args).toEqual({ caseId, by: f.accounts.patient, refundToPatient: refund, paidToDoctor: DEPOSIT - refund });
      expect(await balance(f.accounts.doctor)).toBe(doctorBefore + DEPOSIT - refund);
      expect(await balance(f.deployment.directSurgery)).toBe(0n);
    });

    it("Should refund everything when the doctor cancels, even late", async () => {
      const caseId = await caseAt(Status.Planned);
      await setNextTimestamp(f, appointment - 60n);
      const before = await balance(f.accounts.patient);
      await call("doctor", "cancel", [caseId]);
      expect(await balance(f.accounts.patient)).toBe(before + DEPOSIT);
      expect(await f.directSurgery.read.cancelCount([f.accounts.doctor])).toBe(1n);
    });

    it("Should cancel a proposal or an offer that holds no money", async () => {
      await mined(f, call("patient", "cancel", [await caseAt(Status.Proposed)]));
      await mined(f, call("doctor", "cancel", [await caseAt(Status.Offered)]));
    });

    it("Should not cancel if the caller is not a party", async () => {
      await expectRevert(abi, call("stranger", "cancel", [await caseAt(Status.Scheduled)]), "DirectSurgery_NotAuthorized");
    });

    it("Should not cancel an executed, closed, cancelled or unknown case", async () => {
      await expectRevert(abi, call("patient", "cancel", [await caseAt(Status.Executed)]), "DirectSurgery_WrongStatus", [Status.Executed]);
      await expectRevert(abi, call("patient", "cancel", [await caseAt(Status.Closed)]), "DirectSurgery_WrongStatus", [Status.Closed]);
      const cancelled = await caseAt(Status.Proposed);
      await call("patient", "cancel", [cancelled]);
      await expectRevert(abi, call("patient", "cancel", [cancelled]), "DirectSurgery_WrongStatus", [Status.Cancelled]);
      await expectRevert(abi, call("patient", "cancel", [999n]), "DirectSurgery_WrongStatus", [Status.None]);
    });
  });

  describe("# markNoShow", () => {
    it("Should give the escrow to the doctor after the appointment plus the grace period", async () => {
      const caseId = await caseAt(Status.Confirmed);
      await setNextTimestamp(f, appointment + 3600n);
      const before = await balance(f.accounts.doctor);
      const receipt = await call("doctor", "markNoShow", [caseId]);
      const fee = receipt.gasUsed * receipt.effectiveGasPrice;
      expect(eventsOf(abi, receipt, "NoShow")[0]!.args).toEqual({ caseId, paidToDoctor: PRICE });
      expect(await balance(f.accounts.doctor)).toBe(before + PRICE - fee);
      expect(await f.directSurgery.read.noShowCount([f.accounts.patient])).toBe(1n);
      expect(await status(caseId)).toBe(Status.NoShow);
    });

    it("Should not mark a no-show before the grace period ends", async () => {
      const caseId = await caseAt(Status.Scheduled);
      await setNextTimestamp(f, appointment + 3599n);
      await expectRevert(abi, call("doctor", "markNoShow", [caseId]), "DirectSurgery_TooEarly", [appointment + 3600n]);
    });

    it("Should not mark a no-show if the caller is not the doctor", async () => {
      const caseId = await caseAt(Status.Scheduled);
      await advanceTime(f, 11n * DAY);
      await expectRevert(abi, call("patient", "markNoShow", [caseId]), "DirectSurgery_NotAuthorized");
    });

    it("Should not mark a no-show on an unscheduled or executed case", async () => {
      await expectRevert(abi, call("doctor", "markNoShow", [await caseAt(Status.Offered)]), "DirectSurgery_WrongStatus", [Status.Offered]);
      await expectRevert(abi, call("doctor", "markNoShow", [await caseAt(Status.Executed)]), "DirectSurgery_WrongStatus", [Status.Executed]);
    });
  });

  describe("# review", () => {
    it("Should store one review per closed case and update the doctor's rating", async () => {
      const first = await caseAt(Status.Closed);
      const second = await caseAt(Status.Closed);
      const receipt = await call("patient", "review", [first, 5, true, hash("great")]);
      expect(eventsOf(abi, receipt, "Reviewed")[0]!.args).toEqual({
        caseId: first,
        doctor: f.accounts.doctor,
        rating: 5,
        worthIt: true,
        textHash: hash("great"),
      });
      await call("patient", "review", [second, 2, false, hash("meh")]);
      expect(await f.directSurgery.read.reviews([first])).toEqual([5, true, hash("great")]);
      expect(await f.directSurgery.read.reviewCount([f.accounts.doctor])).toBe(2n);
      expect(await f.directSurgery.read.ratingSum([f.accounts.doctor])).toBe(7n);
    });

    it("Should not review a case twice", async () => {
      const caseId = await caseAt(Status.Closed);
      await call("patient", "review", [caseId, 4, true, hash("ok")]);
      await expectRevert(abi, call("patient", "review", [caseId, 1, false, hash("again")]), "DirectSurgery_AlreadyReviewed");
    });

    it("Should not accept a rating outside 1..5", async () => {
      const caseId = await caseAt(Status.Closed);
      await expectRevert(abi, call("patient", "review", [caseId, 0, true, hash("x")]), "DirectSurgery_InvalidRating", [0]);
      await expectRevert(abi, call("patient", "review", [caseId, 6, true, hash("x")]), "DirectSurgery_InvalidRating", [6]);
    });

    it("Should not review if the caller is not the patient", async () => {
      const caseId = await caseAt(Status.Closed);
      await expectRevert(abi, call("doctor", "review", [caseId, 5, true, hash("self")]), "DirectSurgery_NotAuthorized");
    });

    it("Should not review a case that is not closed", async () => {
      await expectRevert(abi, call("patient", "review", [await caseAt(Status.Executed), 5, true, hash("x")]), "DirectSurgery_WrongStatus", [Status.Executed]);
    });
  });

  /** An executed case whose doctor is a contract (ReentrantRecipient) acting through `execute`. */
  async function caseWithContractDoctor(): Promise<{ caseId: bigint; doctor: Address }> {
    const deployed = await f.wallets.deployer.deployContract({ abi: recipient.abi, bytecode: recipient.bytecode });
    const doctor = (await f.publicClient.waitForTransactionReceipt({ hash: deployed })).contractAddress!;
    const asDoctor = (functionName: string, args: readonly unknown[]) =>
      mined(
        f,
        f.wallets.deployer.writeContract({
          abi: recipient.abi,
          address: doctor,
          functionName: "execute",
          args: [f.deployment.directSurgery, encodeFunctionData({ abi, functionName, args })],
        }),
      );
    await call("governance", "setLicense", [doctor, License.Active, appointment + DAY, hash("lic")]);
    const receipt = await call("patient", "propose", [doctor, appointment, hash("details")]);
    const caseId = eventsOf(abi, receipt, "Proposed")[0]!.args.caseId as bigint;
    await asDoctor("offer", [caseId, appointment, DEPOSIT, PRICE, TERMS]);
    await call("patient", "accept", [caseId], DEPOSIT);
    await asDoctor("plan", [caseId, hash("plan")]);
    await call("patient", "confirm", [caseId, hash("plan")], PRICE - DEPOSIT);
    await setNextTimestamp(f, appointment);
    await asDoctor("record", [caseId, hash("record")]);
    return { caseId, doctor };
  }
});
