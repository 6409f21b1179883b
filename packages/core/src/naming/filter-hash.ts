import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { pythonStr } from './python-repr';

const loneSurrogate = /\p{Cs}/u;

/**
 * The Python tool's `H(x)`: the first 16 lower-case hex characters of MD5 over the UTF-8 bytes of `x`
 * itself when `x` is a string (Azure, GCP filters), else of `pythonRepr(x)` (AWS subnets list, OpenStack
 * servers map, vSphere virtual-machines map). Artefact names built from it let a port find, and roll back,
 * what the Python tool created.
 *
 * @throws InvalidArgumentError when the string holds a lone surrogate: Python cannot encode it, so no
 * artefact of the Python tool can carry its hash.
 */
export function filterHash(filter: unknown): string {
  const text = pythonStr(filter);
  if (loneSurrogate.test(text)) {
    throw new InvalidArgumentError({
      argument: 'filters',
      message:
        'The filter contains a lone UTF-16 surrogate, which has no UTF-8 encoding; fix the filter text.',
    });
  }
  return createHash('md5').update(text, 'utf8').digest('hex').slice(0, 16);
}
