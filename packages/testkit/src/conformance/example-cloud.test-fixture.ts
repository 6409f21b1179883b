// The in-memory "cloud" of the example plugin, its stand-in hook, and the ways to break the plugin's
// behaviour rules one at a time (so that each behaviour group is shown to fail on a plugin breaking it).
import { spawnSync } from 'node:child_process';
import { hostIdentity, InvalidArgumentError, isProcessAlive } from '@chaosgarden/core';
import type { ConformanceStandIn } from './conformance-stand-in';

/** One rule the example plugin can be told to break. */
export type ExampleBreak =
  | 'change-before-intent'
  | 'rollback-fails-when-clean'
  | 'no-lock'
  | 'no-cloud-holder'
  | 'reconcile-leaves-leftover'
  | 'accepts-unknown-options';

export interface ExampleInstance {
  id: string;
  zone: string;
  network: string;
  state: 'running' | 'terminated';
}

/** Who blocked a network: written onto the block, as a plugin writes a holder mark onto its artefact. */
export interface ExampleHolder {
  host: string;
  pid: number;
  runId: string;
}

export interface ExampleCloud {
  instances: ExampleInstance[];
  /** Network id → the block on it. */
  blocks: Map<string, { zone: string; holder: ExampleHolder }>;
  /** Per-machine locks, by state directory and zone. */
  locks: Map<string, ExampleHolder>;
  /** The rule the plugin breaks, if any. */
  broken: ExampleBreak | undefined;
}

export function createExampleCloud(broken?: ExampleBreak): ExampleCloud {
  const cloud: ExampleCloud = { instances: [], blocks: new Map(), locks: new Map(), broken };
  resetExampleCloud(cloud);
  return cloud;
}

function resetExampleCloud(cloud: ExampleCloud): void {
  cloud.instances = [
    { id: 'i-1', zone: 'zone-a', network: 'net-1', state: 'running' },
    { id: 'i-2', zone: 'zone-a', network: 'net-2', state: 'running' },
  ];
  cloud.blocks.clear();
}

/** This process as a holder of `runId`. */
export function currentHolder(runId: string): ExampleHolder {
  return { host: hostIdentity(), pid: process.pid, runId };
}

/** A holder on this host is alive while its process is; one on another host counts as alive. */
export function holderAlive(holder: ExampleHolder): boolean {
  return holder.host !== hostIdentity() || isProcessAlive(holder.pid);
}

/** The stand-in hook the example plugin's conformance test passes. */
export function exampleStandIn(cloud: ExampleCloud): ConformanceStandIn {
  return {
    input: {
      zone: 'zone-a',
      filters: { instances: ['i-1'], networks: ['net-1', 'net-2'] },
      configuration: { region: 'region-1' },
      secrets: { token: 'not-a-real-token' },
    },
    reset: async () => resetExampleCloud(cloud),
    listArtefacts: async () => [...cloud.blocks.keys()].map((id) => ({ id: `block:${id}`, resources: [id] })),
    markRunDead: async () => {
      const pid = spawnSync(process.execPath, ['-e', '0']).pid ?? 0;
      for (const block of cloud.blocks.values()) block.holder = { ...block.holder, pid };
    },
  };
}

/** Refuses an option key outside `known`, unless the plugin is told to accept them. */
export function refuseUnknownOptions(cloud: ExampleCloud, options: object, known: readonly string[]): void {
  if (cloud.broken === 'accepts-unknown-options') return;
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new InvalidArgumentError({
      argument: unknown,
      message: `Unknown option ${unknown} (options are ${known.join(', ')}).`,
    });
  }
}

/** The options every action takes. */
export const commonOptionKeys = [
  'zone',
  'filters',
  'configuration',
  'secrets',
  'signal',
  'logger',
  'maxTargets',
  'allowEmptyFilters',
  'ledger',
  'stateDirectory',
];
