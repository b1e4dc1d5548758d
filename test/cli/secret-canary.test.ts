import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli, type CliRun } from '../support/cli.js';

/**
 * Secret values that reach the output by every road a compose project gives them: a secret file,
 * a secret from the environment, an interpolated variable from .env and a literal, both in
 * secret-looking variables, and an env_file. Each must appear only base64-encoded in a Secret:
 * never in a comment at any annotation level, another object, the report, a diagnostic or explain.
 */
const ID = `${process.pid}${Date.now().toString(36)}`;
const CANARIES = {
  file: `canary-file-${ID}`,
  processEnv: `canary-process-${ID}`,
  dotenv: `canary-dotenv-${ID}`,
  literal: `canary-literal-${ID}`,
  envFile: `canary-envfile-${ID}`,
};

const COMPOSE = `name: vault
services:
  api:
    image: example/api:1
    environment:
      API_TOKEN: \${CANARY_TOKEN}
      DB_PASSWORD: ${CANARIES.literal}
    env_file: secrets.env
    secrets: [db_pw, from_env]
    ports: ["8080:80"]
    ulimits:
      nofile: 1024
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/health"]
secrets:
  db_pw:
    file: ./db_pw.txt
  from_env:
    environment: CANARY_FROM_ENV
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'c2k-canary-'));
  const files: Record<string, string> = {
    'compose.yaml': COMPOSE,
    '.env': `CANARY_TOKEN=${CANARIES.dotenv}\n`,
    'secrets.env': `API_SECRET_KEY=${CANARIES.envFile}\n`,
    'db_pw.txt': CANARIES.file,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const env = { CANARY_FROM_ENV: CANARIES.processEnv };
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Every file under `dir` but the project's own inputs, as text. */
function written(dir: string, inputs: Set<string>): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (!inputs.has(p)) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function assertOnlyInSecrets(manifests: string, label: string): void {
  const docs = manifests.trimStart().startsWith('{')
    ? (JSON.parse(manifests) as { items?: unknown[] }).items ?? [JSON.parse(manifests) as unknown]
    : parseAllDocuments(manifests).map((d) => d.toJS() as unknown);
  for (const doc of docs as { kind: string; metadata: { name: string } }[]) {
    const text = JSON.stringify(doc);
    for (const value of Object.values(CANARIES)) {
      if (doc.kind !== 'Secret') expect(text, `${label}: ${doc.kind}/${doc.metadata?.name}`).not.toContain(b64(value));
    }
  }
}

describe('a canary secret value', () => {
  const dir = project();
  const inputs = new Set(['compose.yaml', '.env', 'secrets.env', 'db_pw.txt'].map((f) => join(dir, f)));
  const runs: { name: string; run: Promise<CliRun>; files?: string }[] = [];
  for (const level of ['full', 'brief', 'none']) {
    runs.push({ name: `stdout --annotate ${level}`, run: runCli(['convert', '--annotate', level, '--report', `report-${level}.json`], { cwd: dir, env }) });
    runs.push({ name: `-o dir --annotate ${level}`, run: runCli(['convert', '--annotate', level, '--kustomize', '-o', `k8s-${level}/`], { cwd: dir, env }), files: `k8s-${level}` });
  }
  runs.push({ name: 'json', run: runCli(['convert', '--format', 'json'], { cwd: dir, env }) });
  runs.push({ name: 'report on stdout', run: runCli(['convert', '--report', '-', '-o', 'all.yaml'], { cwd: dir, env }) });
  runs.push({ name: 'explain', run: runCli(['explain'], { cwd: dir, env }) });
  runs.push({ name: 'explain secrets', run: runCli(['explain', 'secrets'], { cwd: dir, env }) });

  it('reaches its Secret, base64-encoded', async () => {
    const run = await runs[0]!.run;
    expect(run.code).toBe(0);
    const secrets = parseAllDocuments(run.stdout)
      .map((d) => d.toJS() as { kind: string; data?: Record<string, string> })
      .filter((o) => o.kind === 'Secret');
    const data = secrets.flatMap((s) => Object.values(s.data ?? {}));
    for (const value of Object.values(CANARIES)) expect(data, value).toContain(b64(value));
  });

  it('appears in no comment, no other object, no report, no diagnostic and no explanation', async () => {
    const all = await Promise.all(runs.map(async (r) => ({ ...r, done: await r.run })));
    for (const r of all) {
      expect(r.done.code, r.name).toBe(0);
      for (const value of Object.values(CANARIES)) {
        expect(r.done.stdout, `${r.name} stdout`).not.toContain(value);
        expect(r.done.stderr, `${r.name} stderr`).not.toContain(value);
        expect(r.done.stderr, `${r.name} stderr`).not.toContain(b64(value));
      }
      if (!r.name.startsWith('explain') && !r.name.startsWith('report')) assertOnlyInSecrets(r.done.stdout, r.name);
    }
    const files = written(dir, inputs);
    expect(files.length).toBeGreaterThan(10);
    for (const text of files) {
      for (const value of Object.values(CANARIES)) expect(text).not.toContain(value);
      if (text.includes('"kind": "ConversionReport"')) for (const value of Object.values(CANARIES)) expect(text).not.toContain(b64(value));
      else if (!text.includes('kind: Kustomization')) assertOnlyInSecrets(text, 'file');
    }
  });
});
