import { SelfTargetRefusedError } from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';

/** The instance metadata service of EC2 (IMDSv2), as the AWS SDKs reach it. */
const defaultMetadataEndpoint = 'http://169.254.169.254';
/** IMDS answers within milliseconds on EC2; elsewhere the address may not answer at all. */
const metadataTimeoutMs = 1000;

/** The EC2 instance this process runs on, with the subnets of its network interfaces. */
export interface SelfInstance {
  instanceId: string;
  subnetIds: string[];
}

/**
 * The instance this process runs on, from the instance metadata service, or undefined when not on EC2.
 * Asked only where it can matter: when the EC2 endpoint is AWS itself, or the metadata endpoint was set
 * explicitly (`AWS_EC2_METADATA_SERVICE_ENDPOINT`); never with `AWS_EC2_METADATA_DISABLED=true`.
 */
export async function findSelfInstance(
  api: Ec2Api,
  endpointUrl: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<SelfInstance | undefined> {
  if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() === 'true') return undefined;
  const explicit = env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  const custom = endpointUrl ?? env.AWS_ENDPOINT_URL_EC2 ?? env.AWS_ENDPOINT_URL;
  if (custom !== undefined && explicit === undefined) return undefined;
  const instanceId = await readInstanceId(explicit ?? defaultMetadataEndpoint);
  if (instanceId === undefined) return undefined;
  const [instance] = await api.describeInstancesById([instanceId]).catch(() => []);
  const subnetIds = new Set<string>();
  if (instance?.SubnetId) subnetIds.add(instance.SubnetId);
  for (const networkInterface of instance?.NetworkInterfaces ?? []) {
    if (networkInterface.SubnetId) subnetIds.add(networkInterface.SubnetId);
  }
  return { instanceId, subnetIds: [...subnetIds] };
}

async function readInstanceId(endpoint: string): Promise<string | undefined> {
  const base = endpoint.replace(/\/$/, '');
  try {
    const token = await fetch(`${base}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
      signal: AbortSignal.timeout(metadataTimeoutMs),
    });
    if (!token.ok) return undefined;
    const response = await fetch(`${base}/latest/meta-data/instance-id`, {
      headers: { 'x-aws-ec2-metadata-token': await token.text() },
      signal: AbortSignal.timeout(metadataTimeoutMs),
    });
    const id = response.ok ? (await response.text()).trim() : '';
    return /^i-[0-9a-f]+$/.test(id) ? id : undefined;
  } catch {
    return undefined; // not on EC2 (or IMDS disabled on the instance): nothing to protect
  }
}

/** @throws SelfTargetRefusedError when a subnet of this process's instance is among `subnetIds`. */
export function assertSelfNotAmongSubnets(
  self: SelfInstance | undefined,
  subnetIds: readonly string[],
): void {
  const hit = self?.subnetIds.find((subnetId) => subnetIds.includes(subnetId));
  if (self !== undefined && hit !== undefined) {
    throw new SelfTargetRefusedError({
      self: `instance ${self.instanceId} (subnet ${hit})`,
      effect: 'cut off from the network (its subnet moved onto the blocking network ACL)',
      override: 'allowSelfTarget: true (CLI --allow-self-target)',
    });
  }
}
