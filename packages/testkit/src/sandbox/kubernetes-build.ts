import type { GoToolsModule } from './go-build';

/**
 * kube-apiserver, kube-controller-manager and kube-scheduler from `tools/k8s`: a module that requires
 * k8s.io/kubernetes and replaces its `k8s.io/*` staging modules with the matching `v0.x` releases (the
 * `v0.0.0` + `./staging` replaces in Kubernetes' own go.mod do not apply to a dependency).
 */
export const kubernetesTools: GoToolsModule = {
  component: 'k8s',
  directory: 'k8s',
  versionModule: 'k8s.io/kubernetes',
  packages: [
    'k8s.io/kubernetes/cmd/kube-apiserver',
    'k8s.io/kubernetes/cmd/kube-controller-manager',
    'k8s.io/kubernetes/cmd/kube-scheduler',
  ],
  ldflags: (version) => {
    const minor = version.split('.')[1] ?? '';
    return [
      `-X k8s.io/component-base/version.gitVersion=${version}`,
      '-X k8s.io/component-base/version.gitMajor=1',
      `-X k8s.io/component-base/version.gitMinor=${minor}`,
      '-X k8s.io/component-base/version.gitTreeState=clean',
    ];
  },
};
