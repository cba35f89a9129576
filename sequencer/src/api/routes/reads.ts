// State reads: accounts, doctors (search, profile, reviews), patients, cases, medicine, policies,
// records, incidents. Every input is validated by schema; every miss is a 404 NOT_FOUND.
import type { FastifyInstance } from "fastify";
import type { Address } from "viem";
import { SutureError } from "../../errors";
import { doctorProfile, patientReliability, searchDoctors } from "../../reputation";
import type { NodeServices } from "../services";
import { toJson } from "../json";
import { address, anyObject, uintString, withErrors } from "../schemas";

const addrParam = { type: "object", properties: { address }, required: ["address"] } as const;
const idParam = { type: "object", properties: { id: uintString }, required: ["id"] } as const;

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new SutureError("NOT_FOUND", `no ${what}`);
  return value;
}

export async function readRoutes(app: FastifyInstance, { services }: { services: NodeServices }): Promise<void> {
  const st = () => services.chain.state;
  const lower = (a: string) => a.toLowerCase() as Address;
  const ok = withErrors(anyObject);

  app.get("/v1/accounts/:address", { schema: { summary: "Balance, nonce, encryption key and roles", params: addrParam, response: ok } }, async (request) => {
    const a = lower((request.params as { address: string }).address);
    const account = st().get("account", a) ?? { balance: 0n, nonce: 0n, encryptionKey: null };
    const p = st().params;
    const roles = [
      ...(st().get("doctor", a) ? ["doctor"] : []),
      ...(st().get("participant", a)?.manufacturer ? ["manufacturer"] : []),
      ...(st().get("participant", a)?.insurer ? ["insurer"] : []),
      ...(a === p.licensingBoard ? ["licensing board"] : []),
      ...(a === p.medicineRegulator ? ["medicine regulator"] : []),
      ...(a === p.insuranceRegulator ? ["insurance regulator"] : []),
    ];
    return toJson({ address: a, ...account, roles });
  });

  app.get(
    "/v1/doctors",
    {
      schema: {
        summary: "Search doctors with the open ranking formula (returned with the results)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            specialty: { type: "string", maxLength: 48 },
            lat: { type: "number", minimum: -90, maximum: 90 },
            lon: { type: "number", minimum: -180, maximum: 180 },
            maxKm: { type: "number", minimum: 0 },
            minRating: { type: "number", minimum: 0, maximum: 5 },
            license: { type: "string", enum: ["ACTIVE", "ANY"] },
            insurer: address,
            limit: { type: "integer", minimum: 1, maximum: 200 },
          },
        },
        response: { 200: anyObject },
      },
    },
    async (request) => toJson(searchDoctors(st(), request.query as never, services.now())),
  );

  app.get("/v1/doctors/:address", { schema: { summary: "Doctor profile, license and reputation", params: addrParam, response: ok } }, async (request) =>
    toJson(found(doctorProfile(st(), lower((request.params as { address: string }).address), services.now()), "doctor")),
  );

  app.get(
    "/v1/doctors/:address/reviews",
    { schema: { summary: "Verified anonymous reviews of a doctor, with replies", params: addrParam, response: ok } },
    async (request) => {
      const a = lower((request.params as { address: string }).address);
      const reviews = [...st().entries("review")].map(([, r]) => r).filter((r) => r.doctor === a);
      return toJson({ doctor: a, reviews });
    },
  );

  app.get("/v1/patients/:address", { schema: { summary: "Patient reliability record", params: addrParam, response: ok } }, async (request) =>
    toJson(patientReliability(st(), lower((request.params as { address: string }).address))),
  );

  app.get(
    "/v1/cases",
    {
      schema: {
        summary: "Cases of a patient or a doctor",
        querystring: { type: "object", additionalProperties: false, properties: { patient: address, doctor: address } },
        response: ok,
      },
    },
    async (request) => {
      const q = request.query as { patient?: string; doctor?: string };
      if (!q.patient && !q.doctor) throw new SutureError("INVALID_REQUEST", "give patient or doctor");
      const ids = q.patient ? (st().casesByPatient.get(lower(q.patient)) ?? []) : (st().casesByDoctor.get(lower(q.doctor!)) ?? []);
      return toJson({ cases: ids.map((id) => st().get("case", id.toString())).filter(Boolean) });
    },
  );

  app.get("/v1/cases/:id", { schema: { summary: "One case with its public lifecycle data", params: idParam, response: ok } }, async (request) =>
    toJson(found(st().get("case", (request.params as { id: string }).id), "case")),
  );

  app.get(
    "/v1/medicines/:gtin/:serial",
    {
      schema: {
        summary: "Verify a medicine pack: registered, lot, expiry, status (RECALLED when its lot is)",
        params: {
          type: "object",
          properties: { gtin: { type: "string", pattern: "^[0-9]{14}$" }, serial: { type: "string", maxLength: 20 } },
          required: ["gtin", "serial"],
        },
        response: ok,
      },
    },
    async (request) => {
      const { gtin, serial } = request.params as { gtin: string; serial: string };
      const pack = found(st().get("pack", `${gtin}/${serial}`), "medicine pack");
      const lot = st().get("lot", `${gtin}/${pack.lot}`)!;
      const now = services.now();
      const status = lot.recalled && pack.status !== "DISPENSED" ? "RECALLED" : pack.status;
      return toJson({ ...pack, status, recalled: lot.recalled, expired: pack.expiry <= BigInt(now) });
    },
  );

  app.get(
    "/v1/lots/:gtin/:lot",
    {
      schema: {
        summary: "A medicine lot",
        params: {
          type: "object",
          properties: { gtin: { type: "string", pattern: "^[0-9]{14}$" }, lot: { type: "string", maxLength: 20 } },
          required: ["gtin", "lot"],
        },
        response: ok,
      },
    },
    async (request) => {
      const { gtin, lot } = request.params as { gtin: string; lot: string };
      return toJson(found(st().get("lot", `${gtin}/${lot}`), "lot"));
    },
  );

  app.get("/v1/policies", { schema: { summary: "All insurance policies", response: ok } }, async () =>
    toJson({ policies: [...st().entries("policy")].map(([, p]) => p) }),
  );

  app.get("/v1/policies/:id", { schema: { summary: "One policy with its reserve", params: idParam, response: ok } }, async (request) =>
    toJson(found(st().get("policy", (request.params as { id: string }).id), "policy")),
  );

  app.get("/v1/incidents/:id", { schema: { summary: "One incident", params: idParam, response: ok } }, async (request) =>
    toJson(found(st().get("incident", (request.params as { id: string }).id), "incident")),
  );

  app.get(
    "/v1/records/:id",
    { schema: { summary: "A record's metadata and wrapped keys (never its content)", params: idParam, response: ok } },
    async (request) => toJson(found(st().get("record", (request.params as { id: string }).id), "record")),
  );

  app.get(
    "/v1/records",
    {
      schema: {
        summary: "Records about a subject or readable by a reader",
        querystring: { type: "object", additionalProperties: false, properties: { subject: address, reader: address } },
        response: ok,
      },
    },
    async (request) => {
      const q = request.query as { subject?: string; reader?: string };
      if (!q.subject && !q.reader) throw new SutureError("INVALID_REQUEST", "give subject or reader");
      const records = [...st().entries("record")]
        .map(([, r]) => r)
        .filter((r) => (!q.subject || r.subject === lower(q.subject)) && (!q.reader || r.readers.some((x) => x.reader === lower(q.reader!))));
      return toJson({ records });
    },
  );

  app.get("/v1/withdrawals/:id", { schema: { summary: "A withdrawal leaf", params: idParam, response: ok } }, async (request) =>
    toJson(found(st().get("withdrawal", (request.params as { id: string }).id), "withdrawal")),
  );
}
