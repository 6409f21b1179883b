import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  type ConformanceStandIn,
  describeBehaviourConformance,
  type StandInArtefact,
} from '@chaosgarden/testkit';
import * as vitest from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { plugin } from '../src/index';
import { markBlockingAclHoldersDead } from './support/dead-holder';
import { clusterFilters, createFixture, testClient } from './support/fixture';
import { motoConnection, pluginAccess, resetMoto } from './support/moto';
import { blockingAcls } from './support/moto-state';

const connection = motoConnection();
useTemporaryStateDirectory();
let client: EC2Client | undefined;
const ec2 = () => {
  client ??= testClient(connection);
  return client;
};
vitest.afterAll(() => client?.destroy());

/** What a network simulation leaves in moto: blocking ACLs (by their tag prefix) and the subnets on them. */
async function listArtefacts(): Promise<StandInArtefact[]> {
  const artefacts: StandInArtefact[] = [];
  for (const acl of await blockingAcls(ec2())) {
    const aclId = acl.NetworkAclId ?? '';
    artefacts.push({ id: `network-acl:${aclId}`, resources: [acl.VpcId ?? '', aclId] });
    for (const association of acl.Associations ?? []) {
      const subnetId = association.SubnetId ?? '';
      artefacts.push({ id: `association:${subnetId}`, resources: [subnetId] });
    }
  }
  return artefacts;
}

// The behaviour groups of the provider contract v1 suite, against moto with the standard fixture: the
// cluster's VPCs A and B, 5 subnets of zone a to block (fewer than the other tests use: quicker).
const motoStandIn: ConformanceStandIn = {
  input: { zone: `${connection.region}a`, filters: clusterFilters(), ...pluginAccess(connection) },
  reset: async () => {
    await resetMoto(connection);
    await createFixture(ec2(), connection.region, { aSubnetsInZone1: 2 });
  },
  listArtefacts,
  markRunDead: () => markBlockingAclHoldersDead(ec2()),
};

describeBehaviourConformance({ vitest, descriptor: plugin, standIn: motoStandIn });
