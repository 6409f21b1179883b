// The README's main job: a zone outage on the local sandbox's EC2 (moto). Assess two zones, ask,
// then cut zone A's network off and terminate its machines while zone B is cut off for half as
// long, all in parallel, and show that everything came back. Run: npm start
import {
  assessFiltersImpact,
  runComputeFailureSimulationInBackground,
  runNetworkFailureSimulationInBackground,
} from '@chaosgarden/aws';
import { createLogger } from '@chaosgarden/core';
import { readSandboxConnection } from '@chaosgarden/testkit';
import { confirm } from './support/confirm.ts';
import { describeLandscape } from './support/describe-landscape.ts';
import { createSandboxLandscape } from './support/sandbox-landscape.ts';

const sandbox = readSandboxConnection();
const configuration = { awsRegion: sandbox.awsRegion, awsEndpointUrl: sandbox.awsEndpoint };
const secrets = { awsAccessKeyId: sandbox.awsAccessKeyId, awsSecretAccessKey: sandbox.awsSecretAccessKey };
const logger = createLogger();
const seconds = Number(process.env.CHAOSGARDEN_EXAMPLE_SECONDS ?? 20);
const [zoneA = 'us-east-1a', zoneB = 'us-east-1b'] = sandbox.zones;

const { EC2Client } = await import('@aws-sdk/client-ec2');
const ec2 = new EC2Client({
  region: sandbox.awsRegion,
  endpoint: sandbox.awsEndpoint,
  credentials: {
    accessKeyId: sandbox.awsAccessKeyId,
    secretAccessKey: sandbox.awsSecretAccessKey,
  },
});
const landscape = await createSandboxLandscape(ec2, {
  technicalId: `shoot--demo--${Date.now()}`,
  zones: sandbox.zones,
});
const cluster = [{ Name: 'tag-key', Values: [landscape.clusterTag] }];
const filters = { instances: cluster, vpcs: cluster, subnets: cluster };

for (const zone of [zoneA, zoneB])
  await assessFiltersImpact({ zone, filters, configuration, secrets, logger });
if (!(await confirm(`Take ${zoneA} down for ${seconds}s and ${zoneB} for ${seconds / 2}s?`))) process.exit(0);

const common = { filters, configuration, secrets, logger };
const tasks = [
  runNetworkFailureSimulationInBackground({ ...common, zone: zoneA, mode: 'total', duration: seconds }),
  runComputeFailureSimulationInBackground({ ...common, zone: zoneA, mode: 'terminate', duration: seconds }),
  runNetworkFailureSimulationInBackground({ ...common, zone: zoneB, mode: 'total', duration: seconds / 2 }),
];
await Promise.all(tasks.map((task) => task.join()));
await describeLandscape(ec2, landscape, logger);
