import type { LifetimeScheduler } from '@chaosgarden/core';
import { type KubeObject, objectKey } from '../informers/watch-events';
import type { PodAndNodeCaches } from './pod-and-node-caches';
import { matchPod, type PodMatch, type PodSelection } from './pod-selection';

/** How often every cached pod is evaluated again (the Python tool's loop period). */
export const fullPassMs = 1000;

/**
 * Which cached pods currently match, kept up to date cheaply: a changed pod is evaluated right after its
 * watch event, all pods once a second (and after a relist or a node change).
 */
export class PodTargets {
  /** Matching pods by uid. */
  readonly matching = new Map<string, PodMatch>();
  /** Uids whose deletion the API server accepted (they may still be terminating). */
  readonly requested = new Set<string>();
  readonly #caches: PodAndNodeCaches;
  readonly #selection: PodSelection;
  readonly #scheduler: LifetimeScheduler;
  readonly #uidByKey = new Map<string, string>();
  /** `namespace/name` of the pod this process runs in: never a target (deleting it ends the run). */
  readonly #spared: { key: string; onSpared: (key: string) => void } | undefined;
  #warnedAboutSelf = false;
  readonly #dirty = new Set<string>();
  #fullPassDue = true;
  #lastFullPass = 0;

  constructor(
    caches: PodAndNodeCaches,
    selection: PodSelection,
    scheduler: LifetimeScheduler,
    spared?: { key: string; onSpared: (key: string) => void },
  ) {
    this.#caches = caches;
    this.#selection = selection;
    this.#scheduler = scheduler;
    this.#spared = spared;
  }

  get lastFullPass(): number {
    return this.#lastFullPass;
  }

  /** A pod changed (or disappeared). */
  markChanged(pod: KubeObject): void {
    this.#dirty.add(objectKey(pod));
  }

  /** Nodes changed or pods were listed again: evaluate everything on the next refresh. */
  requestFullPass(): void {
    this.#fullPassDue = true;
  }

  /** Brings `matching` up to date. */
  refresh(now: number): void {
    if (this.#fullPassDue || now - this.#lastFullPass >= fullPassMs) this.#evaluateAll(now);
    else this.#evaluateChanged();
    this.#dirty.clear();
  }

  /** Matching pods whose deletion has not been accepted yet. */
  pendingCount(): number {
    let count = 0;
    for (const uid of this.matching.keys()) if (!this.requested.has(uid)) count++;
    return count;
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
    for (const uid of this.requested) {
      if (!live.has(uid)) this.requested.delete(uid);
    }
    this.#scheduler.prune(live);
  }

  #evaluateChanged(): void {
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
    let match = matchPod(pod, (name) => this.#caches.nodeLabels(name), this.#selection);
    if (match !== undefined && key === this.#spared?.key) {
      if (!this.#warnedAboutSelf) this.#spared.onSpared(key);
      this.#warnedAboutSelf = true;
      match = undefined;
    }
    if (match === undefined) this.matching.delete(uid);
    else this.matching.set(uid, match);
    return uid;
  }

  #forget(key: string, uid: string): void {
    this.#uidByKey.delete(key);
    this.matching.delete(uid);
    this.requested.delete(uid);
    this.#scheduler.forget(uid);
  }
}
