import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createControlPlaneCredentials, kubeconfigYaml } from '../certificates';
import { kubeAccess } from '../connection';
import { etcdHealthy, etcdTools, startEtcd } from '../etcd';
import { expectHealthy, kubeRequest } from '../kube-api';
import { startKubeApiServer } from '../kube-apiserver';
import { startKubeControllerManager } from '../kube-controller-manager';
import { startKubeScheduler } from '../kube-scheduler';
import { kubernetesTools } from '../kubernetes-build';
import { kwokTools, startKwok } from '../kwok';
import { createKwokNodes, defaultKwokNodes } from '../kwok-nodes';
import { freePort, freePorts } from '../processes';
import { settleAll } from '../settle-all';
import type { SandboxStandIn, StandInContext } from '../stand-in';

/**
 * The Kubernetes stand-in: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok with one
 * node per zone, as a graph of promises: a service starts as soon as its binaries and dependencies are ready.
 */
export const standIn: SandboxStandIn = {
  name: 'kubernetes',
  order: 10,
  goTools: [
    { label: 'etcd build', spec: etcdTools },
    { label: 'Kubernetes build', spec: kubernetesTools },
    { label: 'kwok build', spec: kwokTools },
  ],
  components: [
    { name: 'etcd', stopStage: 2, healthy: (connection) => etcdHealthy(connection.etcdUrl) },
    {
      name: 'kube-apiserver',
      stopStage: 1,
      healthy: (connection) => expectHealthy(kubeAccess(connection), '/readyz'),
    },
    {
      name: 'kube-controller-manager',
      healthy: (connection) =>
        expectHealthy(
          { server: connection.kubeControllerManagerUrl, caPem: kubeAccess(connection).caPem },
          '/healthz',
        ),
    },
    {
      name: 'kube-scheduler',
      healthy: (connection) =>
        expectHealthy(
          { server: connection.kubeSchedulerUrl, caPem: kubeAccess(connection).caPem },
          '/readyz',
        ),
    },
    {
      name: 'kwok',
      healthy: async (connection) => {
        const response = await kubeRequest<{
          items: { status?: { conditions?: { type: string; status: string }[] } }[];
        }>(kubeAccess(connection), 'GET', '/api/v1/nodes?labelSelector=type%3Dkwok');
        const ready = response.body.items.filter((node) =>
          node.status?.conditions?.some(
            (condition) => condition.type === 'Ready' && condition.status === 'True',
          ),
        );
        if (ready.length < connection.nodes.length) {
          throw new Error(`${ready.length} of ${connection.nodes.length} kwok nodes Ready`);
        }
      },
    },
  ],
  start: startKubernetes,
};

async function startKubernetes(context: StandInContext) {
  const { paths, step } = context;
  const [etcdBuild, kubernetesBuild, kwokBuild] = context.goTools as [
    (typeof context.goTools)[0],
    (typeof context.goTools)[0],
    (typeof context.goTools)[0],
  ];
  const credentials = step('certificates and tokens', () =>
    createControlPlaneCredentials(paths.kubeDir, join(paths.logsDir, 'certificates.log')),
  );
  const etcd = etcdBuild.then((built) =>
    step('etcd', async () => {
      const [client = 0, peer = 0] = await freePorts(2);
      return startEtcd(paths, built.binDir, { client, peer });
    }),
  );
  const caPem = credentials.then(({ caCertPath }) => readFile(caCertPath, 'utf8'));
  const apiServer = Promise.all([kubernetesBuild, etcd, credentials, caPem]).then(
    ([built, etcdService, creds, ca]) =>
      step('kube-apiserver', async () =>
        startKubeApiServer(paths, built.binDir, {
          port: await freePort(),
          etcdUrl: etcdService.url,
          credentials: creds,
          caPem: ca,
        }),
      ),
  );
  const kubeconfigs = Promise.all([apiServer, credentials, caPem]).then(async ([api, creds, ca]) => {
    const write = async (file: string, user: string, token: string) => {
      await writeFile(file, kubeconfigYaml({ server: api.url, caPem: ca, user, token }), { mode: 0o600 });
      return file;
    };
    return {
      admin: await write(paths.kubeconfigPath, 'sandbox-admin', creds.tokens.admin),
      controllerManager: await write(
        join(paths.kubeDir, 'controller-manager.kubeconfig'),
        'kcm',
        creds.tokens.controllerManager,
      ),
      scheduler: await write(
        join(paths.kubeDir, 'scheduler.kubeconfig'),
        'scheduler',
        creds.tokens.scheduler,
      ),
      kwok: await write(join(paths.kubeDir, 'kwok.kubeconfig'), 'kwok', creds.tokens.kwok),
    };
  });
  const admin = Promise.all([apiServer, credentials, caPem]).then(([api, creds, ca]) => ({
    server: api.url,
    caPem: ca,
    token: creds.tokens.admin,
  }));
  const controllerManager = Promise.all([kubernetesBuild, kubeconfigs, credentials, admin]).then(
    ([built, files, creds, access]) =>
      step('kube-controller-manager', async () =>
        startKubeControllerManager(paths, built.binDir, {
          port: await freePort(),
          kubeconfigPath: files.controllerManager,
          credentials: creds,
          admin: access,
        }),
      ),
  );
  const scheduler = Promise.all([kubernetesBuild, kubeconfigs, credentials, caPem]).then(
    ([built, files, creds, ca]) =>
      step('kube-scheduler', async () =>
        startKubeScheduler(paths, built.binDir, {
          port: await freePort(),
          kubeconfigPath: files.scheduler,
          credentials: creds,
          caPem: ca,
        }),
      ),
  );
  const nodes = defaultKwokNodes(context.region);
  const kwok = Promise.all([kwokBuild, kubeconfigs, admin]).then(([built, files, access]) =>
    step(`kwok and nodes ${nodes.map((node) => node.zone).join(', ')}`, async () => {
      const record = await startKwok(paths, built.binDir, { kubeconfigPath: files.kwok });
      await createKwokNodes(access, nodes, { kwokProcess: record });
      return record;
    }),
  );

  await settleAll([
    credentials,
    etcdBuild,
    kubernetesBuild,
    kwokBuild,
    etcd,
    caPem,
    apiServer,
    kubeconfigs,
    admin,
    controllerManager,
    scheduler,
    kwok,
  ]);
  const [etcdBuilt, kubernetesBuilt, kwokBuilt] = await Promise.all([etcdBuild, kubernetesBuild, kwokBuild]);
  const creds = await credentials;
  return {
    connection: {
      kubeconfigPath: paths.kubeconfigPath,
      kubeApiServerUrl: (await apiServer).url,
      kubeCaPath: creds.caCertPath,
      token: creds.tokens.admin,
      etcdUrl: (await etcd).url,
      kubeControllerManagerUrl: (await controllerManager).healthUrl,
      kubeSchedulerUrl: (await scheduler).healthUrl,
      nodes: nodes.map(({ name, zone }) => ({ name, zone })),
      zones: nodes.map(({ zone }) => zone),
    },
    versions: { kubernetes: kubernetesBuilt.version, etcd: etcdBuilt.version, kwok: kwokBuilt.version },
  };
}
