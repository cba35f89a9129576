// Sequencer mode: admission, block production and the order of the steps (sealing and posting
// live in ../batcher).
export { Sequencer, type SequencerOptions, type SubmitResult } from "./Sequencer";
export { admitTransaction, type AdmitTransactionParameters, type AdmitTransactionReturnType } from "./admitTransaction";
export { produceBlock, type ProduceBlockParameters, type SequencerCensor, type SequencerFault } from "./produceBlock";
