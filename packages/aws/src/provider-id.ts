/** This plugin's provider id: Gardener's `spec.provider.type`, and the `provider` of its ledger entries. */
export const providerId = 'aws';
