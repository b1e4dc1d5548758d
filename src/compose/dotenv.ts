import type { Diagnostics } from '../diagnostics/diagnostic.js';

export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

/**
 * Parse an env file with the rules Docker Compose uses (`KEY=VALUE`, `export KEY=VALUE`, comments,
 * single and double quotes; escapes only in double quotes).
 */
export function parseDotenv(text: string, file: string, diags: Diagnostics): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_.][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!m) {
      diags.error('dotenv-syntax', `invalid line in env file: ${JSON.stringify(line)}`, { file, line: i + 1, column: 1 });
      return;
    }
    let value = m[2] ?? '';
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length > 1) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    out.push({ name: m[1]!, value, line: i + 1 });
  });
  return out;
}
