import type { ReconcilePlace } from '@chaosgarden/core';
import type { LedgerBlock } from './reconcile-scan';

/** One account endpoint and region to look in, with what the ledgers announced there. */
export interface AwsPlace extends ReconcilePlace {
  configuration: Record<string, unknown>;
  blocks: LedgerBlock[];
}

/**
 * Where to look: the configured region (and endpoint), every region and endpoint the ledgers' runs
 * recorded, and, when neither says anything, the environment's region (`AWS_REGION`).
 */
export function placesToLook(
  given: Readonly<Record<string, unknown>> | undefined,
  blocks: readonly LedgerBlock[],
): AwsPlace[] {
  const configuration = { ...(given ?? {}) };
  const explicitRegion =
    (configuration.awsRegion as string | undefined) ?? (configuration.aws_region as string | undefined);
  const environmentRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const configuredEndpoint =
    (configuration.awsEndpointUrl as string | undefined) ??
    (configuration.aws_endpoint_url as string | undefined);
  const places = new Map<string, Omit<AwsPlace, 'runIds'>>();
  const placeFor = (region: string, endpoint: string | undefined) => {
    const key = JSON.stringify([region, endpoint ?? null]);
    let place = places.get(key);
    if (place === undefined) {
      const { aws_region: _region, aws_endpoint_url: _endpoint, ...rest } = configuration;
      place = {
        configuration: {
          ...rest,
          awsRegion: region,
          ...(endpoint === undefined ? {} : { awsEndpointUrl: endpoint }),
        },
        label: endpoint === undefined ? region : `${region} at ${endpoint}`,
        blocks: [],
      };
      places.set(key, place);
    }
    return place;
  };
  if (explicitRegion !== undefined && explicitRegion !== '') {
    placeFor(explicitRegion, configuredEndpoint);
  }
  for (const block of blocks) {
    const region = block.region ?? explicitRegion ?? environmentRegion;
    if (region === undefined) continue;
    placeFor(region, configuredEndpoint ?? block.endpointUrl).blocks.push(block);
  }
  // The environment's region is searched only when nothing else says where to look: a ledger's runs
  // name their own region and endpoint, and searching the environment's next to it could reach AWS
  // itself when the runs were against an emulator.
  if (places.size === 0 && environmentRegion !== undefined && environmentRegion !== '') {
    placeFor(environmentRegion, configuredEndpoint);
  }
  return [...places.values()].map((place) => ({
    ...place,
    runIds: [...new Set(place.blocks.map((block) => block.runId))],
  }));
}
