/** What the proxy can do to a request instead of (or before) forwarding it. */
export type FaultKind = 'throttle' | 'serverError' | 'connectionReset' | 'delay';

export const faultKinds: readonly FaultKind[] = ['throttle', 'serverError', 'connectionReset', 'delay'];

/** How the error answers look: EC2's XML (`aws`) or a Kubernetes `Status` (`kube`). */
export type FaultFlavor = 'aws' | 'kube';

/** A request as the proxy sees it when deciding whether it may be faulted. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  /** `RunInstances` for EC2 (the form body's `Action`), `DELETE /api/v1/namespaces/x/pods/y` for kube. */
  readonly operation: string;
}

export interface FaultProxyOptions {
  /** Where requests go: moto's `http://127.0.0.1:…` or the API server's `https://127.0.0.1:…`. */
  target: string;
  /** PEM of the CA that signed the target's certificate (the sandbox's throwaway CA). Default: Node's CAs. */
  ca?: string | undefined;
  /** Share of requests that get a fault, 0..1. */
  failureRate: number;
  /**
   * Relative weights of the fault kinds among faulted requests. Default: all four equally. A kind left
   * out (or weighted 0) never happens.
   */
  mix?: Partial<Record<FaultKind, number>> | undefined;
  flavor: FaultFlavor;
  /**
   * Seed of the random source deciding which request gets which fault. Default: env
   * `CHAOSGARDEN_FAULT_SEED`, else a random one. The seed is logged so a failing run can be repeated
   * (concurrent requests may still arrive in another order).
   */
  seed?: number | undefined;
  /** Requests for which this returns true are always forwarded untouched (e.g. watch streams). */
  spare?: ((request: ProxiedRequest) => boolean) | undefined;
  /**
   * Requests for which this returns true (asked when each arrives, so it can change during a test)
   * are held open and never answered, as by a cloud that hangs: until the client gives up or the
   * proxy closes. Checked before `spare` and the random faults. Default: none held.
   */
  hold?: ((request: ProxiedRequest) => boolean) | undefined;
  /** How long a `delay` fault holds a request before forwarding it, in ms. Default `[200, 1500]`. */
  delayMs?: readonly [number, number] | undefined;
  /** `Retry-After` sent with a kube 429, in seconds. Default 1. */
  retryAfterSeconds?: number | undefined;
  /** Receives the line naming the seed. Default: written to stderr. */
  log?: ((line: string) => void) | undefined;
}

/** Requests and faults for one operation, or for all. */
export interface FaultCounts {
  requests: number;
  /** Requests held open by `hold` (never answered). */
  held: number;
  /** Faults by kind (a `delay` is counted here although the request then went through). */
  faults: Record<FaultKind, number>;
}

export interface FaultProxyStats extends FaultCounts {
  seed: number;
  /** Keyed by operation (see `ProxiedRequest.operation`). */
  byOperation: Record<string, FaultCounts>;
}

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the target. */
  readonly url: string;
  readonly seed: number;
  stats(): FaultProxyStats;
  /** Stops listening and drops every connection (open watches included). */
  close(): Promise<void>;
}
