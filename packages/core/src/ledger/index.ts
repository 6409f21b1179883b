export type { LedgerEntry, LedgerEntryInput, RollbackLedger } from './rollback-ledger';
