/**
 * A UTC time as Python prints an aware `datetime` with `str()`: `2024-05-01 10:00:03+00:00` (with
 * `.ffffff` only when there are fractions of a second), as in the Python tool's scheduling lines.
 */
export function formatPythonDatetime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const milliseconds = iso.slice(20, 23);
  const fraction = milliseconds === '000' ? '' : `.${milliseconds}000`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}+00:00`;
}
