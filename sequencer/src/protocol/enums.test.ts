// The published enum tables (/v1/schema) against the fields that use them and the names the STF
// stores: a number means the same name on the wire, in the state and in the API's answers.
import { describe, expect, it } from "vitest";
import { CASE_STATUSES, LICENSE_STATUSES, PARTICIPANT_ROLES } from "../state";
import * as api from "./api";
import { FIELD_ENUMS, ROLE_REGULATORS, TX_ENUMS } from "./enums";
import { getSchema } from "./schema";
import { TX_TYPES } from "./txTypes";

describe("transaction enums", () => {
  it("Should name only uint8 fields that exist", () => {
    for (const [type, fields] of Object.entries(FIELD_ENUMS)) {
      for (const [field, name] of Object.entries(fields)) {
        expect(TX_TYPES[type as keyof typeof TX_TYPES].fields.find((f) => f.name === field)?.type, `${type}.${field}`).toBe("uint8");
        expect(TX_ENUMS).toHaveProperty(name);
      }
    }
  });

  it("Should map each number to the name the STF stores", () => {
    expect(Object.fromEntries(Object.entries(TX_ENUMS.ParticipantRole).map(([name, value]) => [value, name]))).toEqual(PARTICIPANT_ROLES);
    for (const [name, value] of Object.entries(TX_ENUMS.LicenseStatus)) expect(LICENSE_STATUSES[value - 1]).toBe(name);
    expect(Object.keys(TX_ENUMS.LicenseStatus)).toEqual([...LICENSE_STATUSES]);
  });

  it("Should give the API schemas the state's status names", () => {
    expect(api.LICENSE_STATUSES).toEqual(LICENSE_STATUSES);
    expect(api.CASE_STATUSES).toEqual(CASE_STATUSES);
  });

  it("Should publish the tables, which field uses which, and the signer of AdmitParticipant per role", () => {
    const schema = getSchema({ chainId: 1, verifyingContract: "0x0000000000000000000000000000000000000001" });
    expect(schema.enums).toEqual({ ParticipantRole: { manufacturer: 1, insurer: 2 }, LicenseStatus: { ACTIVE: 1, SUSPENDED: 2, REVOKED: 3 } });
    expect(schema.types.AdmitParticipant.enums).toEqual({ role: "ParticipantRole" });
    expect(schema.types.AttestLicense.enums).toEqual({ status: "LicenseStatus" });
    expect(schema.types.Transfer.enums).toEqual({});
    expect(schema.types.AdmitParticipant.signerByField).toEqual({
      field: "role",
      enum: "ParticipantRole",
      signers: { manufacturer: "medicine regulator", insurer: "insurance regulator" },
    });
    expect(schema.types.AdmitParticipant.signer).toBe("medicine regulator for role manufacturer (1); insurance regulator for role insurer (2)");
    expect(ROLE_REGULATORS).toEqual({ manufacturer: "medicine regulator", insurer: "insurance regulator" });
  });
});
