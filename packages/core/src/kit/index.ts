export { describeError } from './describe-error';
export { formatPythonDatetime } from './format-python-datetime';
export { isAbortError, isStopError } from './is-abort-error';
export { mapWithConcurrency, settledValues } from './map-with-concurrency';
export type { ChangeRecorder } from './recorded-change';
export { recordedChange } from './recorded-change';
export { defaultCallConcurrency, settleWithConcurrency } from './settle-with-concurrency';
