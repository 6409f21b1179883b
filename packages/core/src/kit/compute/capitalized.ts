/** `instances` → `Instances`: a noun at the start of a log line. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
