// AttestLicense, signed by licensing board: attest, suspend or revoke a doctor's license (status 1 ACTIVE, 2 SUSPENDED, 3 REVOKED).
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type AttestLicenseParameters = TransactionParameters<"AttestLicense", "npi" | "status">;
export type AttestLicenseReturnType = TransactionReceipt & {};
export const attestLicense = defineTransaction<"AttestLicense", {}, "npi" | "status">("AttestLicense", { npi: "", status: 1 });
