import {
  assertWithinMaxTargets,
  createLifetimeScheduler,
  describeError,
  formatPythonDatetime,
  type LifetimeScheduler,
  type Logger,
  type Terminator,
} from '@chaosgarden/core';
import type { KubeClient } from '../cluster/kube-client';
import { createWakeup } from '../informers/wakeup';
import { statusCodeOf } from '../k8s-errors';
import { deletePod } from './delete-pod';
import { createPodAndNodeCaches, type PodAndNodeCaches } from './pod-and-node-caches';
import type { DeletedPod, PodFailure, PodFailureSettings } from './pod-failure-options';
import type { PodMatch } from './pod-selection';
import { fullPassMs, PodTargets } from './pod-targets';
import { findSelfPod } from './self-pod';

export interface PodFailureRunContext {
  client: KubeClient;
  settings: PodFailureSettings;
  logger: Logger;
  terminator: Terminator;
}

/** Python tool: after a failed deletion, the pod is tried again this much later. */
const failureBackOffSeconds = 5;
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
  readonly #targets: PodTargets;
  readonly #wakeup = createWakeup();
  readonly #inFlight = new Map<string, Promise<void>>();
  #nextDueMs = Number.POSITIVE_INFINITY;

  constructor(context: PodFailureRunContext) {
    this.#context = context;
    const { minRuntime, maxRuntime } = context.settings;
    this.#scheduler = createLifetimeScheduler({ minRuntime, maxRuntime });
    this.#caches = createPodAndNodeCaches({
      client: context.client,
      selection: context.settings.selection,
      onPodEvent: (event) => {
        if (event.type === 'relisted') this.#targets.requestFullPass();
        else this.#targets.markChanged(event.object);
        this.#wakeup.notify();
      },
      onNodeEvent: () => this.#requestFullPass(),
      onError: (resource, error, retryInMs) => this.#onCacheError(resource, error, retryInMs),
      onRecovered: (resource) => {
        context.logger.info(`Watching ${resource} in ${context.client.host} again.`);
        this.#requestFullPass();
      },
    });
    const self = context.settings.allowSelfTarget ? undefined : findSelfPod();
    this.#targets = new PodTargets(
      this.#caches,
      context.settings.selection,
      this.#scheduler,
      self === undefined
        ? undefined
        : {
            key: self,
            onSpared: (key) => context.logger.warn(`Sparing pod ${key}: this process runs in it.`),
          },
    );
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
    this.#targets.refresh(now);
    const { maxTargets } = this.#context.settings;
    if (maxTargets !== undefined) {
      assertWithinMaxTargets({ found: this.#targets.pendingCount(), maxTargets, kind: 'pods' });
    }
    return this.#act(now);
  }

  /** Schedules new targets and deletes due ones; returns how many due ones wait for a free slot. */
  #act(now: number): number {
    let waiting = 0;
    this.#nextDueMs = Number.POSITIVE_INFINITY;
    for (const [uid, match] of this.#targets.matching) {
      if (this.#targets.requested.has(uid) || this.#inFlight.has(uid)) continue;
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
    const deleted = (outcome: 'deleted' | 'gone') => {
      this.#targets.requested.add(uid);
      this.#scheduler.forget(uid);
      if (outcome === 'gone') return;
      const { nodeName: node, zone } = match;
      const at = new Date().toISOString();
      this.deleted.push({ namespace, name, uid, node, zone, dueAt: new Date(dueMs).toISOString(), at });
      logger.info(`Pod terminated: ${this.#podName(match)} (grace period ${settings.gracePeriod}s).`);
    };
    const failed = (error: unknown) => {
      logger.error(`Pod termination failed for ${this.#podName(match)}: ${describeError(error)}`);
      this.#scheduler.backOff(uid, Date.now(), failureBackOffSeconds);
      this.#recordFailure(`delete pod ${namespace}/${name}`, error, { namespace, name });
    };
    const task = deletePod({ client, namespace, name, uid, gracePeriod: settings.gracePeriod })
      .then(deleted, failed)
      .finally(() => {
        this.#inFlight.delete(uid);
        this.#wakeup.notify();
      });
    this.#inFlight.set(uid, task);
  }

  #requestFullPass(): void {
    this.#targets.requestFullPass();
    this.#wakeup.notify();
  }

  #onCacheError(resource: string, error: unknown, retryInMs: number): void {
    const retry = (retryInMs / 1000).toFixed(1);
    this.#context.logger.error(
      `Pod termination failed: ${describeError(error)} (watching ${resource} again in ${retry}s).`,
    );
    this.#recordFailure(`watch ${resource}`, error, {});
  }

  #recordFailure(operation: string, error: unknown, pod: { namespace?: string; name?: string }): void {
    const statusCode = statusCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    const at = new Date().toISOString();
    this.failures.push({ operation, ...pod, ...(statusCode ? { statusCode } : {}), message, at });
  }

  #sleepMs(): number {
    const now = Date.now();
    const untilFullPass = this.#targets.lastFullPass + fullPassMs - now;
    // "Due" means strictly after the due time.
    const untilDue = this.#nextDueMs + 1 - now;
    return Math.max(0, Math.min(untilFullPass, untilDue));
  }

  #podName(match: PodMatch): string {
    return `${this.#context.client.host}:${match.pod.metadata?.namespace}/${match.pod.metadata?.name}`;
  }
}
