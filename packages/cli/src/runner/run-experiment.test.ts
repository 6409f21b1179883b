// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is experiment-file text here, not a template.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ran, run, scratch, touch } from './run-experiment-test-support';

describe('runExperiment', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const status = request.url?.startsWith('/down') ? 503 : 200;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ path: request.url, method: request.method }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('substitutes configuration into process arguments and records status and output in the journal', async () => {
    const { journal } = await run({
      title: 't',
      configuration: { name: 'made-by-var', greeting: 'hello' },
      method: [
        {
          type: 'action',
          name: 'echo',
          provider: { type: 'process', path: 'echo', arguments: ['${greeting}', 'x-${name}', '${unknown}'] },
        },
      ],
    });
    expect(journal.run[0]?.output).toEqual({
      status: 0,
      stdout: 'hello x-made-by-var ${unknown}\n',
      stderr: '',
    });
    expect(journal.run[0]?.status).toBe('succeeded');
  });

  it('keeps resolved secrets out of the journal: the experiment copy and outputs that echo them', async () => {
    const { journal } = await run({
      title: 't',
      secrets: { cloud: { token: 'hunter2-secret' } },
      method: [
        {
          type: 'action',
          name: 'echo',
          provider: { type: 'process', path: 'echo', arguments: ['t=${token}'] },
        },
      ],
    });
    expect(journal.run[0]?.output).toEqual({ status: 0, stdout: 't=***\n', stderr: '' });
    expect(JSON.stringify(journal)).not.toContain('hunter2-secret');
  });

  it('fails an action whose process exits non-zero and goes on with the method', async () => {
    const dir = scratch();
    const { journal } = await run({
      title: 't',
      method: [
        { type: 'action', name: 'false', provider: { type: 'process', path: 'false' } },
        touch(dir, 'after'),
      ],
    });
    expect(journal.run.map((entry) => entry.status)).toEqual(['failed', 'succeeded']);
    expect(journal.run[0]?.exception).toEqual(['process provider returned status 1']);
    expect(ran(dir, 'after')).toBe(true);
  });

  it('runs http probes: tolerance on the status, a 503 deviates the hypothesis', async () => {
    const probe = (path: string) => ({
      type: 'probe',
      name: `get${path}`,
      tolerance: 200,
      provider: { type: 'http', url: `${url}${path}` },
    });
    const { journal } = await run({
      title: 't',
      'steady-state-hypothesis': { title: 'up', probes: [probe('/up')] },
      method: [
        {
          type: 'action',
          name: 'post',
          provider: { type: 'http', url: `${url}/post`, method: 'POST', arguments: { a: 1 } },
        },
      ],
    });
    expect(journal.steady_states.before?.steady_state_met).toBe(true);
    expect(journal.run[0]?.output).toMatchObject({ status: 200, body: { path: '/post', method: 'POST' } });
    const down = await run({
      title: 't',
      'steady-state-hypothesis': { title: 'up', probes: [probe('/down')] },
      method: [probe('/up')],
    });
    expect(down.journal.status).toBe('failed');
    expect(down.journal.run).toEqual([]);
  });

  it('starts background activities at once and waits for them at the end of the method', async () => {
    const dir = scratch();
    const started = Date.now();
    const { journal } = await run({
      title: 't',
      method: [
        {
          type: 'action',
          name: 'slow',
          background: true,
          provider: { type: 'process', path: 'sleep', arguments: ['1'] },
        },
        { type: 'action', name: 'also-slow', provider: { type: 'process', path: 'sleep', arguments: '1' } },
        touch(dir, 'done', { pauses: { before: 0.2 } }),
      ],
    });
    expect(journal.run.map((entry) => entry.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(Date.now() - started).toBeLessThan(1900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
  });

  it('dry run: changes nothing, records the resolved provider of each skipped action', async () => {
    const dir = scratch();
    const { journal } = await run(
      {
        title: 't',
        configuration: { file: `${dir}/x` },
        method: [
          {
            type: 'action',
            name: 'touch',
            provider: { type: 'process', path: 'touch', arguments: ['${file}'] },
          },
        ],
      },
      { dryRun: true },
    );
    expect(ran(dir, 'x')).toBe(false);
    expect(journal.run[0]?.status).toBe('skipped');
    expect(journal.run[0]?.output).toEqual({
      dryRun: true,
      provider: { type: 'process', path: 'touch', arguments: [`${dir}/x`] },
    });
  });
});
