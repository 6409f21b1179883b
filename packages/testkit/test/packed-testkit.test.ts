import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ec2ClientOptions, type SandboxConnection } from '../src/sandbox/connection';

// A user's view of the published testkit: the packed tarballs installed into a project outside this
// repository, a stand-in started through the package's own bin. Only moto is started (`--only moto`): it needs
// the moto virtualenv, cached in ~/.cache/chaosgarden after the first sandbox, and neither Go nor Kubernetes.
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const scratch = await mkdtemp(join(tmpdir(), 'chaosgarden-packed-testkit-'));
const project = join(scratch, 'project');
const bin = join(project, 'node_modules', '.bin', 'chaosgarden-sandbox');

interface Outcome {
  readonly code: number;
  readonly output: string;
}

/** Runs a command under this Node binary's directory on PATH, without the repository's sandbox settings. */
function run(command: string, args: readonly string[], cwd: string): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  };
  delete env.CHAOSGARDEN_REPOSITORY_DIR;
  delete env.CHAOSGARDEN_SANDBOX_DIR;
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** The npm that runs this test (npm sets npm_execpath), else npm on PATH. */
function npm(args: readonly string[], cwd: string): Promise<Outcome> {
  const cli = process.env.npm_execpath;
  return cli?.endsWith('.js') ? run(process.execPath, [cli, ...args], cwd) : run('npm', args, cwd);
}

async function pack(name: string, destination: string): Promise<string> {
  const dir = join(packagesDir, name);
  if (!existsSync(join(dir, 'dist'))) throw new Error(`${dir}/dist is missing: run npm run build first`);
  const packed = await npm(['pack', '--json', '--pack-destination', destination], dir);
  expect(packed.code, packed.output).toBe(0);
  const [result] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as { filename: string }[];
  if (result === undefined) throw new Error(`npm pack printed no tarball: ${packed.output}`);
  return join(destination, result.filename);
}

beforeAll(async () => {
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs, { recursive: true });
  await mkdir(project);
  await writeFile(join(project, 'package.json'), '{ "name": "my-plugin-tests", "private": true }\n');
  // The testkit peer-depends on core, which is not on the registry at this version: both from tarballs.
  const files = [await pack('core', tarballs), await pack('testkit', tarballs)];
  const flags = ['--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline'];
  const installed = await npm(['install', ...flags, ...files], project);
  expect(installed.code, installed.output).toBe(0);
}, 300_000);

afterAll(async () => {
  if (existsSync(bin)) await run(bin, ['down'], project);
  await rm(scratch, { recursive: true, force: true });
});

describe('the packed testkit in a project outside the repository', () => {
  it('ships the build recipes the sandbox launcher reads', () => {
    const installed = join(project, 'node_modules', '@chaosgarden', 'testkit');
    for (const recipe of [
      'tools/k8s/go.mod',
      'tools/etcd/go.sum',
      'tools/kwok/go.mod',
      'python/requirements-moto.txt',
    ]) {
      expect(existsSync(join(installed, recipe)), recipe).toBe(true);
    }
  });

  it('starts moto alone through the package bin, answers EC2 calls, reports it up, and stops it', async () => {
    const up = await run(bin, ['up', '--only', 'moto'], project);
    expect(up.code, up.output).toBe(0);
    expect(up.output).toMatch(/moto \(EC2\)\s+http:\/\/127\.0\.0\.1:\d+/);

    // The state lives in the user's project, not in any repository.
    const connection = JSON.parse(
      readFileSync(join(project, '.sandbox', 'env.json'), 'utf8'),
    ) as SandboxConnection;
    expect(connection.services).toEqual(['moto']);
    const ec2 = new EC2Client(ec2ClientOptions(connection));
    try {
      const zones = await ec2.send(new DescribeAvailabilityZonesCommand({}));
      expect(zones.AvailabilityZones?.map((zone) => zone.ZoneName)).toContain('us-east-1a');
    } finally {
      ec2.destroy();
    }

    const status = await run(bin, ['status'], project);
    expect(status.code, status.output).toBe(0);
    expect(status.output).toMatch(/✓ moto\s+pid \d+\s+healthy/);
    expect(status.output).not.toContain('kube-apiserver');

    const down = await run(bin, ['down'], project);
    expect(down.code, down.output).toBe(0);
    expect(down.output).toContain('Stopped moto');
    await expect(fetch(`${connection.awsEndpoint}/moto-api/`)).rejects.toThrow();
    expect((await run(bin, ['status'], project)).code).toBe(1);
  });
});
