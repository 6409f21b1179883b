/**
 * A UTC time as Python's `str()` prints an aware `datetime`, which is how the Python tool logged due
 * times (`LaunchTime` from boto3 plus a `timedelta`): `2024-05-01 10:00:00+00:00`, with `.ffffff`
 * microseconds only when they are not zero.
 */
export function pythonUtcDatetime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const [date, time = ''] = iso.slice(0, -1).split('T');
  const [clock, milliseconds = '000'] = time.split('.');
  const fraction = milliseconds === '000' ? '' : `.${milliseconds}000`;
  return `${date} ${clock}${fraction}+00:00`;
}
