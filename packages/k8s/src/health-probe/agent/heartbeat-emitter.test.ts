import { describe, expect, it } from 'vitest';
import type { AgentApi, ApiAnswer } from './agent-api';
import { AgentState } from './agent-state';
import { HeartbeatEmitter, heartbeatObject } from './heartbeat-emitter';

describe('heartbeatObject', () => {
  it('names the heartbeat <probe>-probe-<zone>-<unix seconds> and replaces newlines in the payload', () => {
    expect(
      heartbeatObject('dns-external', 'zone-a', false, 'line 1\nline 2', 'Heartbeat', 1_800_000_000_999),
    ).toEqual({
      apiVersion: 'chaos.gardener.cloud/v1',
      kind: 'Heartbeat',
      metadata: { name: 'dns-external-probe-zone-a-1800000000' },
      ready: false,
      payload: 'line 1⏎line 2',
    });
    expect(
      heartbeatObject('web-hook', 'regional', false, undefined, 'AcknowledgedHeartbeat', 0),
    ).not.toHaveProperty('payload');
  });
});

describe('HeartbeatEmitter', () => {
  it('re-queues a heartbeat whose creation failed and delivers it later with its original name; drops conflicts', async () => {
    const calls: string[] = [];
    const answers: (ApiAnswer | Error)[] = [
      new Error('connect ECONNREFUSED'),
      { status: 409, body: {}, text: '' },
      { status: 201, body: {}, text: '' },
    ];
    const api = {
      call: async (_method: string, _path: string, body?: unknown) => {
        calls.push((body as { metadata: { name: string } }).metadata.name);
        const answer = answers.shift() ?? { status: 201, body: {}, text: '' };
        if (answer instanceof Error) throw answer;
        return answer;
      },
    } as AgentApi;
    const state = new AgentState();
    const emitter = new HeartbeatEmitter(api, state);
    emitter.enqueue(heartbeatObject('api-external', 'a', true, undefined, 'Heartbeat', 1_000_000));
    emitter.enqueue(heartbeatObject('api-internal', 'a', true, undefined, 'Heartbeat', 1_000_000));
    const running = emitter.run();
    state.terminate();
    await running;
    // first try of api-external fails, api-internal gets 409 (dropped), api-external is delivered on retry
    expect(calls).toEqual([
      'api-external-probe-a-1000',
      'api-internal-probe-a-1000',
      'api-external-probe-a-1000',
    ]);
    expect(emitter.pending).toBe(0);
  });

  it('gives up on undelivered heartbeats after the drain time once terminating', async () => {
    const api = { call: async () => Promise.reject(new Error('down')) } as unknown as AgentApi;
    const state = new AgentState();
    const emitter = new HeartbeatEmitter(api, state);
    emitter.enqueue(heartbeatObject('api-external', 'a', true));
    const running = emitter.run(500);
    state.terminate();
    await running;
    expect(emitter.pending).toBe(1);
  });
});
