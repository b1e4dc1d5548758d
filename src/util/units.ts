/**
 * Compose durations (`1m30s`, `500ms`, `2h`) to seconds; undefined when the text is not a duration.
 */
export function durationSeconds(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  const s = text.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  let rest = s;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** Compose byte sizes (`512m`, `1gb`, `2048`, `1.5g`) to bytes; undefined when not a size. */
export function byteSize(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const pow = ' kmgtp'.indexOf((m[2] || ' ').toLowerCase());
  return Math.round(Number(m[1]) * 1024 ** pow);
}

/** Bytes as a Kubernetes quantity in the largest binary unit that keeps it whole (`512Mi`). */
export function bytesToQuantity(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let i = 0;
  let n = bytes;
  while (i < units.length - 1 && n >= 1024 && n % 1024 === 0) {
    n /= 1024;
    i++;
  }
  return `${n}${units[i]}`;
}

/** CPU count as a Kubernetes quantity (`0.5` -> `500m`, `2` -> `2`). */
export function cpuQuantity(cpus: number): string {
  const milli = Math.round(cpus * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}
