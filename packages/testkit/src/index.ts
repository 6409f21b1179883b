export { type EnsureChromiumOptions, ensureChromium } from './browser/ensure-chromium';
export * from './conformance/index';
export * from './fault-proxy/index';
export type { SandboxConnection } from './sandbox/connection';
export {
  ec2ClientOptions,
  kubeAccess,
  readSandboxConnection,
  resetMoto,
  sandboxEnvironment,
} from './sandbox/connection';
export type { KubeAccess, KubeResponse } from './sandbox/kube-api';
export { kubeRequest } from './sandbox/kube-api';
export type { KwokNodeSpec } from './sandbox/kwok-nodes';
export { createKwokNodes, defaultKwokNodes } from './sandbox/kwok-nodes';
export { acquireSandboxLock } from './sandbox/sandbox-lock';
export type {
  SandboxStandIn,
  StandInBuild,
  StandInComponent,
  StandInContext,
  StandInStarted,
  TimedStep,
} from './sandbox/stand-in';
