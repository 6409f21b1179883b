import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeNetworkAclsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ec2ClientOptions, readSandboxConnection, resetMoto } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journal } from '../src/index';
import { aclOfSubnet, blockingAclIds, clusterTagKey } from './support/moto-fixture';

// What a newcomer types, exactly as docs/cli.md and the README write it, in a fresh clone of this
// repository: `npm ci`, `npm run setup`, then the documented example block, through npx, against the
// running sandbox. The clone is of the committed HEAD (uncommitted edits are not in it).

const repositoryDir = fileURLToPath(new URL('../../../', import.meta.url));
const cliDocs = readFileSync(join(repositoryDir, 'docs/cli.md'), 'utf8');
const readme = readFileSync(join(repositoryDir, 'README.md'), 'utf8');

/** The fenced bash block of docs/cli.md that runs the AWS example through npx. */
function documentedExampleBlock(): string {
  const blocks = [...cliDocs.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const block = blocks.find((text) => text.includes('npx chaosgarden run examples/experiments/'));
  if (block === undefined) throw new Error('docs/cli.md lost its npx example block');
  return block;
}

/** The VPCs' default network ACLs, where the example landscape's subnets start and must end. */
async function defaultAclIds(ec2: EC2Client): Promise<string[]> {
  const filters = [{ Name: 'default', Values: ['true'] }];
  const acls = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: filters }))).NetworkAcls ?? [];
  return acls.map((acl) => acl.NetworkAclId ?? '');
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the documented commands on a fresh clone', () => {
  const sandbox = readSandboxConnection();
  const scratch = mkdtempSync(join(tmpdir(), 'chaosgarden-clone-'));
  const clone = join(scratch, 'chaosgarden');
  // The user's shell: no sandbox variables of the test run, a state directory of its own.
  const env: NodeJS.ProcessEnv = { ...process.env, CHAOSGARDEN_STATE_DIR: join(scratch, 'state') };
  for (const name of Object.keys(env)) {
    if (name.startsWith('AWS_') || name === 'KUBECONFIG') delete env[name];
  }
  let ec2: EC2Client;

  beforeAll(async () => {
    execFileSync('git', ['clone', '--quiet', repositoryDir, clone]);
    ec2 = new EC2Client(ec2ClientOptions(sandbox));
  }, 60_000);
  afterAll(() => {
    ec2?.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('npm ci links node_modules/.bin/chaosgarden before anything is built', async () => {
    const install = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], clone, env);
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(join(clone, 'node_modules/.bin/chaosgarden'))).toBe(true);
    // Before `npm run setup` the command says what to do instead of failing obscurely.
    const early = await run('npx', ['--no-install', 'chaosgarden', '--help'], clone, env);
    expect(early.stderr).toContain('run `npm run setup` first');
    expect(early.code).toBe(2);
  }, 300_000);

  it('npx chaosgarden works after npm run setup', async () => {
    const setup = await run('npm', ['run', 'setup'], clone, env);
    expect(setup.code, setup.stderr).toBe(0);
    const help = await run('npx', ['--no-install', 'chaosgarden', '--help'], clone, env);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: chaosgarden');
  }, 300_000);

  it("runs docs/cli.md's example block as written: blocks the zone, reports, leaves nothing", async () => {
    await resetMoto(sandbox);
    // The clone's `npm run sandbox -- up` finds the running sandbox through its .sandbox directory.
    symlinkSync(sandbox.stateDir, join(clone, '.sandbox'));
    const ownedByTestRun = join(sandbox.stateDir, 'started-by-test-run');
    const wasOwned = existsSync(ownedByTestRun);
    const block = documentedExampleBlock();
    expect(block).toContain('npx chaosgarden rollback');
    expect(readme).toContain('`npx chaosgarden rollback`');
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run('bash', ['-euo', 'pipefail', '-c', block], clone, env);
    } finally {
      // `sandbox up` adopts a sandbox a test run started; hand it back so the run still stops it.
      if (wasOwned && !existsSync(ownedByTestRun)) writeFileSync(ownedByTestRun, '');
    }
    expect(result.code, result.stderr.slice(-4000)).toBe(0);

    // The experiment blocked every tagged subnet of us-east-1a and rolled back.
    const journal = JSON.parse(readFileSync(join(clone, 'journal.json'), 'utf8')) as Journal;
    expect(journal.status).toBe('completed');
    const simulation = journal.run.find((entry) => entry.activity.name === 'run-network-failure-simulation');
    const blocked = (simulation?.output as { blocked?: { id: string }[] } | undefined)?.blocked ?? [];
    expect(blocked.length).toBeGreaterThan(0);
    expect(await blockingAclIds(ec2)).toEqual([]);
    const acls = await aclOfSubnet(ec2);
    const defaults = await defaultAclIds(ec2);
    for (const target of blocked) expect(defaults).toContain(acls.get(target.id));
    expect(existsSync(join(clone, 'report.html'))).toBe(true);
    expect(result.stderr).toContain(clusterTagKey);
    expect(result.stderr).toContain('Dry run: nothing to restore or remove; nothing was changed.');
  }, 300_000);
});
