#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { readSandboxConnection, type SandboxConnection } from './connection';
import { environmentShell, sandboxDown, sandboxStatus, sandboxUp } from './sandbox';
import { parseOnly, type StandaloneService, standaloneServices } from './sandbox-only';
import { sandboxPaths } from './state-directory';

const usage = `Usage: npm run sandbox -- <command> [--json]

  up      install and build what is missing, start every emulator, write .sandbox/env.json and env.sh
          --only ${standaloneServices.join(',')}: start only that stand-in (no Kubernetes, no Go needed)
  down    stop exactly the processes "up" started
  status  show which services run and answer (exit code 1 unless all do)
  env     print the connection details as shell exports (or JSON with --json)

Environment: CHAOSGARDEN_CACHE_DIR (builds and virtualenvs, default ~/.cache/chaosgarden),
CHAOSGARDEN_SANDBOX_DIR (state, default <project>/.sandbox), CHAOSGARDEN_PYTHON (default python3).`;

function summary(connection: SandboxConnection): string {
  const { versions } = connection;
  const environment = `  environment      . ${sandboxPaths({ stateDir: connection.stateDir }).envShellPath}`;
  if (connection.services !== undefined) {
    const moto = `  moto (EC2)       ${connection.awsEndpoint}  region ${connection.awsRegion}  (moto ${versions.moto})`;
    return [...(connection.services.includes('moto') ? [moto] : []), environment].join('\n');
  }
  return [
    `  kube-apiserver   ${connection.kubeApiServerUrl}  (Kubernetes ${versions.kubernetes}, etcd ${versions.etcd})`,
    `  kwok nodes       ${connection.nodes.map((node) => `${node.name} (${node.zone})`).join(', ')}  (kwok ${versions.kwok})`,
    `  kubeconfig       ${connection.kubeconfigPath}`,
    `  moto (EC2)       ${connection.awsEndpoint}  region ${connection.awsRegion}  (moto ${versions.moto})`,
    `  reference python ${connection.referencePython}  (chaosgarden ${versions.chaosgarden})`,
    environment,
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...flags] = argv;
  const json = flags.includes('--json');
  const only = onlyFlag(flags);
  const started = Date.now();
  switch (command) {
    case 'up': {
      const { connection, reused } = await sandboxUp(only === undefined ? {} : { only });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        json
          ? JSON.stringify(connection, null, 2)
          : `Sandbox ${reused ? 'already up' : 'up'} (${seconds} s):\n${summary(connection)}`,
      );
      return 0;
    }
    case 'down': {
      const { stopped } = await sandboxDown();
      console.log(stopped.length > 0 ? `Stopped ${stopped.join(', ')}` : 'Nothing was running');
      return 0;
    }
    case 'status': {
      const status = await sandboxStatus();
      if (json) {
        console.log(
          JSON.stringify(
            {
              up: status.up,
              current: status.current,
              components: status.components,
              strayProcesses: status.strayProcesses,
            },
            null,
            2,
          ),
        );
      } else {
        for (const component of status.components) {
          const pid = component.pid ? `pid ${component.pid}` : '';
          console.log(
            `${component.healthy ? '✓' : '✗'} ${component.name.padEnd(24)} ${pid.padEnd(11)} ${component.detail}`,
          );
        }
        if (status.connection && !status.current) {
          console.log(
            '! outdated: tools/ or the Python requirements changed since it started; run up to restart',
          );
        }
        if (status.strayProcesses.length > 0)
          console.log(`! stray processes: ${status.strayProcesses.join(', ')}`);
        console.log(status.up ? 'Sandbox is up' : 'Sandbox is not up: npm run sandbox -- up');
      }
      return status.up ? 0 : 1;
    }
    case 'env': {
      const connection = readSandboxConnection();
      if (json) console.log(readFileSync(sandboxPaths().envJsonPath, 'utf8').trimEnd());
      else process.stdout.write(environmentShell(connection));
      return 0;
    }
    default:
      console.error(usage);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

/** `--only moto` or `--only=moto`; undefined without the flag. */
function onlyFlag(flags: readonly string[]): StandaloneService[] | undefined {
  const index = flags.findIndex((flag) => flag === '--only' || flag.startsWith('--only='));
  if (index < 0) return undefined;
  const flag = flags[index] ?? '';
  return parseOnly(flag.startsWith('--only=') ? flag.slice('--only='.length) : (flags[index + 1] ?? ''));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
