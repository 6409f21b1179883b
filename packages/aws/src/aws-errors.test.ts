import { CloudApiError, TerminatedError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { awsErrorCode, toCloudApiError } from './aws-errors';

/** The shape of an AWS SDK v3 service exception. */
function sdkError(name: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status },
    ...extra,
  });
}

describe('toCloudApiError', () => {
  it('keeps the SDK error as cause and marks throttling retryable', () => {
    const cause = sdkError('RequestLimitExceeded', 503);
    const mapped = toCloudApiError('CreateNetworkAcl', cause) as CloudApiError;
    expect(CloudApiError.isInstance(mapped)).toBe(true);
    expect(mapped.cause).toBe(cause);
    expect(mapped.isRetryable).toBe(true);
    expect(mapped.message).toContain(
      'aws CreateNetworkAcl failed: RequestLimitExceeded: RequestLimitExceeded happened',
    );
    expect(awsErrorCode(mapped)).toBe('RequestLimitExceeded');
  });

  it('names the missing IAM action for a permission error, which is not retried', () => {
    const mapped = toCloudApiError(
      'ReplaceNetworkAclAssociation',
      sdkError('UnauthorizedOperation', 403),
    ) as CloudApiError;
    expect(mapped.isRetryable).toBe(false);
    expect(mapped.message).toContain('ec2:ReplaceNetworkAclAssociation');
  });

  it('does not retry a werkzeug error page (moto’s unimplemented filters), although it is a 500', () => {
    const page =
      '<title>500 Internal Server Error</title><p>The server encountered an internal error and was unable to complete your request.</p>';
    const crash = sdkError('Error', 500, { $response: { statusCode: 500, body: page } });
    const mapped = toCloudApiError('DescribeInstances', crash) as CloudApiError;
    expect(mapped.isRetryable).toBe(false);
    expect(mapped.message).toContain('retrying will not help');
    expect(
      (toCloudApiError('DescribeInstances', sdkError('InternalError', 500)) as CloudApiError).isRetryable,
    ).toBe(true);
  });

  it('retries the same page for a change (moto’s handler racing a concurrent change)', () => {
    const page =
      '<title>500 Internal Server Error</title><p>The server encountered an internal error and was unable to complete your request.</p>';
    const crash = sdkError('Error', 500, { $response: { statusCode: 500, body: page } });
    const mapped = toCloudApiError('ReplaceNetworkAclAssociation', crash) as CloudApiError;
    expect(mapped.isRetryable).toBe(true);
    expect(mapped.message).not.toContain('retrying will not help');
  });

  it('lets aborts and chaosgarden’s own errors through unchanged', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const terminated = new TerminatedError();
    expect(toCloudApiError('DescribeVpcs', abort)).toBe(abort);
    expect(toCloudApiError('DescribeVpcs', terminated)).toBe(terminated);
  });
});
