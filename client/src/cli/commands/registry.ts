// Registries: regulators admit participants, doctors register, the board licenses, manufacturers
// register and recall medicine, insurers publish policies; anyone searches and verifies.
import { keccak256, toBytes } from "viem";
import { TX_ENUMS } from "../../../../sequencer/src/protocol";
import { SutureClientError } from "../../errors";
import type { DoctorProfile, DoctorReviewsView, MedicineView, PolicyListView } from "../../types/json";
import { flag, pageOptions, str, strs, type Command } from "../command";
import { eth, fields, nextPage, receipt, table } from "../output";
import { address, amount, id, int, list, num, page, required, time } from "../parse";

/** An enum name from the command line (any case) → its number on the wire (the tables of /v1/schema). */
function enumValue(e: keyof typeof TX_ENUMS, name: string, option: string): number {
  const entry = Object.entries(TX_ENUMS[e]).find(([n]) => n.toLowerCase() === name.toLowerCase());
  if (!entry) throw new SutureClientError("INVALID_ARGUMENT", `--${option} must be ${Object.keys(TX_ENUMS[e]).join(" or ").toLowerCase()}`);
  return entry[1];
}

function reviewRows(reviews: DoctorReviewsView["reviews"]): string {
  return table(reviews.map((x) => ({ id: x.id, rating: x.rating, worthIt: x.worthIt, replied: Boolean(x.reply) })));
}

function doctorRows(results: (DoctorProfile & { distanceKm?: number | null })[]) {
  return results.map((d) => ({
    address: d.address,
    specialties: d.specialties.join(","),
    km: d.distanceKm ?? null,
    license: d.licenseStatus.status,
    reviews: d.reputation.reviewCount,
    rating: d.reputation.meanRating?.toFixed(2) ?? null,
    closed: d.reputation.casesByStatus.CLOSED,
    score: d.reputation.score,
  }));
}

export const registryCommands: Command[] = [
  {
    words: "admit",
    summary: "Regulator: admit a manufacturer (medicine regulator) or an insurer (insurance regulator)",
    example: "suture admit --account 0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc --role manufacturer --dev medicineRegulator",
    options: { account: str, role: str, inactive: flag },
    async run(ctx, v) {
      const role = enumValue("ParticipantRole", required(v, "role"), "role");
      return (await ctx.signer()).admitParticipant({ account: address(required(v, "account"), "account"), role, active: !v.inactive });
    },
    print: receipt,
  },
  {
    words: "doctor register",
    summary: "Register (or update) your doctor profile: specialties, location, accepted insurers",
    example: "suture doctor register --specialty rhinoplasty --lat 40.758 --lon=-73.9855 --insurer 0x...",
    options: { specialty: strs, lat: str, lon: str, insurer: strs },
    async run(ctx, v) {
      const specialties = list(v, "specialty");
      if (!specialties.length) throw new SutureClientError("INVALID_ARGUMENT", "give at least one --specialty");
      return (await ctx.signer()).registerDoctor({
        specialties,
        latE6: Math.round(num(required(v, "lat"), "lat") * 1e6),
        lonE6: Math.round(num(required(v, "lon"), "lon") * 1e6),
        acceptedInsurers: list(v, "insurer").map((a) => address(a, "insurer")),
      });
    },
    print: receipt,
  },
  {
    words: "doctor license",
    summary: "Licensing board: attest, suspend or revoke a doctor's license",
    example: "suture doctor license --doctor 0x... --jurisdiction US-NY --license-number 123456 --npi 1234567893 --expires +365d --dev board",
    options: { doctor: str, jurisdiction: str, "license-number": str, npi: str, expires: str, status: str },
    async run(ctx, v) {
      const status = enumValue("LicenseStatus", (v.status as string) ?? "active", "status");
      return (await ctx.signer()).attestLicense({
        doctor: address(required(v, "doctor"), "doctor"),
        jurisdiction: required(v, "jurisdiction"),
        licenseNumberHash: keccak256(toBytes(required(v, "license-number"))),
        npi: (v.npi as string) ?? "",
        status,
        expiresAt: time((v.expires as string) ?? "+365d", "expires"),
      });
    },
    print: receipt,
  },
  {
    words: "doctor search",
    summary: "Search licensed doctors, ranked by the open formula: specialty, distance, minimum rating, insurer",
    example: "suture doctor search --specialty rhinoplasty --lat 40.75 --lon=-73.98 --max-km 20 --min-rating 3 [--limit 20 --after CURSOR]",
    options: { specialty: str, lat: str, lon: str, "max-km": str, "min-rating": str, insurer: str, "any-license": flag, ...pageOptions },
    async run(ctx, v) {
      return ctx.reader().searchDoctors({
        specialty: v.specialty as string | undefined,
        lat: v.lat === undefined ? undefined : num(v.lat as string, "lat"),
        lon: v.lon === undefined ? undefined : num(v.lon as string, "lon"),
        maxKm: v["max-km"] === undefined ? undefined : num(v["max-km"] as string, "max-km"),
        minRating: v["min-rating"] === undefined ? undefined : num(v["min-rating"] as string, "min-rating"),
        insurer: v.insurer === undefined ? undefined : address(v.insurer as string, "insurer"),
        license: v["any-license"] ? "ANY" : "ACTIVE",
        ...page(v),
      });
    },
    print: (r: { formula: string; results: DoctorProfile[]; next: string | null }) =>
      `${table(doctorRows(r.results))}${nextPage(r.next)}\n\nranking: ${r.formula}`,
  },
  {
    words: "doctor show",
    summary: "A doctor's profile: license, case stats, completion rate, incidents, reviews",
    example: "suture doctor show 0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
    positionals: ["ADDRESS"],
    async run(ctx, _v, [a]) {
      const client = ctx.reader();
      const doctor = address(a ?? "", "ADDRESS");
      const [profile, reviews] = await Promise.all([client.getDoctor({ address: doctor }), client.getDoctorReviews({ address: doctor })]);
      return { ...profile, reviews: reviews.reviews, moreReviews: reviews.next };
    },
    print: (r: DoctorProfile & { reviews: DoctorReviewsView["reviews"]; moreReviews: string | null }) =>
      `${fields({ address: r.address, specialties: r.specialties.join(", "), license: `${r.licenseStatus.status}${r.license ? ` (${r.license.jurisdiction})` : ""}`, ...r.reputation })}\n\nreviews:\n${reviewRows(r.reviews)}${nextPage(r.moreReviews, `suture doctor reviews ${r.address} --after`)}`,
  },
  {
    words: "doctor reviews",
    summary: "A doctor's verified anonymous reviews with replies, a page at a time",
    example: "suture doctor reviews 0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc [--limit 50 --after 120]",
    positionals: ["ADDRESS"],
    options: pageOptions,
    run: (ctx, v, [a]) => ctx.reader().getDoctorReviews({ address: address(a ?? "", "ADDRESS"), ...page(v) }),
    print: (r: DoctorReviewsView) => reviewRows(r.reviews) + nextPage(r.next),
  },
  {
    words: "doctor reply",
    summary: "Doctor: publish one reply to a review of yours (the rating never changes)",
    example: 'suture doctor reply --review 1 --text "Thank you"',
    options: { review: str, text: str },
    async run(ctx, v) {
      const client = await ctx.signer();
      const text = toBytes(required(v, "text"));
      await client.uploadBlob({ data: text });
      return client.replyToReview({ reviewId: id(required(v, "review"), "review"), textHash: keccak256(text) });
    },
    print: receipt,
  },
  {
    words: "patient show",
    summary: "A patient's reliability record: proposals, no-shows, late cancellations, reschedules, closed cases",
    example: "suture patient show 0x976ea74026e726554db657fa54763abd0c3a0aa9",
    positionals: ["ADDRESS"],
    run: (ctx, _v, [a]) => ctx.reader().getPatient({ address: address(a ?? "", "ADDRESS") }),
    print: (r: Record<string, unknown>) => fields(r),
  },
  {
    words: "medicine register",
    summary: "Manufacturer: register packs of one lot (GTIN-14 with check digit, serials, expiry)",
    example: "suture medicine register --gtin 09506000134352 --lot L1 --expiry +180d --serial S1 --serial S2",
    options: { gtin: str, lot: str, expiry: str, serial: strs },
    async run(ctx, v) {
      return (await ctx.signer()).registerMedicine({
        gtin: required(v, "gtin"),
        lot: required(v, "lot"),
        expiry: time(required(v, "expiry"), "expiry"),
        serials: list(v, "serial"),
      });
    },
    print: receipt,
  },
  {
    words: "medicine recall",
    summary: "Manufacturer: recall a whole lot, irreversibly (its packs can no longer be planned or used)",
    example: "suture medicine recall --gtin 09506000134352 --lot L1",
    options: { gtin: str, lot: str },
    run: async (ctx, v) => (await ctx.signer()).recallLot({ gtin: required(v, "gtin"), lot: required(v, "lot") }),
    print: receipt,
  },
  {
    words: "medicine verify",
    summary: "Anyone: verify a pack (registered? lot, expiry, ACTIVE/RESERVED/DISPENSED/RECALLED)",
    example: "suture medicine verify 09506000134352 S1",
    positionals: ["GTIN", "SERIAL"],
    async run(ctx, _v, [gtin, serial]) {
      if (!gtin || !serial) throw new SutureClientError("INVALID_ARGUMENT", "usage: suture medicine verify GTIN SERIAL");
      return ctx.reader().getMedicine({ gtin, serial });
    },
    print: (r: MedicineView) =>
      fields({
        pack: `${r.gtin}/${r.serial}`,
        lot: r.lot,
        manufacturer: r.manufacturer,
        status: r.status,
        expired: r.expired,
        expiry: new Date(Number(r.expiry) * 1000).toISOString(),
      }),
  },
  {
    words: "policy publish",
    summary: "Insurer: publish a coded policy; its cap is locked from your balance as the payout reserve",
    example: "suture policy publish --procedure rhinoplasty --term infection:1:30 --premium 0.1 --cap 5",
    options: { procedure: strs, term: strs, premium: str, cap: str },
    async run(ctx, v) {
      const terms = list(v, "term").map((t) => {
        const [complication, payout, windowDays] = t.split(":");
        if (!complication || !payout || !windowDays)
          throw new SutureClientError("INVALID_ARGUMENT", `--term must be complication:payoutEth:windowDays (got ${t})`);
        return { complication, payout: amount(payout, "term"), windowDays: int(windowDays, "term") };
      });
      return (await ctx.signer()).publishPolicy({
        procedures: list(v, "procedure"),
        terms,
        premium: amount(required(v, "premium"), "premium"),
        cap: amount(required(v, "cap"), "cap"),
      });
    },
    print: receipt,
  },
  {
    words: "policy release",
    summary:
      "Insurer: close your policy to new plans and take back its reserve once no case can claim on it (until then it only closes; run it again after the last claim window)",
    example: "suture policy release --policy 3",
    options: { policy: str },
    run: async (ctx, v) => (await ctx.signer()).releaseReserve({ policyId: id(required(v, "policy"), "policy") }),
    print: receipt,
  },
  {
    words: "policy list",
    summary: "Policies with their terms and remaining reserves, a page at a time",
    example: "suture policy list [--limit 50 --after 120]",
    options: pageOptions,
    run: (ctx, v) => ctx.reader().getPolicies(page(v)),
    print: (r: PolicyListView) =>
      table(
        r.policies.map((p) => ({
          id: p.id,
          insurer: p.insurer,
          procedures: p.procedures.join(","),
          terms: p.terms.map((t) => `${t.complication}:${eth(t.payout)}/${t.windowDays}d`).join(" "),
          premium: eth(p.premium),
          reserve: eth(p.reserve),
          open: p.closed ? "closed" : "open",
        })),
      ) + nextPage(r.next),
  },
];
