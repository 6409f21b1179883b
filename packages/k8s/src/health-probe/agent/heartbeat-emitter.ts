import { type AgentApi, expectStatus } from './agent-api';
import { agentLog, errorText } from './agent-log';
import type { AgentState } from './agent-state';

/** A heartbeat object as the Python tool wrote it. */
export interface HeartbeatObject {
  readonly apiVersion: 'chaos.gardener.cloud/v1';
  readonly kind: 'Heartbeat' | 'AcknowledgedHeartbeat';
  readonly metadata: { readonly name: string };
  readonly ready: boolean;
  readonly payload?: string;
}

/** `<probe>-probe-<zone>-<unix seconds now>` as a `Heartbeat`; newlines in the payload become `⏎`. */
export function heartbeatObject(
  probe: string,
  zone: string,
  ready: boolean,
  payload?: string,
  kind: HeartbeatObject['kind'] = 'Heartbeat',
  nowMs = Date.now(),
): HeartbeatObject {
  return {
    apiVersion: 'chaos.gardener.cloud/v1',
    kind,
    metadata: { name: `${probe}-probe-${zone}-${Math.floor(nowMs / 1000)}` },
    ready,
    ...(payload === undefined ? {} : { payload: payload.replace(/\r?\n/g, '⏎') }),
  };
}

/**
 * Delivers heartbeats in the background (spec §3 emitter): a failed create puts the heartbeat back at the
 * end of the queue and waits 1 s, so heartbeats keep their timestamp when delivered late; 409 drops it.
 * Runs until the agent terminates and the queue is empty.
 */
export class HeartbeatEmitter {
  readonly #queue: HeartbeatObject[] = [];
  #wake: (() => void) | undefined;

  constructor(
    private readonly api: AgentApi,
    private readonly state: AgentState,
  ) {}

  enqueue(heartbeat: HeartbeatObject): void {
    this.#queue.push(heartbeat);
    this.#wake?.();
  }

  get pending(): number {
    return this.#queue.length;
  }

  /** `drainMs`: how long to keep retrying once terminating (a pod has 60 s of grace). */
  async run(drainMs = 30_000): Promise<void> {
    let giveUpAt = Number.POSITIVE_INFINITY;
    this.state.onTerminate(() => {
      giveUpAt = Date.now() + drainMs;
    });
    while (!this.state.terminating || this.#queue.length > 0) {
      if (Date.now() > giveUpAt) {
        agentLog(`Dropping ${this.#queue.length} undelivered heartbeats on termination.`);
        return;
      }
      const heartbeat = this.#queue.shift();
      if (heartbeat === undefined) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = undefined;
        continue;
      }
      try {
        const answer = await this.api.call('POST', '/apis/chaos.gardener.cloud/v1/heartbeats', heartbeat);
        expectStatus(answer, `create heartbeat ${heartbeat.metadata.name}`, 201, 409);
      } catch (error) {
        agentLog(`Emitting ${heartbeat.metadata.name} failed: ${errorText(error)}`);
        this.#queue.push(heartbeat);
        await this.state.sleep(1000, true);
      }
    }
  }
}
