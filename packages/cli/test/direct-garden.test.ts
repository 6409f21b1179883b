import { readSandboxConnection } from '@chaosgarden/testkit';
import { describe, expect, it } from 'vitest';
import { prepareSandboxGarden } from '../../../examples/garden-sandbox';
import { scratchDirectory, startCli } from './support/run-cli';

describe('chaosgarden garden assess (direct command) on the sandbox garden', () => {
  it('--zone-index 0 resolves to the first worker zone and lists what the shoot filters select there', async () => {
    const sandbox = await prepareSandboxGarden();
    try {
      const { kubeconfig, providerOptions } = sandbox.options;
      const { code, stdout, stderr } = await startCli(
        [
          'garden',
          'assess',
          '--project',
          sandbox.project,
          '--shoot',
          sandbox.shoot,
          '--zone-index',
          '0',
          '--kubeconfig',
          kubeconfig.path,
          '--provider-option',
          `aws.configuration.awsEndpointUrl=${providerOptions.aws.configuration.awsEndpointUrl}`,
        ],
        scratchDirectory(),
      ).done;
      expect(code, stderr).toBe(0);
      const result = JSON.parse(stdout) as { zone: string; targets: unknown[] };
      expect(result.zone).toBe([...readSandboxConnection().zones].sort()[0]);
      expect(result.targets.length).toBeGreaterThan(0);
    } finally {
      await sandbox.cleanup();
    }
  });
});
