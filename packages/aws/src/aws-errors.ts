import {
  ChaosgardenError,
  CloudApiError,
  isAbortError,
  isNotImplementedError,
  isRetryableError,
} from '@chaosgarden/core';
import { providerId } from './provider-id';

const permissionCodes = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
const credentialCodes = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'RequestExpired',
  'CredentialsProviderError',
]);

/**
 * The page a werkzeug-based emulator (moto) sends when its handler raised, e.g. `NotImplementedError`
 * for a filter it does not know. AWS answers in XML, never with this page.
 */
const emulatorCrashText = 'The server encountered an internal error and was unable to complete your request';

/**
 * Maps an SDK error to core's `CloudApiError` (code `cloud-api-error`), keeping it as `cause` and
 * deciding `isRetryable` with core's classification. Errors chaosgarden threw itself and aborts pass
 * through unchanged, so that a stop stays a stop.
 */
export function toCloudApiError(operation: string, error: unknown): unknown {
  if (ChaosgardenError.isInstance(error) || isAbortError(error)) {
    return error;
  }
  const emulatorCrash = isEmulatorCrash(error);
  // An emulator's crash page on a read is an unimplemented filter or feature: the same call fails again.
  // On a change it is moto's handler racing a concurrent change (`dictionary changed size during
  // iteration` in ReplaceNetworkAclAssociation): a retry goes through, and the read-back after
  // blocking checks the effect either way.
  const retryableCrash = emulatorCrash && !isReadOperation(operation);
  return new CloudApiError({
    provider: providerId,
    operation,
    cause: error,
    isRetryable:
      retryableCrash || (!emulatorCrash && !isNotImplementedError(error) && isRetryableError(error)),
    ...hint(operation, error, emulatorCrash && !retryableCrash),
  });
}

function isReadOperation(operation: string): boolean {
  return operation.startsWith('Describe');
}

/** The AWS error code (`UnauthorizedOperation`, `InvalidNetworkAclID.NotFound`, …), if any. */
export function awsErrorCode(error: unknown): string | undefined {
  const cause = CloudApiError.isInstance(error) ? error.cause : error;
  if (typeof cause !== 'object' || cause === null) {
    return undefined;
  }
  const { Code, code, name } = cause as { Code?: unknown; code?: unknown; name?: unknown };
  for (const candidate of [Code, code, name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') {
      return candidate;
    }
  }
  return undefined;
}

function isEmulatorCrash(error: unknown): boolean {
  const response = (error as { $response?: { statusCode?: unknown; body?: unknown } } | null)?.$response;
  return (
    response?.statusCode === 500 &&
    typeof response.body === 'string' &&
    response.body.includes(emulatorCrashText)
  );
}

function hint(operation: string, error: unknown, emulatorCrash: boolean): { hint?: string } {
  const code = awsErrorCode(error) ?? '';
  if (permissionCodes.has(code)) {
    return {
      hint: `The credentials lack the IAM permission ec2:${operation}; docs/aws.md lists the policy the plugin needs.`,
    };
  }
  if (credentialCodes.has(code)) {
    return {
      hint: 'Check the credentials: secrets awsAccessKeyId/awsSecretAccessKey, configuration awsProfileName or awsAssumeRoleArn, or the default AWS credential chain.',
    };
  }
  if (emulatorCrash || isNotImplementedError(error)) {
    return {
      hint: 'The endpoint failed internally, as emulators such as moto do for a feature or filter they do not implement; retrying will not help. See the emulator log.',
    };
  }
  return {};
}
