import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requiredVersion } from './go-build';
import { pinnedVersion } from './python-environment';
import { testkitPackageDir } from './recipe-files';

const recipes = testkitPackageDir();
const read = (...parts: string[]) => readFileSync(join(recipes, ...parts), 'utf8');

describe('the pinned sandbox versions', () => {
  it('reads the Go tools versions from tools/*/go.mod, replacing every Kubernetes staging module', () => {
    const k8s = read('tools', 'k8s', 'go.mod');
    const kubernetes = requiredVersion(k8s, 'k8s.io/kubernetes');
    expect(kubernetes).toMatch(/^v1\.\d+\.\d+$/);
    const staging = `v0.${kubernetes.slice('v1.'.length)}`;
    for (const module of ['k8s.io/api', 'k8s.io/apiserver', 'k8s.io/client-go', 'k8s.io/kubelet']) {
      expect(k8s).toContain(`replace ${module} => ${module} ${staging}`);
    }
    expect(k8s).not.toMatch(/=> k8s\.io\/\S+ v0\.0\.0/);
    expect(requiredVersion(read('tools', 'etcd', 'go.mod'), 'go.etcd.io/etcd/server/v3')).toMatch(
      /^v3\.\d+\.\d+$/,
    );
    expect(requiredVersion(read('tools', 'kwok', 'go.mod'), 'sigs.k8s.io/kwok')).toMatch(/^v0\.\d+\.\d+$/);
  });

  it('reads the Python pins and finds every requirement hash-pinned', () => {
    for (const [file, name] of [
      ['requirements-moto.txt', 'moto'],
      ['requirements-reference.txt', 'chaosgarden'],
    ] as const) {
      const requirements = read('python', file);
      expect(pinnedVersion(requirements, name)).toMatch(/^\d+\.\d+\.\d+$/);
      const pins = requirements.split('\n').filter((line) => /^[a-z0-9]/i.test(line));
      for (const pin of pins) expect(pin).toMatch(/^\S+==\S+ \\$/);
    }
  });
});
