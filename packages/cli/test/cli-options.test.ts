import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../src/index';
import { aclOfSubnet, blockingAclIds, createMotoFixture, type MotoFixture } from './support/moto-fixture';
import { examplesDir, scratchDirectory, startCli } from './support/run-cli';

describe('chaosgarden run options', () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  it('exits with 2 and names every structural problem with its path, running nothing', async () => {
    const cwd = scratchDirectory();
    writeFileSync(
      join(cwd, 'bad.yaml'),
      'title: broken\nmethod:\n  - type: action\n    name: x\n    provider: {type: python, module: chaosgarden.aws.actions}\n',
    );
    const { code, stderr } = await startCli(['run', 'bad.yaml'], cwd).done;
    expect(code).toBe(2);
    expect(stderr).toContain('bad.yaml is not a valid experiment:');
    expect(stderr).toContain('- method[0].provider.func:');
  });

  it('--dry-run resolves and assesses but changes nothing in moto', async () => {
    fixture = await createMotoFixture();
    const before = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    const { code, stderr } = await startCli(
      ['run', join(examplesDir, 'aws-network-python.json'), '--dry-run'],
      cwd,
    ).done;
    expect(code).toBe(0);
    expect(stderr).toContain('2 subnet(s) would be impacted:');
    expect(stderr).not.toContain('Partitioning VPCs');
    expect(await aclOfSubnet(fixture.ec2)).toEqual(before);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    expect(journal.run.map((entry) => entry.status)).toEqual(['succeeded', 'skipped']);
    expect(journal.chaosgarden.dryRun).toBe(true);
  });

  it('--var and --var-file override configuration and secrets; --log-format json prints JSON lines', async () => {
    fixture = await createMotoFixture();
    const cwd = scratchDirectory();
    writeFileSync(
      join(cwd, 'vars.yaml'),
      'configuration:\n  aws_zone: us-east-1b\nsecrets:\n  cloud_provider:\n    aws_access_key_id: from-var-file\n',
    );
    const { code, stderr } = await startCli(
      [
        'run',
        join(examplesDir, 'aws-network-python.json'),
        '--var-file',
        'vars.yaml',
        '--var',
        'aws_zone=us-east-1c',
        '--dry-run',
        '--log-format',
        'json',
      ],
      cwd,
    ).done;
    expect(code).toBe(0);
    const lines = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; message: string });
    expect(lines.some((line) => line.message.includes("zone='us-east-1c'"))).toBe(true);
    expect(lines.some((line) => line.message.includes('from-var-file'))).toBe(false);
    expect(
      lines.find((line) => line.message.startsWith('Finished action assess-filters-impact'))?.level,
    ).toBe('info');
    const fromFile = await startCli(
      ['run', join(examplesDir, 'aws-network-python.json'), '--var-file', 'vars.yaml', '--dry-run'],
      cwd,
    ).done;
    expect(fromFile.stderr).toContain("zone='us-east-1b'");
  });
});
