import { describe, expect, it } from 'vitest';
import { ChaosgardenError } from '../errors/chaosgarden-error';
import { CloudApiError } from '../errors/cloud-api-error';
import { httpStatusOf } from './error-shape';
import { retryAfterMs } from './retry-after';
import { isNotImplementedError, isRetryableError } from './retryable-error';

/** An error of the given name carrying extra SDK-style fields. */
function sdkError(name: string, fields: Record<string, unknown> = {}, message = 'failed'): Error {
  return Object.assign(Object.assign(new Error(message), { name }), fields);
}

describe('isRetryableError', () => {
  it.each([
    ['AWS throttling with HTTP 400', sdkError('ThrottlingException', { $metadata: { httpStatusCode: 400 } })],
    ['EC2 RequestLimitExceeded', sdkError('RequestLimitExceeded', { $metadata: { httpStatusCode: 503 } })],
    ['EC2ThrottledException', sdkError('EC2ThrottledException')],
    ['Throttling as code', sdkError('Error', { code: 'Throttling' })],
    ['S3 SlowDown', sdkError('SlowDown')],
    ['PriorLimitExceeded', sdkError('PriorLimitExceeded')],
    ['Alibaba Throttling.User', sdkError('Error', { code: 'Throttling.User' })],
    ['Azure RestError 429', sdkError('RestError', { statusCode: 429, code: 'TooManyRequests' })],
    ['HTTP 503 in status', sdkError('HttpError', { status: 503 })],
    ['HTTP 500 in response.status', sdkError('AxiosError', { response: { status: 500 } })],
    [
      'HTTP 502 as numeric code (Kubernetes client)',
      sdkError('ApiException', { code: 502, body: 'bad gateway' }),
    ],
    ['HTTP 408', sdkError('Error', { statusCode: 408 })],
    ['gRPC UNAVAILABLE (Google)', sdkError('GoogleError', { code: 14 })],
    ['ECONNRESET', sdkError('Error', { code: 'ECONNRESET' })],
    ['EAI_AGAIN', sdkError('Error', { code: 'EAI_AGAIN' })],
    [
      'fetch failed with an undici socket cause',
      new TypeError('fetch failed', { cause: sdkError('SocketError', { code: 'UND_ERR_SOCKET' }) }),
    ],
    [
      'AWS $retryable marker',
      sdkError('SomethingTransient', { $retryable: {}, $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a ChaosgardenError marked retryable',
      new CloudApiError({ operation: 'x', cause: new Error('y'), isRetryable: true }),
    ],
  ])('retries %s', (_, error) => {
    expect(isRetryableError(error)).toBe(true);
  });

  it.each([
    [
      'moto NotImplementedError as HTTP 500',
      sdkError(
        'InternalFailure',
        { $metadata: { httpStatusCode: 500 } },
        'The filter xyz for DescribeInstances has not been implemented in Moto yet.',
      ),
    ],
    ['a NotYetImplemented code', sdkError('NotYetImplemented', { $metadata: { httpStatusCode: 500 } })],
    [
      'a NotImplemented word in the body',
      sdkError('UnknownError', { statusCode: 500, body: { Code: 'NotImplementedError' } }),
    ],
    ['HTTP 501', sdkError('Error', { statusCode: 501 })],
    [
      'HTTP 400 InvalidParameterValue',
      sdkError('InvalidParameterValue', { $metadata: { httpStatusCode: 400 } }),
    ],
    ['HTTP 403', sdkError('UnauthorizedOperation', { $metadata: { httpStatusCode: 403 } })],
    ['HTTP 404 as numeric code', sdkError('ApiException', { code: 404 })],
    ['a plain Error', new Error('boom')],
    ['a plain TypeError', new TypeError('x is not a function')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['an abort', new DOMException('aborted', 'AbortError')],
    [
      'a ChaosgardenError not marked retryable, even around a 503',
      new ChaosgardenError('x', 'y', { cause: sdkError('E', { statusCode: 503 }) }),
    ],
  ])('does not retry %s', (_, error) => {
    expect(isRetryableError(error)).toBe(false);
  });
});

describe('isNotImplementedError', () => {
  it('recognises moto answers and leaves ordinary server errors alone', () => {
    expect(
      isNotImplementedError(sdkError('Error', { statusCode: 500 }, 'NotImplementedError: describe_foo')),
    ).toBe(true);
    expect(
      isNotImplementedError(
        sdkError('InternalError', { statusCode: 500 }, 'We encountered an internal error.'),
      ),
    ).toBe(false);
  });
});

describe('httpStatusOf', () => {
  it('reads the status from the common shapes and ignores codes that are not HTTP statuses', () => {
    expect(httpStatusOf({ $metadata: { httpStatusCode: 503 } })).toBe(503);
    expect(httpStatusOf({ response: { statusCode: 404 } })).toBe(404);
    expect(httpStatusOf({ code: '429' })).toBe(429);
    expect(httpStatusOf({ code: 14 })).toBeUndefined();
    expect(httpStatusOf({ code: 'ECONNRESET' })).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, HTTP dates, Azure millisecond headers and fields, also from the cause', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(retryAfterMs({ $response: { headers: { 'retry-after': '3' } } }, now)).toBe(3_000);
    expect(
      retryAfterMs(
        { response: { headers: new Headers({ 'Retry-After': 'Mon, 01 Jan 2024 00:00:10 GMT' }) } },
        now,
      ),
    ).toBe(10_000);
    expect(retryAfterMs({ headers: { 'x-ms-retry-after-ms': '250' } }, now)).toBe(250);
    expect(retryAfterMs({ retryAfter: 2 }, now)).toBe(2_000);
    expect(retryAfterMs(new Error('wrapped', { cause: { retryAfterMs: 40 } }), now)).toBe(40);
    expect(retryAfterMs(new Error('nothing'), now)).toBeUndefined();
  });
});
