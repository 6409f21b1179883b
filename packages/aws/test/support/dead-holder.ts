import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { blockingAcls } from './moto-state';

const holderTagKey = 'gardener.cloud/chaos/chaosgarden-holder';

/** The pid of a process that has ended. */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid as number;
}

/**
 * What a crash leaves in the cloud: the blocking ACLs' holder tag now names a process that is gone.
 * (A run frozen inside this test process still counts as alive, so the tests "kill" it this way.)
 */
export async function markBlockingAclHoldersDead(ec2: EC2Client): Promise<void> {
  const pid = deadPid();
  for (const acl of await blockingAcls(ec2)) {
    const value = acl.Tags?.find((tag) => tag.Key === holderTagKey)?.Value;
    if (value === undefined || acl.NetworkAclId === undefined) continue;
    await ec2.send(
      new CreateTagsCommand({
        Resources: [acl.NetworkAclId],
        Tags: [{ Key: holderTagKey, Value: JSON.stringify({ ...JSON.parse(value), pid }) }],
      }),
    );
  }
}

/** A state directory of its own, so a frozen run's per-machine lock stays out of the other tests' way. */
export function separateStateDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'chaosgarden-aws-frozen-'));
}
