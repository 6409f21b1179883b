import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GoToolsModule } from './go-build';
import { type ProcessRecord, spawnDetached } from './processes';
import { captureCommand } from './run-command';
import type { SandboxPaths } from './state-directory';

/** kwok marks the nodes it acts for with this annotation (`--manage-nodes-with-annotation-selector`). */
export const kwokNodeAnnotation = { key: 'kwok.x-k8s.io/node', value: 'fake' } as const;

// The stages kwokctl applies by default (pkg/kwokctl/runtime/cluster.go): nodes become Ready and renew their
// Lease; pods on managed nodes become Running (podIP, hostIP, conditions), Job pods Succeeded, and pods with a
// deletionTimestamp are deleted, which completes graceful deletion as a kubelet would. The standalone kwok
// binary embeds none of them, so they are copied from the pinned module's source at build time.
const stageFiles = [
  'kustomize/stage/node/fast/node-initialize.yaml',
  'kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'kustomize/stage/pod/fast/pod-ready.yaml',
  'kustomize/stage/pod/fast/pod-complete.yaml',
  'kustomize/stage/pod/fast/pod-delete.yaml',
  // Opt-in per node: label it `node-not-ready.stage.kwok.x-k8s.io=true` and kwok reports it NotReady.
  'kustomize/stage/node/chaos/node-not-ready.yaml',
];

/** kwok from `tools/kwok`, plus `stages.yaml` next to the binary. */
export const kwokTools: GoToolsModule = {
  component: 'kwok',
  directory: 'kwok',
  versionModule: 'sigs.k8s.io/kwok',
  packages: ['sigs.k8s.io/kwok/cmd/kwok'],
  ldflags: (version) => [`-X sigs.k8s.io/kwok/pkg/consts.Version=${version.replace(/^v/, '')}`],
  afterBuild: async ({ binDir, moduleDir }) => {
    const sourceDir = await captureCommand('go', ['list', '-m', '-f', '{{.Dir}}', 'sigs.k8s.io/kwok'], {
      cwd: moduleDir,
    });
    const stages = await Promise.all(stageFiles.map((file) => readFile(join(sourceDir, file), 'utf8')));
    await writeFile(join(binDir, 'stages.yaml'), stages.map((stage) => stage.trim()).join('\n---\n'));
  },
  afterBuildRevision: stageFiles.join(','),
};

/**
 * Starts kwok as the kubelet of every node annotated `kwok.x-k8s.io/node=fake`. No `--server-address`: kwok then
 * opens no port at all. Readiness is checked by the caller, through the nodes it creates.
 */
export async function startKwok(
  paths: SandboxPaths,
  binDir: string,
  options: { kubeconfigPath: string },
): Promise<ProcessRecord> {
  return spawnDetached({
    name: 'kwok',
    command: join(binDir, 'kwok'),
    args: [
      `--kubeconfig=${options.kubeconfigPath}`,
      `--config=${join(binDir, 'stages.yaml')}`,
      `--manage-nodes-with-annotation-selector=${kwokNodeAnnotation.key}=${kwokNodeAnnotation.value}`,
      '--node-lease-duration-seconds=40',
      '--cidr=10.244.0.0/16',
      '--node-ip=10.0.0.1',
    ],
    logFile: join(paths.logsDir, 'kwok.log'),
    processesDir: paths.processesDir,
    ownerMarker: paths.stateDir,
    // kwok reads ~/.kwok/kwok.yaml too; a HOME inside the state directory keeps a user's file out.
    env: { HOME: paths.kubeDir },
  });
}
