// The first script of a chaosgarden user, in TypeScript: assess zones 0 and 1 of a Gardener shoot, ask,
// then take zone 0 down for 120 s and zone 1 for 60 s in parallel, and wait for both (each rolls its
// network block back when its time is up). Python, for comparison:
//
//   assess_cloud_provider_filters_impact(zone=0, configuration=configuration)
//   assess_cloud_provider_filters_impact(zone=1, configuration=configuration)
//   input('Continue?')
//   t0 = run_cloud_provider_network_failure_simulation_in_background(mode='total', zone=0, duration=120, configuration=configuration)
//   t1 = run_cloud_provider_network_failure_simulation_in_background(mode='total', zone=1, duration=60, configuration=configuration)
//   t0.join(); t1.join()
//
// Against a real garden: GARDEN_PROJECT=… GARDEN_SHOOT=… KUBECONFIG=<garden kubeconfig> node examples/first-script.ts
// Without GARDEN_PROJECT it runs on the local sandbox (`npm run sandbox -- up`), which it prepares first.
// It asks on a terminal; pass --yes or set CHAOSGARDEN_YES=1 where there is none.
// CHAOSGARDEN_EXAMPLE_SCALE=0.05 shortens the durations (120 s → 6 s, 60 s → 3 s), as its test does.
import { createLogger } from '@chaosgarden/core';
import {
  assessCloudProviderFiltersImpact,
  runCloudProviderNetworkFailureSimulationInBackground,
} from '@chaosgarden/garden';
import { prepareSandboxGarden } from './garden-sandbox.ts';
import { confirm } from './support/confirm.ts';

const logger = createLogger();
const scale = Number(process.env.CHAOSGARDEN_EXAMPLE_SCALE ?? 1);
const seconds = (duration: number) => Math.max(1, Math.round(duration * scale));
if (process.argv.includes('--yes')) process.env.CHAOSGARDEN_YES = '1';

const sandbox = process.env.GARDEN_PROJECT === undefined ? await prepareSandboxGarden() : undefined;
const configuration = {
  gardenProject: process.env.GARDEN_PROJECT ?? sandbox?.project,
  gardenShoot: process.env.GARDEN_SHOOT ?? sandbox?.shoot,
};
const common = { configuration, logger, ...sandbox?.options };

try {
  await assessCloudProviderFiltersImpact({ ...common, zone: 0 });
  await assessCloudProviderFiltersImpact({ ...common, zone: 1 });
  if (await confirm(`Take zone 0 down for ${seconds(120)}s and zone 1 for ${seconds(60)}s?`)) {
    const zone0 = runCloudProviderNetworkFailureSimulationInBackground({
      ...common,
      mode: 'total',
      zone: 0,
      duration: seconds(120),
    });
    const zone1 = runCloudProviderNetworkFailureSimulationInBackground({
      ...common,
      mode: 'total',
      zone: 1,
      duration: seconds(60),
    });
    await Promise.all([zone0.join(), zone1.join()]);
  }
  await sandbox?.report(logger);
} finally {
  await sandbox?.cleanup();
}
