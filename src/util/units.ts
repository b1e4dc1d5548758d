/**
 * Units as Docker Compose reads them (durations like Go's time.ParseDuration, byte sizes like
 * Docker's RAMInBytes) and as Kubernetes writes them (quantities).
 */

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6, // U+00B5 micro sign
  'μs': 1e-6, // U+03BC greek mu
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/**
 * A compose duration (`1m30s`, `500ms`, `1.5h`, `0`) in seconds, with Go's time.ParseDuration
 * syntax, which Compose uses: every number needs a unit except a lone `0`, and there is no `d`.
 * Undefined when the text is not a duration.
 */
export function durationSeconds(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = String(text).trim();
  const m = /^([-+]?)(.+)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let rest = m[2]!;
  if (rest === '0') return 0;
  let total = 0;
  while (rest) {
    const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!part) return undefined;
    total += Number(part[1]) * DURATION_UNITS[part[2]!]!;
    rest = rest.slice(part[0].length);
  }
  return sign * total;
}

/** Seconds as the whole number Kubernetes probes take: rounded up, at least 1. */
export function wholeSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds - 1e-9));
}

/**
 * A compose byte size (`512m`, `1.5g`, `1gb`, `2GiB`, `1024`) in bytes, as Docker's RAMInBytes
 * reads it: binary multiples of 1024, case-insensitive, fractions truncated to whole bytes.
 * Undefined when the text is not a size, or one too large to count in whole bytes (over 8 PiB).
 */
export function byteSize(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return Number.isSafeInteger(Math.trunc(text)) && text >= 0 ? Math.trunc(text) : undefined;
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(text.trim());
  if (!m) return undefined;
  const power = m[2] ? 'kmgtp'.indexOf(m[2].toLowerCase()) + 1 : 0;
  const bytes = Math.trunc(Number(m[1]) * 1024 ** power);
  // Past 2^53 bytes (8 PiB) a number no longer counts whole bytes: `1e20g` would print as a quantity no one wrote.
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** Bytes as a Kubernetes quantity in the largest binary unit that keeps it whole (`512Mi`, `1536Mi`, `1000`). */
export function bytesToQuantity(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let i = 0;
  let n = bytes;
  while (i < units.length - 1 && n >= 1024 && n % 1024 === 0) {
    n /= 1024;
    i++;
  }
  return `${n}${units[i]}`;
}

/** CPUs in thousandths, the precision of Kubernetes CPU quantities; a positive value is at least 1m. */
export function cpuMillis(cpus: number): number {
  const milli = Math.round(cpus * 1000);
  return cpus > 0 ? Math.max(1, milli) : milli;
}

/** True when a CPU count needs rounding to become a Kubernetes quantity (finer than 1m). */
export function cpuNeedsRounding(cpus: number): boolean {
  return Math.abs(cpuMillis(cpus) - cpus * 1000) > 1e-6;
}

/** CPU count as a Kubernetes quantity (`0.5` -> `500m`, `2` -> `2`, `1.25` -> `1250m`). */
export function cpuQuantity(cpus: number): string {
  const milli = cpuMillis(cpus);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}
