export { encodeHostIdentity, hostIdentity, isThisHost } from './host-identity';
export type { LocalLock, LocalLockOptions, LockHolder } from './local-lock';
export { acquireLocalLock, describeHolder } from './local-lock';
export { isProcessAlive } from './process-alive';
