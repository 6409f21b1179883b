import { z } from 'zod';

const name = z.string().min(1, 'must be a non-empty string');
const argumentsSchema = z.record(z.string(), z.unknown());
const secretScopes = z.array(name);

/** Our own provider: an npm package and the camelCase function it exports. */
const chaosgardenProvider = z.looseObject({
  type: z.literal('chaosgarden'),
  package: name,
  function: name,
  arguments: argumentsSchema.optional(),
  secrets: secretScopes.optional(),
});

/** The Python tool's provider: module and snake_case function, mapped by core's naming rule. */
const pythonProvider = z.looseObject({
  type: z.literal('python'),
  module: name,
  func: name,
  arguments: argumentsSchema.optional(),
  secrets: secretScopes.optional(),
});

/** Chaos Toolkit's `process` provider: runs a program, output is its exit status and streams. */
const processProvider = z.looseObject({
  type: z.literal('process'),
  path: name,
  arguments: z.union([z.string(), z.array(z.unknown())]).optional(),
  timeout: z.number().positive().optional(),
});

/** Chaos Toolkit's `http` provider: one request, output is status, headers and body. */
const httpProvider = z.looseObject({
  type: z.literal('http'),
  url: name,
  method: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  arguments: z.unknown().optional(),
  timeout: z.number().positive().optional(),
  expected_status: z.number().int().optional(),
});

export const providerSchema = z.discriminatedUnion('type', [
  chaosgardenProvider,
  pythonProvider,
  processProvider,
  httpProvider,
]);

const pauses = z.strictObject({
  before: z.number().nonnegative().optional(),
  after: z.number().nonnegative().optional(),
});

/** One action or probe of the hypothesis, method or rollbacks. */
export const activitySchema = z.looseObject({
  type: z.enum(['action', 'probe']),
  name,
  provider: providerSchema,
  background: z.boolean().optional(),
  pauses: pauses.optional(),
  tolerance: z.unknown().optional(),
});

const configurationValue = z.unknown();

export const experimentSchema = z.looseObject({
  title: name,
  description: z.string().optional(),
  configuration: z.record(z.string(), configurationValue).optional(),
  secrets: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  'steady-state-hypothesis': z
    .looseObject({ title: name, probes: z.array(activitySchema).optional() })
    .optional(),
  method: z.array(activitySchema).min(1, 'must list at least one activity'),
  rollbacks: z.array(activitySchema).optional(),
});

export type ProviderSpec = z.infer<typeof providerSchema>;
export type ActivitySpec = z.infer<typeof activitySchema>;
export type ExperimentSpec = z.infer<typeof experimentSchema>;
