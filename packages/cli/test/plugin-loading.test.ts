import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDirectory, startCli } from './support/run-cli';

// Which modules the built `chaosgarden` resolves while it loads a cloud plugin, and where it finds the plugin.

const scratch = mkdtempSync(join(tmpdir(), 'chaosgarden-plugin-loading-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A `--import` module for NODE_OPTIONS that appends every resolved specifier and URL to `$RESOLVED_LOG`. */
function resolveLogger(): string {
  const file = join(scratch, 'log-resolves.mjs');
  writeFileSync(
    file,
    `import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
const log = process.env.RESOLVED_LOG;
registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context);
    appendFileSync(log, specifier + ' ' + resolved.url + '\\n');
    return resolved;
  },
});
`,
  );
  return file;
}

/** A user project whose node_modules holds its own `@chaosgarden/aws`: a descriptor with a filter of its own. */
function projectWithOwnPlugin(): string {
  const project = join(scratch, 'project');
  const dir = join(project, 'node_modules', '@chaosgarden', 'aws');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(project, 'package.json'), '{"name":"user-project","private":true}');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: '@chaosgarden/aws', version: '9.9.9', type: 'module', exports: './index.js' }),
  );
  writeFileSync(
    join(dir, 'index.js'),
    `export const plugin = {
  specificationVersion: 'v1', providerType: 'aws', packageName: '@chaosgarden/aws',
  capabilities: {
    computeFailureModes: ['terminate'], networkFailureModes: ['total'], filterKeys: ['servers'],
    reconcileFilters: { servers: 'only the servers these filters select' },
  },
  fromShoot: () => ({ filters: {}, configuration: {}, secrets: {} }),
  load: async () => ({
    reconcile: async (options) => ({
      provider: 'aws', runs: [], found: [], restored: [], removed: [], verified: [], leftovers: [],
      warnings: ['the project plugin reconciled ' + JSON.stringify(options.filters)],
    }),
  }),
};
`,
  );
  return project;
}

describe('loading a cloud plugin', () => {
  it('loads @chaosgarden/aws and its SDK, never @chaosgarden/garden, @chaosgarden/k8s or the Kubernetes client', async () => {
    const cwd = scratchDirectory();
    const log = join(cwd, 'resolved.log');
    writeFileSync(log, '');
    const result = await startCli(['rollback', '--provider', 'aws', '--dry-run'], cwd, {
      NODE_OPTIONS: `--import=${resolveLogger()}`,
      RESOLVED_LOG: log,
    }).done;
    expect(result.code, result.stderr).toBe(0);
    const resolved = readFileSync(log, 'utf8');
    expect(resolved).toMatch(/\/packages\/aws\/dist\/index\.js/);
    expect(resolved).toContain('@aws-sdk/client-ec2');
    for (const heavy of ['@chaosgarden/garden', '/packages/garden/', '@chaosgarden/k8s', '/packages/k8s/']) {
      expect(resolved).not.toContain(heavy);
    }
    expect(resolved).not.toContain('@kubernetes/client-node');
  });

  it("takes the plugin from the user's project first, with the rollback filter flags its capabilities name", async () => {
    const project = projectWithOwnPlugin();
    const help = await startCli(['rollback', '--provider', 'aws', '--help'], project).done;
    expect(help.stdout).toContain('--filter-servers <json>');
    expect(help.stdout).toContain('only the servers these filters select (aws)');
    expect(help.stdout).not.toContain('--filter-vpcs');

    const result = await startCli(['rollback', '--provider', 'aws', '--filter-servers', '{"a":1}'], project)
      .done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('the project plugin reconciled {\\"servers\\":{\\"a\\":1}}');

    const refused = await startCli(['rollback', '--provider', 'aws', '--filter-vpcs', '[]'], project).done;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      '--filter-vpcs: the roll-back of @chaosgarden/aws takes --filter-servers.',
    );
  });
});
