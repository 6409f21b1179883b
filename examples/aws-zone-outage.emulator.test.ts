import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DescribeNetworkAclsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ec2ClientOptions, readSandboxConnection } from '@chaosgarden/testkit';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./aws-zone-outage.ts', import.meta.url));
const { CHAOSGARDEN_LOG_FORMAT, CHAOSGARDEN_LOG_LEVEL, CHAOSGARDEN_YES, ...baseEnv } = process.env;

async function blockingAclsInSandbox(): Promise<number> {
  const ec2 = new EC2Client(ec2ClientOptions(readSandboxConnection()));
  const acls = await ec2.send(
    new DescribeNetworkAclsCommand({ Filters: [{ Name: 'tag-key', Values: ['gardener.cloud/chaos/*'] }] }),
  );
  return acls.NetworkAcls?.length ?? 0;
}

describe('examples/aws-zone-outage.ts (npm start)', () => {
  it('takes two zones down in parallel and leaves every subnet on its original ACL', async () => {
    const env = { ...baseEnv, CHAOSGARDEN_YES: '1', CHAOSGARDEN_EXAMPLE_SECONDS: '4' };
    const { stderr } = await run(process.execPath, [script], { env });
    const lines = stderr.trim().split('\n');
    expect(
      lines.filter((line) => line === '[Info] Launching background thread runNetworkFailureSimulation.'),
    ).toHaveLength(2);
    // Checked once a second and ended when strictly past the end: up to one period late under load.
    const netDurations = lines
      .map((line) =>
        /^\[Info\] Time is up for runNetworkFailureSimulation at .* \((\d+\.\d)s net duration\)/.exec(line),
      )
      .flatMap((match) => (match?.[1] === undefined ? [] : [Number(match[1])]))
      .sort((a, b) => a - b);
    expect(netDurations).toHaveLength(2);
    expect(netDurations[0]).toBeGreaterThanOrEqual(2);
    expect(netDurations[0]).toBeLessThan(4);
    expect(netDurations[1]).toBeGreaterThanOrEqual(4);
    expect(netDurations[1]).toBeLessThan(6);
    expect(lines).toContain('[Info] Blocking network ACLs left behind: 0.');
    expect(lines).toContain('[Info] Instances in us-east-1a: terminated, terminated.');
    expect(lines).toContain('[Info] Instances in us-east-1b: running, running.');
    expect(lines.filter((line) => line.includes('is on its original network ACL.'))).toHaveLength(3);
    expect(await blockingAclsInSandbox()).toBe(0);
  });

  it('asks before it changes anything, and without a terminal refuses unless CHAOSGARDEN_YES=1', async () => {
    const failure = await run(process.execPath, [script], { env: baseEnv }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect(String((failure as { stderr: string }).stderr)).toContain('set CHAOSGARDEN_YES=1 to go ahead');
    expect(String((failure as { stderr: string }).stderr)).not.toContain('Partitioning');
    expect(await blockingAclsInSandbox()).toBe(0);
  });
});
