// AdmitParticipant, signed by regulator: admit (or remove) a manufacturer (role 1, medicine regulator) or an insurer (role 2, insurance regulator).
import { defineTransaction, type TransactionParameters, type TransactionReceipt } from "./defineTransaction";

export type AdmitParticipantParameters = TransactionParameters<"AdmitParticipant">;
export type AdmitParticipantReturnType = TransactionReceipt & {};
export const admitParticipant = defineTransaction<"AdmitParticipant", {}>("AdmitParticipant");
