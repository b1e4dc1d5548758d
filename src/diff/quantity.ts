/**
 * Kubernetes quantities (`500m`, `1Gi`, `1e3`, `0.5`) compared by value, as the API server reads
 * them: `1000m` is `1` and `1Gi` is `1073741824` however they are spelled.
 */
interface Fraction {
  num: bigint;
  den: bigint;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The exact value of a quantity, or undefined when the value is not one. */
export function quantityValue(value: unknown): Fraction | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, exponent, suffix] = m;
  const [whole, fraction = ''] = digits!.split('.');
  let num = BigInt(`${whole || '0'}${fraction}`);
  let den = 10n ** BigInt(fraction.length);
  let power = exponent !== undefined ? Number(exponent) : 0;
  if (suffix !== undefined && suffix in BINARY) num *= 2n ** BigInt(BINARY[suffix]!);
  else if (suffix !== undefined) power += DECIMAL[suffix]!;
  if (Math.abs(power) > 1000) return undefined;
  if (power > 0) num *= 10n ** BigInt(power);
  else if (power < 0) den *= 10n ** BigInt(-power);
  return { num: sign === '-' ? -num : num, den };
}

/**
 * Whether two values are the same quantity. Resource requests and limits are rounded up to
 * thousandths by the API server, so `roundToMilli` compares them that way.
 */
export function sameQuantity(a: unknown, b: unknown, roundToMilli = false): boolean {
  const x = quantityValue(a);
  const y = quantityValue(b);
  if (!x || !y) return false;
  if (roundToMilli) return ceilMilli(x) === ceilMilli(y);
  return x.num * y.den === y.num * x.den;
}

function ceilMilli({ num, den }: Fraction): bigint {
  const scaled = num * 1000n;
  const q = scaled / den;
  return scaled % den !== 0n && scaled > 0n ? q + 1n : q;
}

export function isZeroQuantity(value: unknown): boolean {
  return quantityValue(value)?.num === 0n;
}
