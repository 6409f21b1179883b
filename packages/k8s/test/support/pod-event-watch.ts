import type { ClientRequest } from 'node:http';
import { request } from 'node:https';
import type { KubeAccess } from '@chaosgarden/testkit';

/** What a separate watch saw of one pod (epoch ms). */
export interface ObservedPod {
  namespace: string;
  name: string;
  uid: string;
  node: string | undefined;
  creationTimestamp: string;
  addedAt: number;
  /** First event with `deletionTimestamp` set, or the DELETED event. */
  deletionSeenAt?: number;
  deletionGracePeriodSeconds?: number;
}

interface PodEvent {
  type: string;
  object: {
    metadata: {
      namespace: string;
      name: string;
      uid: string;
      creationTimestamp: string;
      deletionTimestamp?: string;
      deletionGracePeriodSeconds?: number;
    };
    spec?: { nodeName?: string };
  };
}

/**
 * Watches the pods of a namespace on its own connection (node:https, independent of the code under test)
 * and records when each pod appeared and when its deletion became visible.
 */
export class PodEventWatch {
  readonly pods = new Map<string, ObservedPod>();
  #request: ClientRequest | undefined;

  constructor(
    private readonly access: KubeAccess,
    private readonly namespace: string,
  ) {}

  /** Resolves once the watch is established (initial ADDED events are recorded too). */
  start(): Promise<void> {
    const url = new URL(`/api/v1/namespaces/${this.namespace}/pods?watch=true`, this.access.server);
    return new Promise((resolve, reject) => {
      this.#request = request(
        url,
        { ca: this.access.caPem, headers: { authorization: `Bearer ${this.access.token}` } },
        (response) => {
          let buffered = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            buffered += chunk;
            let newline = buffered.indexOf('\n');
            while (newline >= 0) {
              this.#record(JSON.parse(buffered.slice(0, newline)) as PodEvent, Date.now());
              buffered = buffered.slice(newline + 1);
              newline = buffered.indexOf('\n');
            }
          });
          response.on('error', () => undefined);
          resolve();
        },
      );
      this.#request.on('error', reject);
      this.#request.end();
    });
  }

  stop(): void {
    this.#request?.destroy();
  }

  byName(name: string): ObservedPod | undefined {
    return [...this.pods.values()].find((pod) => pod.name === name);
  }

  deleted(): ObservedPod[] {
    return [...this.pods.values()].filter((pod) => pod.deletionSeenAt !== undefined);
  }

  #record(event: PodEvent, now: number): void {
    const { metadata } = event.object;
    let pod = this.pods.get(metadata.uid);
    if (pod === undefined) {
      pod = {
        namespace: metadata.namespace,
        name: metadata.name,
        uid: metadata.uid,
        node: event.object.spec?.nodeName,
        creationTimestamp: metadata.creationTimestamp,
        addedAt: now,
      };
      this.pods.set(metadata.uid, pod);
    }
    pod.node ??= event.object.spec?.nodeName;
    if (pod.deletionSeenAt === undefined && (event.type === 'DELETED' || metadata.deletionTimestamp)) {
      pod.deletionSeenAt = now;
      if (metadata.deletionGracePeriodSeconds !== undefined) {
        pod.deletionGracePeriodSeconds = metadata.deletionGracePeriodSeconds;
      }
    }
  }
}
