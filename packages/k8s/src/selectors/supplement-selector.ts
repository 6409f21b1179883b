import { selectorText } from './parse-selector';
import type { SelectorInput } from './selector-types';

/**
 * Appends a requirement to a selector (the Python tool's `supplement_selector`), as garden does for the
 * zone, `kind!=DaemonSet` or a namespace: `"<selector>,<supplement>"`, or just the supplement when the
 * selector is empty. Works for label selectors (`gardener.cloud/role in (controlplane,vpa)`) too.
 */
export function supplementSelector(selector: SelectorInput, supplement: string): string {
  const text = selectorText(selector);
  return text.trim() === '' ? supplement : `${text},${supplement}`;
}
