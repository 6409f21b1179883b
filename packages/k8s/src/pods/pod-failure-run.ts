import {
  assertWithinMaxTargets,
  createLifetimeScheduler,
  type LifetimeScheduler,
  type Logger,
  type Terminator,
} from '@chaosgarden/core';
import type { KubeClient } from '../cluster/kube-client';
import type { CacheEvent } from '../informers/resource-cache';
import { createWakeup } from '../informers/wakeup';
import type { KubeObject } from '../informers/watch-events';
import { describeError, statusCodeOf } from '../k8s-errors';
import { deletePod } from './delete-pod';
import { createPodAndNodeCaches, type PodAndNodeCaches } from './pod-and-node-caches';
import type { DeletedPod, PodFailure, PodFailureSettings } from './pod-failure-options';
import { matchPod, type PodMatch } from './pod-selection';
import { formatPythonDatetime } from './python-datetime';

export interface PodFailureRunContext {
  client: KubeClient;
  settings: PodFailureSettings;
  logger: Logger;
  terminator: Terminator;
}

/** Python tool: after a failed deletion, the pod is tried again this much later. */
const failureBackOffSeconds = 5;
/** Python tool: one pass per second; here a full pass at least once a second, plus one per change. */
const fullPassMs = 1000;
const maximumConcurrentDeletions = 32;

/**
 * The pod failure loop over watched pods and nodes: a pod change is handled within milliseconds, a
 * full pass over all cached pods runs every second, and no request is sent per pass.
 */
export class PodFailureRun {
  readonly deleted: DeletedPod[] = [];
  readonly failures: PodFailure[] = [];
  readonly #context: PodFailureRunContext;
  readonly #scheduler: LifetimeScheduler;
  readonly #caches: PodAndNodeCaches;
  readonly #wakeup = createWakeup();
  readonly #matching = new Map<string, PodMatch>();
  readonly #uidByKey = new Map<string, string>();
  readonly #requested = new Set<string>();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #dirty = new Set<string>();
  #fullPassDue = true;
  #lastFullPass = 0;
  #nextDueMs = Number.POSITIVE_INFINITY;

  constructor(context: PodFailureRunContext) {
    this.#context = context;
    const { minRuntime, maxRuntime } = context.settings;
    this.#scheduler = createLifetimeScheduler({ minRuntime, maxRuntime });
    this.#caches = createPodAndNodeCaches({
      client: context.client,
      selection: context.settings.selection,
      onPodEvent: (event) => this.#onPodEvent(event),
      onNodeEvent: () => this.#requestFullPass(),
      onError: (resource, error, retryInMs) => this.#onCacheError(resource, error, retryInMs),
      onRecovered: (resource) => {
        context.logger.info(`Watching ${resource} in ${context.client.host} again.`);
        this.#requestFullPass();
      },
    });
  }

  /** Runs until the terminator ends it; waits for deletions already sent. */
  async run(): Promise<void> {
    const { terminator, settings } = this.#context;
    this.#caches.start();
    try {
      if (!(await this.#initialSync())) return;
      while (!terminator.isTerminated()) {
        let waiting = this.#pass();
        // One pass deletes every due pod, also those above the concurrency limit.
        while (settings.duration === 0 && (this.#inFlight.size > 0 || waiting > 0)) {
          await Promise.allSettled(this.#inFlight.values());
          waiting = waiting > 0 ? this.#act(Date.now()) : 0;
        }
        if (settings.duration !== 0) await this.#wakeup.wait(this.#sleepMs(), terminator.signal);
      }
    } finally {
      await Promise.allSettled(this.#inFlight.values());
      await this.#caches.stop();
    }
  }

  async #initialSync(): Promise<boolean> {
    const { terminator, settings } = this.#context;
    // Python: one failed pass (duration 0) or failed passes until the time is up.
    const limitMs =
      settings.duration > 0 ? settings.duration * 1000 + 5 : settings.duration === 0 ? 60_000 : 0;
    const signals = limitMs > 0 ? [terminator.signal, AbortSignal.timeout(limitMs)] : [terminator.signal];
    try {
      await this.#caches.synced(AbortSignal.any(signals));
      return true;
    } catch (error) {
      if (!signals.some((signal) => signal.aborted)) throw error;
      this.#context.logger.error(
        `Pod termination failed: pods and nodes in ${this.#context.client.host} could not be listed.`,
      );
      while (!terminator.isTerminated()) await terminator.sleep(10);
      return false;
    }
  }

  /** Returns how many due pods wait for a free deletion slot. */
  #pass(): number {
    const now = Date.now();
    if (this.#fullPassDue || now - this.#lastFullPass >= fullPassMs) this.#evaluateAll(now);
    else this.#evaluateDirty();
    this.#dirty.clear();
    if (this.#context.settings.maxTargets !== undefined) {
      const found = [...this.#matching.keys()].filter((uid) => !this.#requested.has(uid)).length;
      assertWithinMaxTargets({ found, maxTargets: this.#context.settings.maxTargets, kind: 'pods' });
    }
    return this.#act(now);
  }

  #evaluateAll(now: number): void {
    this.#fullPassDue = false;
    this.#lastFullPass = now;
    const live = new Set<string>();
    for (const [key, pod] of this.#caches.pods.objects) {
      const uid = this.#evaluate(key, pod);
      if (uid !== undefined) live.add(uid);
    }
    for (const [key, uid] of this.#uidByKey) {
      if (!live.has(uid)) this.#forget(key, uid);
    }
    for (const uid of this.#requested) {
      if (!live.has(uid)) this.#requested.delete(uid);
    }
    this.#scheduler.prune(live);
  }

  #evaluateDirty(): void {
    for (const key of this.#dirty) {
      const pod = this.#caches.pods.objects.get(key);
      const uid = this.#uidByKey.get(key);
      if (pod !== undefined) this.#evaluate(key, pod);
      else if (uid !== undefined) this.#forget(key, uid);
    }
  }

  #evaluate(key: string, pod: KubeObject): string | undefined {
    const uid = pod.metadata?.uid;
    if (uid === undefined) return undefined;
    const previous = this.#uidByKey.get(key);
    if (previous !== undefined && previous !== uid) this.#forget(key, previous);
    this.#uidByKey.set(key, uid);
    const match = matchPod(pod, (name) => this.#caches.nodeLabels(name), this.#context.settings.selection);
    if (match === undefined) this.#matching.delete(uid);
    else this.#matching.set(uid, match);
    return uid;
  }

  #forget(key: string, uid: string): void {
    this.#uidByKey.delete(key);
    this.#matching.delete(uid);
    this.#requested.delete(uid);
    this.#scheduler.forget(uid);
  }

  /** Schedules new targets and deletes due ones; returns how many due ones wait for a free slot. */
  #act(now: number): number {
    let waiting = 0;
    this.#nextDueMs = Number.POSITIVE_INFINITY;
    for (const [uid, match] of this.#matching) {
      if (this.#requested.has(uid) || this.#inFlight.has(uid)) continue;
      const created = Date.parse(String(match.pod.metadata?.creationTimestamp));
      const { isNew, dueMs } = this.#scheduler.scheduleIfUnknown(uid, Number.isNaN(created) ? now : created);
      if (isNew) {
        this.#context.logger.info(
          `Scheduling pod termination: ${this.#podName(match)} at ${formatPythonDatetime(dueMs)}`,
        );
      }
      const due = this.#scheduler.isDue(uid, now);
      if (due && this.#inFlight.size < maximumConcurrentDeletions) {
        this.#delete(uid, match, this.#scheduler.dueTime(uid) ?? dueMs);
      } else {
        waiting += due ? 1 : 0;
        this.#nextDueMs = Math.min(this.#nextDueMs, this.#scheduler.dueTime(uid) ?? dueMs);
      }
    }
    return waiting;
  }

  #delete(uid: string, match: PodMatch, dueMs: number): void {
    const { client, logger, settings } = this.#context;
    const namespace = String(match.pod.metadata?.namespace ?? '');
    const name = String(match.pod.metadata?.name ?? '');
    const task = deletePod({ client, namespace, name, uid, gracePeriod: settings.gracePeriod })
      .then(
        (outcome) => {
          this.#requested.add(uid);
          this.#scheduler.forget(uid);
          if (outcome === 'gone') return;
          const at = new Date().toISOString();
          this.deleted.push({
            namespace,
            name,
            uid,
            node: match.nodeName,
            zone: match.zone,
            dueAt: new Date(dueMs).toISOString(),
            at,
          });
          logger.info(`Pod terminated: ${this.#podName(match)} (grace period ${settings.gracePeriod}s).`);
        },
        (error: unknown) => {
          logger.error(`Pod termination failed for ${this.#podName(match)}: ${describeError(error)}`);
          this.#scheduler.backOff(uid, Date.now(), failureBackOffSeconds);
          this.#recordFailure(`delete pod ${namespace}/${name}`, error, { namespace, name });
        },
      )
      .finally(() => {
        this.#inFlight.delete(uid);
        this.#wakeup.notify();
      });
    this.#inFlight.set(uid, task);
  }

  #onPodEvent(event: CacheEvent<KubeObject>): void {
    if (event.type === 'relisted') this.#fullPassDue = true;
    else this.#dirty.add(`${event.object.metadata?.namespace ?? ''}/${event.object.metadata?.name ?? ''}`);
    this.#wakeup.notify();
  }

  #requestFullPass(): void {
    this.#fullPassDue = true;
    this.#wakeup.notify();
  }

  #onCacheError(resource: string, error: unknown, retryInMs: number): void {
    this.#context.logger.error(
      `Pod termination failed: ${describeError(error)} (watching ${resource} again in ${(retryInMs / 1000).toFixed(1)}s).`,
    );
    this.#recordFailure(`watch ${resource}`, error, {});
  }

  #recordFailure(operation: string, error: unknown, pod: { namespace?: string; name?: string }): void {
    const statusCode = statusCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    this.failures.push({
      operation,
      ...pod,
      ...(statusCode ? { statusCode } : {}),
      message,
      at: new Date().toISOString(),
    });
  }

  #sleepMs(): number {
    const now = Date.now();
    const untilFullPass = this.#lastFullPass + fullPassMs - now;
    // "Due" means strictly after the due time.
    const untilDue = this.#nextDueMs + 1 - now;
    return Math.max(0, Math.min(untilFullPass, untilDue));
  }

  #podName(match: PodMatch): string {
    return `${this.#context.client.host}:${match.pod.metadata?.namespace}/${match.pod.metadata?.name}`;
  }
}
