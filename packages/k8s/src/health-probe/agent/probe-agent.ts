import { agentLog, errorText } from './agent-log';
import { readAgentSettings } from './agent-settings';
import { AgentState, runProbeAgent, runSuicidalAgent } from './run-agent';

// Entry point of the bundled agent (`probe-agent.cjs`): `node probe-agent.cjs probe|suicidal`.
const state = new AgentState();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const) {
  process.on(signal, () => {
    agentLog(`Received ${signal}, terminating.`);
    state.terminate();
  });
}

async function main(): Promise<number> {
  const settings = readAgentSettings(process.argv.slice(2), process.env);
  if (settings.role === 'suicidal') return runSuicidalAgent(settings);
  await runProbeAgent(settings, state);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    agentLog(`Probe agent failed: ${errorText(error)}`);
    process.exit(1);
  },
);
