// Times the AWS network partition and its roll-back, chaosgarden (TypeScript) against the Python
// chaosgarden, on the same moto and the same fixture: 3 VPCs with 6 subnets each in one zone.
// Partition = roll-back of left-overs + listing + blocking (what happens before the wait); roll-back =
// the final roll-back. Python is timed inside its process (no interpreter start-up or imports).
// Prints medians and the ratio; asserts no timing. `npm test` never runs it.
//
// Usage: node bench/aws-network.mjs [--runs N]   (default 5). Needs `npm run build` and moto plus the
// reference Python: a running sandbox (`npm run sandbox -- up`), or CHAOSGARDEN_TEST_AWS_ENDPOINT and
// CHAOSGARDEN_REFERENCE_PYTHON (region: CHAOSGARDEN_TEST_AWS_REGION, default eu-west-1).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = Math.max(1, runsFlag > 0 ? Number(process.argv[runsFlag + 1]) || 5 : 5);
const vpcCount = 3;
const subnetsPerVpc = 6;
// A fresh cluster tag per run: the bench shares moto with the sandbox's other users, so it neither
// resets moto nor touches anything but its own VPCs, which it deletes at the end.
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
const ec2 = new sdk.EC2Client({
  region: connection.region,
  endpoint: connection.endpoint,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  maxAttempts: 1,
});
const stateDir = mkdtempSync(join(tmpdir(), 'chaosgarden-bench-'));
const created = { vpcs: [], subnets: [] };
process.env.CHAOSGARDEN_STATE_DIR = stateDir;

try {
  const zone = `${connection.region}a`;
  await createFixture(zone, created);
  const before = await aclBySubnet();
  console.log(
    `bench aws-network: ${vpcCount} VPCs x ${subnetsPerVpc} subnets in ${zone}, ${runs} run(s) each, moto at ${connection.endpoint}`,
  );
  const results = { file: [], memory: [], python: [] };
  for (let run = 0; run < runs; run += 1) {
    results.file.push(await timeOurs(zone, core.createFileLedger()));
    await assertRestored(before);
    results.memory.push(await timeOurs(zone, core.createMemoryLedger()));
    await assertRestored(before);
    results.python.push(timePython(zone));
    await assertRestored(before);
  }
  const python = summary(results.python);
  for (const [label, key] of [
    ['chaosgarden (file ledger, default)', 'file'],
    ['chaosgarden (memory ledger)', 'memory'],
  ]) {
    const ours = summary(results[key]);
    console.log(
      `  ${label.padEnd(35)} partition ${ms(ours.partition)}, roll-back ${ms(ours.rollback)}; ` +
        `Python/ours: partition ${(python.partition / ours.partition).toFixed(2)}x, roll-back ${(python.rollback / ours.rollback).toFixed(2)}x`,
    );
  }
  console.log(
    `  ${'Python chaosgarden 0.2.15'.padEnd(35)} partition ${ms(python.partition)}, roll-back ${ms(python.rollback)}`,
  );
} finally {
  await deleteFixture(created);
  ec2.destroy();
  rmSync(stateDir, { recursive: true, force: true });
}

async function timeOurs(zone, ledger) {
  const stop = new AbortController();
  let associated = 0;
  let blockedAt = 0;
  const total = vpcCount * subnetsPerVpc;
  const logger = {
    debug() {},
    warn() {},
    error() {},
    info(message) {
      if (message.startsWith('Associated ') && ++associated === total) {
        blockedAt = performance.now();
        stop.abort();
      }
    },
  };
  const started = performance.now();
  const result = await aws.runNetworkFailureSimulation({
    zone,
    filters: filters(),
    duration: -1,
    configuration: { awsRegion: connection.region, awsEndpointUrl: connection.endpoint },
    secrets: { awsAccessKeyId: 'testing', awsSecretAccessKey: 'testing' },
    signal: stop.signal,
    logger,
    ledger,
  });
  const ended = performance.now();
  if (result.blocked.length !== total || result.rollback.restored.length !== total) {
    throw new Error(
      `chaosgarden blocked ${result.blocked.length} and restored ${result.rollback.restored.length} of ${total}`,
    );
  }
  return { partition: (blockedAt - started) / 1000, rollback: (ended - blockedAt) / 1000 };
}

function timePython(zone) {
  const step = (op) => {
    const output = execFileSync(
      connection.referencePython,
      [
        join(root, 'packages/aws/test/support/reference_network.py'),
        JSON.stringify({ op, zone, filters: filters(), region: connection.region }),
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          AWS_ENDPOINT_URL_EC2: connection.endpoint,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_DEFAULT_REGION: connection.region,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return JSON.parse(output.toString().trim().split('\n').at(-1)).seconds;
  };
  return { partition: step('partition'), rollback: step('rollback') };
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

async function createFixture(zone, created) {
  const tags = [{ Key: tagKey, Value: '1' }];
  for (let vpcIndex = 0; vpcIndex < vpcCount; vpcIndex += 1) {
    const vpc = await ec2.send(new sdk.CreateVpcCommand({ CidrBlock: `10.${vpcIndex + 10}.0.0/16` }));
    created.vpcs.push(vpc.Vpc.VpcId);
    await ec2.send(new sdk.CreateTagsCommand({ Resources: [vpc.Vpc.VpcId], Tags: tags }));
    for (let index = 0; index < subnetsPerVpc; index += 1) {
      const subnet = await ec2.send(
        new sdk.CreateSubnetCommand({
          VpcId: vpc.Vpc.VpcId,
          CidrBlock: `10.${vpcIndex + 10}.${index}.0/24`,
          AvailabilityZone: zone,
        }),
      );
      created.subnets.push(subnet.Subnet.SubnetId);
      await ec2.send(new sdk.CreateTagsCommand({ Resources: [subnet.Subnet.SubnetId], Tags: tags }));
    }
  }
}

async function deleteFixture(created) {
  for (const SubnetId of created.subnets) {
    await ec2.send(new sdk.DeleteSubnetCommand({ SubnetId }));
  }
  for (const VpcId of created.vpcs) {
    await ec2.send(new sdk.DeleteVpcCommand({ VpcId }));
  }
}

async function aclBySubnet() {
  const Filters = [{ Name: 'vpc-id', Values: created.vpcs }];
  const acls = (await ec2.send(new sdk.DescribeNetworkAclsCommand({ Filters }))).NetworkAcls ?? [];
  return new Map(
    acls.flatMap((acl) =>
      (acl.Associations ?? []).map((association) => [association.SubnetId, acl.NetworkAclId]),
    ),
  );
}

async function assertRestored(before) {
  const now = await aclBySubnet();
  for (const [subnet, acl] of before) {
    if (now.get(subnet) !== acl) {
      throw new Error(`${subnet} is on ${now.get(subnet)}, not back on ${acl}`);
    }
  }
}

function summary(samples) {
  return {
    partition: median(samples.map((sample) => sample.partition)),
    rollback: median(samples.map((sample) => sample.rollback)),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
}

function ms(seconds) {
  return `${(seconds * 1000).toFixed(0)} ms`;
}
