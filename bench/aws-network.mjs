// Times the AWS network partition and its roll-back, chaosgarden (TypeScript) against the Python
// chaosgarden, on the same moto and the same fixture: 3 VPCs with 6 subnets each in one zone.
// Partition = roll-back of left-overs + listing + blocking (what happens before the wait); roll-back =
// the final roll-back. Python is timed inside its process (no interpreter start-up or imports).
// Then the same again through a tracing proxy in front of moto, for both tools: the time from start until
// every subnet is on its blocking ACL (the last such move moto answered), the EC2 requests and the
// critical-path round trips per phase, and moto's own time per request (bench/aws-network/).
// Prints medians and ratios; asserts no timing. `npm test` never runs it.
//
// Usage: node bench/aws-network.mjs [--runs N] [--timeline]   (default 5 runs). Needs `npm run build` and moto plus the
// reference Python: a running sandbox (`npm run sandbox -- up`), or CHAOSGARDEN_TEST_AWS_ENDPOINT and
// CHAOSGARDEN_REFERENCE_PYTHON (region: CHAOSGARDEN_TEST_AWS_REGION, default eu-west-1).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  aclBySubnet,
  assertRestored,
  createFixture,
  deleteFixture,
  subnetsPerVpc,
  vpcCount,
} from './aws-network/fixture.mjs';
import { probeMoto } from './aws-network/moto-probe.mjs';
import { goalLine, summarizeTraced, timelineLines, tracedLines } from './aws-network/report.mjs';
import { timedLedger } from './aws-network/timed-ledger.mjs';
import {
  criticalPath,
  lastBlockingMove,
  median,
  medianDurations,
  phaseFigures,
  within,
} from './aws-network/trace.mjs';
import { startTracingProxyProcess } from './aws-network/tracing-proxy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = Math.max(1, runsFlag > 0 ? Number(process.argv[runsFlag + 1]) || 5 : 5);
// --timeline: also print every request of the last traced run of each tool, critical path marked.
const timeline = process.argv.includes('--timeline');
const total = vpcCount * subnetsPerVpc;
// A fresh cluster tag per run (see fixture.mjs).
const tagKey = `kubernetes.io/cluster/shoot--bench--${Date.now().toString(36)}`;
const filters = () => {
  const tag = () => [{ Name: 'tag-key', Values: [tagKey] }];
  return { instances: tag(), vpcs: tag(), subnets: tag() };
};

for (const built of [
  'packages/aws/dist/index.js',
  'packages/core/dist/index.js',
  'packages/testkit/dist/index.js',
]) {
  if (!existsSync(join(root, built))) {
    console.error(`bench aws-network: ${built} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}
const connection = await findMoto();
const requireFromAws = createRequire(join(root, 'packages/aws/package.json'));
const sdk = requireFromAws('@aws-sdk/client-ec2');
const aws = await import('@chaosgarden/aws');
const core = await import('@chaosgarden/core');
const client = (endpoint) =>
  new sdk.EC2Client({
    region: connection.region,
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
const ec2 = client(connection.endpoint);
const proxy = await startTracingProxyProcess(connection.endpoint);
const tracedEc2 = client(proxy.url);
const stateDir = mkdtempSync(join(tmpdir(), 'chaosgarden-bench-'));
const created = { vpcs: [], subnets: [] };
const fixture = { ec2, sdk, tagKey, created };
// process.hrtime (CLOCK_MONOTONIC, as the Python runner reports) minus performance.now(), in ms.
const hrtimeOffsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();
process.env.CHAOSGARDEN_STATE_DIR = stateDir;

try {
  const zone = `${connection.region}a`;
  await createFixture({ ...fixture, zone });
  const before = await aclBySubnet(fixture);
  const originalAcls = new Set(before.values());
  const isBlockingAcl = (aclId) => !originalAcls.has(aclId);
  console.log(
    `bench aws-network: ${vpcCount} VPCs x ${subnetsPerVpc} subnets in ${zone}, ${runs} run(s) each, moto at ${connection.endpoint}`,
  );
  const probe = await probeMoto({
    ec2: tracedEc2,
    sdk,
    proxy,
    vpcIds: created.vpcs,
    vpcFilter: filters().vpcs,
  });
  await assertRestored(fixture, before);
  const results = { file: [], memory: [], python: [] };
  const traced = { ours: [], python: [], pythonRequests: [], last: {} };
  for (let run = 0; run < runs; run += 1) {
    results.file.push(await timeOurs(zone, core.createFileLedger(), connection.endpoint));
    await assertRestored(fixture, before);
    results.memory.push(await timeOurs(zone, core.createMemoryLedger(), connection.endpoint));
    await assertRestored(fixture, before);
    results.python.push(await timePython(zone, connection.endpoint));
    await assertRestored(fixture, before);
    await proxy.take();
    const ledger = timedLedger(core.createFileLedger());
    const ours = await timeOurs(zone, ledger.ledger, proxy.url);
    traced.last.ours = { requests: await proxy.take(), times: ours };
    traced.ours.push(tracedRun('chaosgarden', traced.last.ours.requests, ours, isBlockingAcl, ledger.writes));
    await assertRestored(fixture, before);
    const python = await timePython(zone, proxy.url);
    const pythonRequests = await proxy.take();
    traced.python.push(tracedRun('the Python tool', pythonRequests, python, isBlockingAcl));
    traced.pythonRequests.push(...pythonRequests);
    traced.last.python = { requests: pythonRequests, times: python };
    await assertRestored(fixture, before);
  }
  const python = summary(results.python);
  const ratios = {};
  for (const [label, key] of [
    ['chaosgarden (file ledger, default)', 'file'],
    ['chaosgarden (memory ledger)', 'memory'],
  ]) {
    const ours = summary(results[key]);
    ratios[key] = { partition: python.partition / ours.partition, rollback: python.rollback / ours.rollback };
    console.log(
      `  ${label.padEnd(35)} partition ${ms(ours.partition)}, roll-back ${ms(ours.rollback)}; ` +
        `Python/ours: partition ${ratios[key].partition.toFixed(2)}x, roll-back ${ratios[key].rollback.toFixed(2)}x`,
    );
  }
  console.log(
    `  ${'Python chaosgarden 0.2.15'.padEnd(35)} partition ${ms(python.partition)}, roll-back ${ms(python.rollback)}`,
  );
  console.log(goalLine(ratios.file));
  for (const line of tracedLines({
    ours: summarizeTraced(traced.ours),
    python: summarizeTraced(traced.python),
    runs,
    probe,
    // The Python tool sends one request at a time: each of its requests had moto to itself.
    aloneByOperation: medianDurations(traced.pythonRequests),
  })) {
    console.log(line);
  }
  if (timeline) {
    for (const [who, key] of [
      ['chaosgarden', 'ours'],
      ['Python', 'python'],
    ]) {
      const { requests, times } = traced.last[key];
      for (const [phase, from, to] of [
        ['partition', times.startedAt, times.stoppedAt],
        ['roll-back', times.rollbackStartedAt, times.endedAt],
      ]) {
        const phaseRequests = within(requests, from, to);
        const title = `${who}, ${phase} (ms after its start; * = critical path)`;
        for (const line of timelineLines(title, phaseRequests, from, criticalPath(phaseRequests))) {
          console.log(line);
        }
      }
    }
  }
} finally {
  await deleteFixture(fixture);
  ec2.destroy();
  tracedEc2.destroy();
  await proxy.close();
  rmSync(stateDir, { recursive: true, force: true });
}

/**
 * One traced run's figures: partition over [start, the bench's stop), roll-back over [stop, end), and the
 * time from start until moto answered the last move onto a blocking ACL; `writes`: our ledger's writes.
 */
function tracedRun(who, requests, times, isBlockingAcl, writes = undefined) {
  const partition = within(requests, times.startedAt, times.stoppedAt);
  const last = lastBlockingMove(partition, isBlockingAcl);
  if (last.moves !== total) {
    throw new Error(`${who} moved ${last.moves} of ${total} subnets onto a blocking ACL in its partition`);
  }
  return {
    toBlockedMs: last.at - times.startedAt,
    partition: phaseFigures(requests, times.startedAt, times.stoppedAt, writes),
    rollback: phaseFigures(requests, times.rollbackStartedAt, times.endedAt, writes),
  };
}

/** Ours, with the bench's stop at the last `Associated` line; times in seconds and on performance.now(). */
async function timeOurs(zone, ledger, endpoint) {
  const stop = new AbortController();
  let associated = 0;
  let stoppedAt = 0;
  const logger = {
    debug() {},
    warn() {},
    error() {},
    info(message) {
      if (message.startsWith('Associated ') && ++associated === total) {
        stoppedAt = performance.now();
        stop.abort();
      }
    },
  };
  const startedAt = performance.now();
  const result = await aws.runNetworkFailureSimulation({
    zone,
    filters: filters(),
    duration: -1,
    configuration: { awsRegion: connection.region, awsEndpointUrl: endpoint },
    secrets: { awsAccessKeyId: 'testing', awsSecretAccessKey: 'testing' },
    signal: stop.signal,
    logger,
    ledger,
  });
  const endedAt = performance.now();
  if (result.blocked.length !== total || result.rollback.restored.length !== total) {
    throw new Error(
      `chaosgarden blocked ${result.blocked.length} and restored ${result.rollback.restored.length} of ${total}`,
    );
  }
  return {
    partition: (stoppedAt - startedAt) / 1000,
    rollback: (endedAt - stoppedAt) / 1000,
    startedAt,
    stoppedAt,
    rollbackStartedAt: stoppedAt,
    endedAt,
  };
}

/** The Python tool, one process per phase, each timed inside its process (packages/aws/test/support/reference_network.py). */
async function timePython(zone, endpoint) {
  const step = async (op) => {
    const spawnedAt = performance.now();
    const output = await runPython(
      connection.referencePython,
      [
        join(root, 'packages/aws/test/support/reference_network.py'),
        JSON.stringify({ op, zone, filters: filters(), region: connection.region }),
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          AWS_ENDPOINT_URL_EC2: endpoint,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_DEFAULT_REGION: connection.region,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );
    const exitedAt = performance.now();
    const { seconds, startNs, endNs } = JSON.parse(output.toString().trim().split('\n').at(-1));
    const [from, to] = [startNs / 1e6 - hrtimeOffsetMs, endNs / 1e6 - hrtimeOffsetMs];
    if (!(from >= spawnedAt && to <= exitedAt)) {
      throw new Error(`the Python runner's clock does not match this process's (${op})`);
    }
    return { seconds, from, to };
  };
  const partition = await step('partition');
  const rollback = await step('rollback');
  return {
    partition: partition.seconds,
    rollback: rollback.seconds,
    startedAt: partition.from,
    stoppedAt: partition.to,
    rollbackStartedAt: rollback.from,
    endedAt: rollback.to,
  };
}

/**
 * Runs the Python tool without blocking this process (the tracing proxy lives here); its stdout, or an
 * error with the end of its stderr.
 */
function runPython(file, args, options) {
  return new Promise((resolve, reject) => {
    execFile(file, args, options, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const tail = stderr.toString().trim().split('\n').slice(-5).join('\n');
      reject(new Error(`the Python tool failed (${error.code ?? error.signal}):\n${tail}`));
    });
  });
}

async function findMoto() {
  if (process.env.CHAOSGARDEN_TEST_AWS_ENDPOINT) {
    if (!process.env.CHAOSGARDEN_REFERENCE_PYTHON) {
      console.error('bench aws-network: set CHAOSGARDEN_REFERENCE_PYTHON to a venv python with chaosgarden.');
      process.exit(1);
    }
    return {
      endpoint: process.env.CHAOSGARDEN_TEST_AWS_ENDPOINT,
      region: process.env.CHAOSGARDEN_TEST_AWS_REGION ?? 'eu-west-1',
      referencePython: process.env.CHAOSGARDEN_REFERENCE_PYTHON,
    };
  }
  const { readSandboxConnection } = await import('@chaosgarden/testkit');
  try {
    const sandbox = readSandboxConnection();
    return {
      endpoint: sandbox.awsEndpoint,
      region: sandbox.awsRegion,
      referencePython: sandbox.referencePython,
    };
  } catch (error) {
    console.error(`bench aws-network: ${error.message}, or set CHAOSGARDEN_TEST_AWS_ENDPOINT.`);
    process.exit(1);
  }
}

function summary(samples) {
  return {
    partition: median(samples.map((sample) => sample.partition)),
    rollback: median(samples.map((sample) => sample.rollback)),
  };
}

function ms(seconds) {
  return `${(seconds * 1000).toFixed(0)} ms`;
}
