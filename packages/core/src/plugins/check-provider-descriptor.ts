import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { CloudProviderDescriptorV1 } from '../provider/v1/provider';

/**
 * Checks that `candidate` is a v1 cloud-provider descriptor (version, provider type, `fromShoot`, `load`,
 * capabilities) and returns it typed. `where` names it in the message (`@chaosgarden/aws's export plugin`).
 *
 * @throws InvalidArgumentError (argument `plugin`) listing every problem.
 */
export function checkProviderDescriptor(candidate: unknown, where: string): CloudProviderDescriptorV1 {
  const descriptor = candidate as Partial<CloudProviderDescriptorV1> | undefined;
  const problems: string[] = [];
  if (typeof descriptor !== 'object' || descriptor === null) {
    problems.push('it is not an object');
  } else {
    if (descriptor.specificationVersion !== 'v1') {
      problems.push(
        `specificationVersion is ${String(descriptor.specificationVersion)}, chaosgarden knows v1`,
      );
    }
    if (typeof descriptor.providerType !== 'string' || descriptor.providerType === '') {
      problems.push('providerType is missing');
    }
    if (typeof descriptor.capabilities !== 'object' || descriptor.capabilities === null) {
      problems.push('capabilities are missing');
    }
    if (typeof descriptor.fromShoot !== 'function') problems.push('fromShoot is not a function');
    if (typeof descriptor.load !== 'function') problems.push('load is not a function');
  }
  if (problems.length > 0) {
    throw new InvalidArgumentError({
      argument: 'plugin',
      message: `${where} is not a chaosgarden v1 cloud-provider descriptor: ${problems.join('; ')}.`,
    });
  }
  return descriptor as CloudProviderDescriptorV1;
}
