// RegisterDoctor, signed by any account: register or update a doctor profile (specialties, location, accepted insurers).
import { defineTransaction, type TransactionParameters, type TransactionReceipt, ZERO_HASH } from "./defineTransaction";

export type RegisterDoctorParameters = TransactionParameters<"RegisterDoctor", "acceptedInsurers" | "profileHash">;
export type RegisterDoctorReturnType = TransactionReceipt & {};
export const registerDoctor = defineTransaction<"RegisterDoctor", {}, "acceptedInsurers" | "profileHash">("RegisterDoctor", {
  acceptedInsurers: [],
  profileHash: ZERO_HASH,
});
