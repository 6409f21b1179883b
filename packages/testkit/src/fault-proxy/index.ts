export type {
  FaultCounts,
  FaultFlavor,
  FaultKind,
  FaultProxy,
  FaultProxyOptions,
  FaultProxyStats,
  ProxiedRequest,
} from './fault-proxy-options';
export { faultKinds } from './fault-proxy-options';
export { seededRandom } from './seeded-random';
export { startFaultProxy } from './start-fault-proxy';
