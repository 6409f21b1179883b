import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base';

// Second entry: the health-probe agent, shipped to the cluster as one self-contained file
// (`dist/probe-agent.cjs`, node built-ins only) inside the probe's ConfigMaps.
export default defineConfig(
  packageBuild({ index: 'src/index.ts', 'probe-agent': 'src/health-probe/agent/probe-agent.ts' }),
);
