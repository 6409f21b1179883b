import type {
  CreateNetworkAclEntryRequest,
  DescribeInstancesResult,
  Filter,
  Instance,
  NetworkAcl,
  NetworkAclAssociation,
  Subnet,
  Tag,
  Vpc,
} from '@aws-sdk/client-ec2';
import { type Logger, withRetries } from '@chaosgarden/core';
import type { Ec2Connection } from './aws-client';
import { toCloudApiError } from './aws-errors';

/** How failing calls are retried. */
export interface RetryPolicy {
  /** Passed to every request and every back-off; aborting it stops at once. */
  signal?: AbortSignal | undefined;
  /**
   * `false` (the simulation): core's default number of retries. `true` (roll-back): retryable errors
   * are retried until the call succeeds or `signal` aborts.
   */
  untilAborted: boolean;
  /**
   * `true`: aborting `signal` stops the retries and back-offs, but a request already sent is not cut off:
   * its response is awaited, so that what the cloud did is known (the call still rejects with the abort).
   * The blocking steps use it, so that the read-back after a stop sees every move that was made. Default
   * `false`: the request is aborted too.
   */
  letRequestsFinish?: boolean | undefined;
}

/**
 * The EC2 operations the plugin uses. Every call is retried with core's policy (logged, honouring
 * `Retry-After`), errors become `CloudApiError`s, and listings follow `NextToken` to the end (the
 * Python tool read only the first page).
 */
export interface Ec2Api {
  readonly region: string;
  /** The same client with another retry policy. */
  withPolicy(policy: RetryPolicy): Ec2Api;
  describeInstances(filters: Filter[]): Promise<Instance[]>;
  describeInstancesById(instanceIds: string[]): Promise<Instance[]>;
  describeVpcs(filters: Filter[]): Promise<Vpc[]>;
  describeSubnets(filters: Filter[]): Promise<Subnet[]>;
  describeNetworkAcls(filters: Filter[]): Promise<NetworkAcl[]>;
  createNetworkAcl(vpcId: string, tags: Tag[]): Promise<NetworkAcl>;
  createNetworkAclEntry(entry: CreateNetworkAclEntryRequest): Promise<void>;
  /** Returns the new association id. */
  replaceNetworkAclAssociation(associationId: string, networkAclId: string): Promise<string>;
  deleteNetworkAcl(networkAclId: string): Promise<void>;
  /** Adds or overwrites tags (same key: the new value). */
  createTags(resourceIds: string[], tags: Tag[]): Promise<void>;
  terminateInstances(instanceIds: string[]): Promise<void>;
  rebootInstances(instanceIds: string[]): Promise<void>;
  cancelSpotInstanceRequests(requestIds: string[]): Promise<void>;
}

/** Sends one request: SDK errors become `CloudApiError`s, retried with the policy. */
type Call = <T>(operation: string, send: (abortSignal: AbortSignal | undefined) => Promise<T>) => Promise<T>;

export function createEc2Api(connection: Ec2Connection, logger: Logger, policy: RetryPolicy): Ec2Api {
  const call: Call = (operation, send) =>
    withRetries(
      async () => {
        try {
          return await send(policy.letRequestsFinish === true ? undefined : policy.signal);
        } catch (error) {
          throw toCloudApiError(operation, error);
        }
      },
      {
        description: `${operation} in ${connection.region}`,
        logger,
        signal: policy.signal,
        untilAborted: policy.untilAborted,
      },
    );
  return {
    region: connection.region,
    withPolicy: (next) => createEc2Api(connection, logger, next),
    ...readOperations(connection, call),
    ...writeOperations(connection, call),
  };
}

type ReadOperations = Pick<
  Ec2Api,
  'describeInstances' | 'describeInstancesById' | 'describeVpcs' | 'describeSubnets' | 'describeNetworkAcls'
>;

function readOperations({ client, sdk }: Ec2Connection, call: Call): ReadOperations {
  const pages = async <P extends { NextToken?: string | undefined }, T>(
    operation: string,
    page: (token: string | undefined, abortSignal: AbortSignal | undefined) => Promise<P>,
    items: (response: P) => T[] | undefined,
  ): Promise<T[]> => {
    const all: T[] = [];
    let token: string | undefined;
    do {
      const response: P = await call(operation, (abortSignal) => page(token, abortSignal));
      all.push(...(items(response) ?? []));
      token = response.NextToken === '' ? undefined : response.NextToken;
    } while (token !== undefined);
    return all;
  };
  const flatten = (response: DescribeInstancesResult) =>
    (response.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
  return {
    describeInstances: (Filters) =>
      pages(
        'DescribeInstances',
        (NextToken, abortSignal) =>
          client.send(new sdk.DescribeInstancesCommand({ Filters, NextToken }), { abortSignal }),
        flatten,
      ),
    describeInstancesById: (InstanceIds) =>
      pages(
        'DescribeInstances',
        (NextToken, abortSignal) =>
          client.send(new sdk.DescribeInstancesCommand({ InstanceIds, NextToken }), { abortSignal }),
        flatten,
      ),
    describeVpcs: (Filters) =>
      pages(
        'DescribeVpcs',
        (NextToken, abortSignal) =>
          client.send(new sdk.DescribeVpcsCommand({ Filters, NextToken }), { abortSignal }),
        (response) => response.Vpcs,
      ),
    describeSubnets: (Filters) =>
      pages(
        'DescribeSubnets',
        (NextToken, abortSignal) =>
          client.send(new sdk.DescribeSubnetsCommand({ Filters, NextToken }), { abortSignal }),
        (response) => response.Subnets,
      ),
    describeNetworkAcls: (Filters) =>
      pages(
        'DescribeNetworkAcls',
        (NextToken, abortSignal) =>
          client.send(new sdk.DescribeNetworkAclsCommand({ Filters, NextToken }), { abortSignal }),
        (response) => response.NetworkAcls,
      ),
  };
}

type WriteOperations = Omit<Ec2Api, keyof ReadOperations | 'region' | 'withPolicy'>;

function writeOperations({ client, sdk }: Ec2Connection, call: Call): WriteOperations {
  return {
    createNetworkAcl: async (VpcId, Tags) => {
      const input = { VpcId, TagSpecifications: [{ ResourceType: 'network-acl' as const, Tags }] };
      const response = await call('CreateNetworkAcl', (abortSignal) =>
        client.send(new sdk.CreateNetworkAclCommand(input), { abortSignal }),
      );
      if (response.NetworkAcl?.NetworkAclId === undefined) {
        throw toCloudApiError('CreateNetworkAcl', new Error('The response holds no NetworkAcl.'));
      }
      return response.NetworkAcl;
    },
    createNetworkAclEntry: async (entry) => {
      await call('CreateNetworkAclEntry', (abortSignal) =>
        client.send(new sdk.CreateNetworkAclEntryCommand(entry), { abortSignal }),
      );
    },
    replaceNetworkAclAssociation: async (AssociationId, NetworkAclId) => {
      const response = await call('ReplaceNetworkAclAssociation', (abortSignal) =>
        client.send(new sdk.ReplaceNetworkAclAssociationCommand({ AssociationId, NetworkAclId }), {
          abortSignal,
        }),
      );
      return response.NewAssociationId ?? '';
    },
    deleteNetworkAcl: async (NetworkAclId) => {
      await call('DeleteNetworkAcl', (abortSignal) =>
        client.send(new sdk.DeleteNetworkAclCommand({ NetworkAclId }), { abortSignal }),
      );
    },
    createTags: async (Resources, Tags) => {
      await call('CreateTags', (abortSignal) =>
        client.send(new sdk.CreateTagsCommand({ Resources, Tags }), { abortSignal }),
      );
    },
    terminateInstances: async (InstanceIds) => {
      await call('TerminateInstances', (abortSignal) =>
        client.send(new sdk.TerminateInstancesCommand({ InstanceIds }), { abortSignal }),
      );
    },
    rebootInstances: async (InstanceIds) => {
      await call('RebootInstances', (abortSignal) =>
        client.send(new sdk.RebootInstancesCommand({ InstanceIds }), { abortSignal }),
      );
    },
    cancelSpotInstanceRequests: async (SpotInstanceRequestIds) => {
      await call('CancelSpotInstanceRequests', (abortSignal) =>
        client.send(new sdk.CancelSpotInstanceRequestsCommand({ SpotInstanceRequestIds }), { abortSignal }),
      );
    },
  };
}

/** AWS caps the values of one filter; id lists are asked for in chunks of this size. */
const valuesPerFilter = 100;

/** `ids` in consecutive chunks that each fit into one filter's values. */
export function filterChunks(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += valuesPerFilter) {
    chunks.push(ids.slice(start, start + valuesPerFilter));
  }
  return chunks;
}

/** The ids of described VPCs. */
export function idsOf(vpcs: readonly { VpcId?: string | undefined }[]): string[] {
  return vpcs.map((vpc) => vpc.VpcId ?? '').filter((id) => id !== '');
}

/** The blocking ACLs with exactly this zone tag key in the given VPCs (one call per 100 VPCs). */
export async function blockingAclsWithTag(
  api: Ec2Api,
  vpcIds: readonly string[],
  tagKey: string,
): Promise<NetworkAcl[]> {
  const found: NetworkAcl[] = [];
  for (const chunk of filterChunks(vpcIds)) {
    found.push(
      ...(await api.describeNetworkAcls([
        { Name: 'vpc-id', Values: chunk },
        { Name: 'tag-key', Values: [tagKey] },
      ])),
    );
  }
  return found;
}

/** A subnet's network ACL association with every id known. */
export type KnownAssociation = Required<
  Pick<NetworkAclAssociation, 'NetworkAclAssociationId' | 'NetworkAclId' | 'SubnetId'>
>;

/** Every network ACL of some VPCs, and which ACL each of their subnets is associated with. */
export interface VpcAssociations {
  acls: NetworkAcl[];
  /** Subnet id → its association (a subnet has exactly one). */
  bySubnet: Map<string, KnownAssociation>;
}

/**
 * Lists the network ACLs of the VPCs (one call per 100 VPCs) and reads the subnets' associations from
 * them. Asked by `vpc-id`, never by `association.subnet-id` with several values: moto matches such a
 * filter only when an ACL's subnets are a subset or a superset of the values, so an ACL shared with
 * other zones' subnets would be missed (and with it the association).
 */
export async function vpcAssociations(api: Ec2Api, vpcIds: readonly string[]): Promise<VpcAssociations> {
  const acls: NetworkAcl[] = [];
  for (const chunk of filterChunks(vpcIds)) {
    acls.push(...(await api.describeNetworkAcls([{ Name: 'vpc-id', Values: chunk }])));
  }
  const bySubnet = new Map<string, KnownAssociation>();
  for (const acl of acls) {
    for (const { SubnetId, NetworkAclAssociationId, NetworkAclId } of acl.Associations ?? []) {
      if (SubnetId && NetworkAclAssociationId && NetworkAclId) {
        bySubnet.set(SubnetId, { SubnetId, NetworkAclAssociationId, NetworkAclId });
      }
    }
  }
  return { acls, bySubnet };
}
