import { InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { loadAgentSource, stripSourceMapComment } from './agent-source';

describe('the agent source', () => {
  it('drops the source-map comment, which would point at a file the cluster does not get', () => {
    expect(stripSourceMapComment("'use strict';\nmain();\n//# sourceMappingURL=probe-agent.cjs.map\n")).toBe(
      "'use strict';\nmain();\n",
    );
  });

  it('asks for a build or agentSource when the bundle is not next to the module (running from source)', () => {
    expect(() => loadAgentSource()).toThrow(InvalidArgumentError);
    expect(() => loadAgentSource()).toThrow(/npm run build -w @chaosgarden\/k8s\) or pass agentSource/);
  });
});
