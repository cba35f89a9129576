// State reads: accounts, doctors (search, profile), patients, cases, medicine, policies, records,
// incidents. Every input is validated by schema; a miss is a 404 with the entity's own code
// (CASE_NOT_FOUND, DOCTOR_NOT_FOUND, ...); accounts and patients are never missing (zeros). Lists
// are cursor pages read from the state's secondary indexes (api/pages.ts), never a scan.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Address } from "viem";
import { SutureError } from "../../errors";
import {
  AccountJson,
  AddressParams,
  CaseJson,
  CaseList,
  CasesQuery,
  DoctorProfile,
  DoctorSearch,
  DoctorSearchQuery,
  IdParams,
  IncidentJson,
  LotJson,
  LotParams,
  MedicineJson,
  MedicineParams,
  PatientReliability,
  PoliciesQuery,
  PolicyJson,
  PolicyList,
  RecordJson,
  RecordList,
  RecordsQuery,
  withErrors,
} from "../../protocol/api";
import { doctorProfile, patientReliability, searchDoctors, type SearchDoctorsParameters } from "../../reputation";
import { found } from "../found";
import { filtersPage, rangePage, type IndexFilter } from "../pages";
import type { Case, SutureRecord } from "../../state";
import type { NodeServices } from "../services";
import { toJson } from "../json";

export const readRoutes: FastifyPluginAsyncTypebox<{ services: NodeServices }> = async (app, { services }) => {
  const st = () => services.chain.state;
  const lower = (a: string) => a.toLowerCase() as Address;

  app.get(
    "/v1/accounts/:address",
    {
      schema: {
        summary: "Balance, nonce, encryption key and roles (zeros for an untouched address)",
        params: AddressParams,
        response: withErrors(AccountJson),
      },
    },
    async (request) => {
      const a = lower(request.params.address);
      const account = st().get("account", a) ?? { balance: 0n, nonce: 0n, encryptionKey: null };
      const p = st().params;
      const participant = st().get("participant", a);
      const roles = [
        ...(st().get("doctor", a) ? ["doctor"] : []),
        ...(participant?.manufacturer ? ["manufacturer"] : []),
        ...(participant?.insurer ? ["insurer"] : []),
        ...(a === p.licensingBoard ? ["licensing board"] : []),
        ...(a === p.medicineRegulator ? ["medicine regulator"] : []),
        ...(a === p.insuranceRegulator ? ["insurance regulator"] : []),
      ];
      return toJson({ address: a, ...account, roles });
    },
  );

  app.get(
    "/v1/doctors",
    {
      schema: {
        summary: "Search doctors with the open ranking formula (returned with the results)",
        querystring: DoctorSearchQuery,
        response: withErrors(DoctorSearch),
      },
    },
    async (request) => toJson(searchDoctors(st(), request.query as SearchDoctorsParameters, services.now())),
  );

  app.get(
    "/v1/doctors/:address",
    { schema: { summary: "Doctor profile, license and reputation", params: AddressParams, response: withErrors(DoctorProfile) } },
    async (request) => {
      const a = lower(request.params.address);
      return toJson(found(doctorProfile(st(), a, services.now()), "doctor", a));
    },
  );

  app.get(
    "/v1/patients/:address",
    { schema: { summary: "Patient reliability record (zeros for an unknown address)", params: AddressParams, response: withErrors(PatientReliability) } },
    async (request) => toJson(patientReliability(st(), lower(request.params.address))),
  );

  app.get(
    "/v1/cases",
    { schema: { summary: "Cases of a patient or a doctor (or of both together), a page at a time", querystring: CasesQuery, response: withErrors(CaseList) } },
    async (request) => {
      const q = request.query;
      if (!q.patient && !q.doctor) throw new SutureError("INVALID_REQUEST", "give patient or doctor");
      const filters: IndexFilter<Case>[] = [];
      if (q.patient) filters.push({ index: st().casesByPatient, key: lower(q.patient), matches: (c) => c.patient === lower(q.patient!) });
      if (q.doctor) filters.push({ index: st().casesByDoctor, key: lower(q.doctor), matches: (c) => c.doctor === lower(q.doctor!) });
      const page = filtersPage(filters, q, (id) => st().get("case", id.toString()));
      return toJson({ cases: page.items, next: page.next });
    },
  );

  app.get(
    "/v1/cases/:id",
    { schema: { summary: "One case with its public lifecycle data", params: IdParams, response: withErrors(CaseJson) } },
    async (request) => toJson(found(st().get("case", request.params.id), "case", request.params.id)),
  );

  app.get(
    "/v1/medicines/:gtin/:serial",
    {
      schema: {
        summary: "Verify a medicine pack: registered, lot, expiry, status (RECALLED when its lot is)",
        params: MedicineParams,
        response: withErrors(MedicineJson),
      },
    },
    async (request) => {
      const { gtin, serial } = request.params;
      const pack = found(st().get("pack", `${gtin}/${serial}`), "medicine", `${gtin}/${serial}`);
      const lot = st().get("lot", `${gtin}/${pack.lot}`)!;
      const status = lot.recalled && pack.status !== "DISPENSED" ? "RECALLED" : pack.status;
      return toJson({ ...pack, status, recalled: lot.recalled, expired: pack.expiry <= BigInt(services.now()) });
    },
  );

  app.get("/v1/lots/:gtin/:lot", { schema: { summary: "A medicine lot", params: LotParams, response: withErrors(LotJson) } }, async (request) => {
    const { gtin, lot } = request.params;
    return toJson(found(st().get("lot", `${gtin}/${lot}`), "lot", `${gtin}/${lot}`));
  });

  app.get(
    "/v1/policies",
    { schema: { summary: "Insurance policies by id, a page at a time", querystring: PoliciesQuery, response: withErrors(PolicyList) } },
    async (request) => {
      // Policy ids are consecutive from 1 (a rejected PublishPolicy takes no id): a page is a run of ids.
      const last = st().get("meta", "")!.nextPolicyId - 1n;
      const page = rangePage(last, request.query, (id) => st().get("policy", id.toString()));
      return toJson({ policies: page.items, next: page.next });
    },
  );

  app.get("/v1/policies/:id", { schema: { summary: "One policy with its reserve", params: IdParams, response: withErrors(PolicyJson) } }, async (request) =>
    toJson(found(st().get("policy", request.params.id), "policy", request.params.id)),
  );

  app.get("/v1/incidents/:id", { schema: { summary: "One incident", params: IdParams, response: withErrors(IncidentJson) } }, async (request) =>
    toJson(found(st().get("incident", request.params.id), "incident", request.params.id)),
  );

  app.get(
    "/v1/records/:id",
    { schema: { summary: "A record's metadata and wrapped keys (never its content)", params: IdParams, response: withErrors(RecordJson) } },
    async (request) => toJson(found(st().get("record", request.params.id), "record", request.params.id)),
  );

  app.get(
    "/v1/records",
    {
      schema: {
        summary: "Records about a subject or readable by a reader (or both together), a page at a time",
        querystring: RecordsQuery,
        response: withErrors(RecordList),
      },
    },
    async (request) => {
      const q = request.query;
      if (!q.subject && !q.reader) throw new SutureError("INVALID_REQUEST", "give subject or reader");
      const filters: IndexFilter<SutureRecord>[] = [];
      if (q.subject) filters.push({ index: st().recordsBySubject, key: lower(q.subject), matches: (r) => r.subject === lower(q.subject!) });
      if (q.reader) filters.push({ index: st().recordsByReader, key: lower(q.reader), matches: (r) => r.readers.some((x) => x.reader === lower(q.reader!)) });
      const page = filtersPage(filters, q, (id) => st().get("record", id.toString()));
      return toJson({ records: page.items, next: page.next });
    },
  );
};
