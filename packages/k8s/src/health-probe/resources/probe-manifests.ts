import {
  agentFileName,
  probeGroup,
  probeNamespace,
  roleLabel,
  webhookServiceHost,
  zoneLabel,
} from './probe-resource-names';
import type { WebhookTls } from './self-signed-certificate';

/** A Kubernetes object to create, as JSON. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface ProbeManifestOptions {
  /** `max(1, number of distinct zones)`: one probe and one suicidal pod per zone. */
  readonly replicas: number;
  /** The bundled agent program (JavaScript), put into both source ConfigMaps. */
  readonly agentSource: string;
  /** Container image with `node` on the path. */
  readonly image: string;
  readonly tls: WebhookTls;
}

/** The probe's resources in creation order (spec §2); cleanup walks them backwards. */
export function probeManifests(options: ProbeManifestOptions): Manifest[] {
  const namespace = probeNamespace;
  const certificate = Buffer.from(options.tls.certificatePem).toString('base64');
  return [
    heartbeatDefinition('Heartbeat', 'heartbeat', 'heartbeats', 'hb'),
    heartbeatDefinition('AcknowledgedHeartbeat', 'acknowledgedheartbeat', 'acknowledgedheartbeats', 'ahb'),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'probe', namespace } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'chaos-garden-probe' },
      rules: [
        { apiGroups: [''], resources: ['configmaps', 'nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['*'] },
        { apiGroups: ['dns.gardener.cloud'], resources: ['dnsentries'], verbs: ['*'] },
        { apiGroups: [probeGroup], resources: ['heartbeats', 'acknowledgedheartbeats'], verbs: ['*'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'chaos-garden-probe' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'chaos-garden-probe' },
      subjects: [{ kind: 'ServiceAccount', name: 'probe', namespace }],
    },
    sourceConfigMap('probe-pod-source', options.agentSource),
    sourceConfigMap('suicidal-pod-source', options.agentSource),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'probe-webhook-tls', namespace },
      data: { 'webhook.crt': certificate, 'webhook.key': Buffer.from(options.tls.keyPem).toString('base64') },
    },
    probeDeployment(options),
    suicidalDeployment(options),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'probe',
        namespace,
        annotations: { 'service.kubernetes.io/topology-aware-hints': 'auto' },
      },
      spec: {
        selector: { [roleLabel]: 'probe' },
        ports: [{ port: 80, protocol: 'TCP', targetPort: 'flask-port' }],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'chaos-garden-probe-webhook' },
      webhooks: [
        {
          name: webhookServiceHost,
          admissionReviewVersions: ['v1'],
          failurePolicy: 'Ignore',
          sideEffects: 'None',
          timeoutSeconds: 15,
          rules: [
            {
              apiGroups: [probeGroup],
              apiVersions: ['*'],
              resources: ['acknowledgedheartbeats'],
              operations: ['CREATE'],
            },
          ],
          clientConfig: {
            service: { name: 'probe', namespace, port: 80, path: '/webhook' },
            caBundle: certificate,
          },
        },
      ],
    },
  ];
}

function heartbeatDefinition(kind: string, singular: string, plural: string, shortName: string): Manifest {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${probeGroup}` },
    spec: {
      group: probeGroup,
      names: { kind, singular, plural, shortNames: [shortName] },
      scope: 'Cluster',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { ready: { type: 'boolean' }, payload: { type: 'string' } },
            },
          },
        },
      ],
    },
  };
}

function sourceConfigMap(name: string, agentSource: string): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: probeNamespace },
    data: { [agentFileName]: agentSource },
  };
}

const podDirectory = {
  name: 'pod',
  downwardAPI: {
    items: [
      { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
      { path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } },
    ],
  },
};

function sourceVolume(configMap: string) {
  return {
    name: 'app',
    configMap: { name: configMap, items: [{ key: agentFileName, path: agentFileName, mode: 0o755 }] },
  };
}

function deployment(role: string, replicas: number, pod: Record<string, unknown>): Manifest {
  const labels = { [roleLabel]: role };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: role, namespace: probeNamespace },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          ...pod,
          topologySpreadConstraints: [
            {
              topologyKey: zoneLabel,
              maxSkew: 1,
              minDomains: 10,
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: labels },
            },
          ],
          tolerations: ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready'].map((key) => ({
            key,
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 0,
          })),
          serviceAccountName: 'probe',
        },
      },
    },
  };
}

function probeDeployment(options: ProbeManifestOptions): Manifest {
  return deployment('probe', options.replicas, {
    containers: [
      {
        name: 'probe',
        image: options.image,
        imagePullPolicy: 'IfNotPresent',
        command: ['node', `/app/${agentFileName}`, 'probe'],
        readinessProbe: {
          httpGet: { scheme: 'HTTPS', port: 8080, path: '/readyz' },
          initialDelaySeconds: 5,
          periodSeconds: 5,
          failureThreshold: 1,
        },
        ports: [{ containerPort: 8080, name: 'flask-port' }],
        volumeMounts: [
          { name: 'app', mountPath: '/app', readOnly: true },
          { name: 'tls', mountPath: '/tls', readOnly: true },
          { name: 'pod', mountPath: '/pod', readOnly: true },
        ],
      },
    ],
    volumes: [
      sourceVolume('probe-pod-source'),
      { name: 'tls', secret: { secretName: 'probe-webhook-tls' } },
      podDirectory,
    ],
    terminationGracePeriodSeconds: 60,
  });
}

function suicidalDeployment(options: ProbeManifestOptions): Manifest {
  return deployment('probe-suicidal-pods', options.replicas, {
    containers: [
      {
        name: 'probe-suicidal-pod',
        image: options.image,
        imagePullPolicy: 'IfNotPresent',
        command: ['node', `/app/${agentFileName}`, 'suicidal'],
        volumeMounts: [
          { name: 'app', mountPath: '/app', readOnly: true },
          { name: 'pod', mountPath: '/pod', readOnly: true },
        ],
      },
    ],
    volumes: [sourceVolume('suicidal-pod-source'), podDirectory],
    terminationGracePeriodSeconds: 0,
  });
}
