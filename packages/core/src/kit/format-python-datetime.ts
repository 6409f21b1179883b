/**
 * A UTC time as Python's `str()` prints an aware `datetime`, which is how the Python tool logged due
 * times: `2024-05-01 10:00:00+00:00`, with `.ffffff` microseconds only when they are not zero.
 */
export function formatPythonDatetime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const milliseconds = iso.slice(20, 23);
  const fraction = milliseconds === '000' ? '' : `.${milliseconds}000`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}+00:00`;
}
