import type { LedgerEntryInput } from '@chaosgarden/core';
import { ledgerName, probeObjects } from '../resources/probe-objects';

/**
 * The ledger entry written before the probe's resources are created. It names the cluster and every
 * fixed object (namespace first), and how to undo it; never credentials: reconcile finds the cluster
 * again through the kubeconfig the user passes.
 */
export function probeInstallIntent(cluster: string): LedgerEntryInput {
  const names = probeObjects.map(ledgerName);
  const namespace = names.filter((name) => name.startsWith('namespace/'));
  return {
    provider: 'k8s',
    zone: 'cluster',
    action: 'install-health-probe',
    resources: [cluster, ...namespace, ...names.filter((name) => !namespace.includes(name))],
    undo: { operation: 'removeProbeResources', cluster },
  };
}
