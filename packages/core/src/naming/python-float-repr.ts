/**
 * Python's `repr(float)`: the shortest digits that round-trip (the same digits JavaScript picks), laid
 * out the Python way. Python switches to exponent notation when the decimal exponent is < -4 or >= 16
 * (JavaScript only at 1e21 and 1e-7), always writes a two-digit exponent with sign (`1e-05`, `1e+16`)
 * and adds `.0` to integral values in positional notation.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) {
    return 'nan';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? 'inf' : '-inf';
  }
  if (value === 0) {
    return Object.is(value, -0) ? '-0.0' : '0.0';
  }
  const sign = value < 0 ? '-' : '';
  // `toExponential()` without an argument yields exactly the shortest round-trip digits.
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(value).toExponential());
  if (match === null) {
    throw new Error(`Unexpected exponential form of ${value}`);
  }
  const digits = `${match[1]}${match[2] ?? ''}`;
  const exponent = Number(match[3]);
  // Position of the decimal point relative to the first digit, as CPython's float_repr computes it.
  const pointPosition = exponent + 1;
  if (pointPosition <= -4 || pointPosition > 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${mantissa}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (pointPosition <= 0) {
    return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
  }
  if (pointPosition >= digits.length) {
    return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
  }
  return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}
