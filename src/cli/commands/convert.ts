import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { Option } from 'commander';
import { planOutput, staleFiles, type FileContent } from '../../diff/plan.js';
import { planLayout, streamedOutput, type LayoutPlan, type OutputRequest, type PlanSource } from '../../emit/layout-plan.js';
import { isOverlayName, type Overlay } from '../../emit/overlays/index.js';
import { ANNOTATION_LEVELS, type AnnotationLevel } from '../../emit/yaml.js';
import { sortDiagnostics } from '../../diagnostics/diagnostic.js';
import { convert, type ConvertOptions, type ConvertResult } from '../../pipeline.js';
import { buildReport, tallyText, type ConversionReport } from '../../report/report.js';
import { printPlan } from '../dry-run.js';
import { diskReader, toPosix, type CliIO } from '../io.js';
import { readOutputDir, readOutputFile } from '../manifest-files.js';
import { addMappingOptions, mappingOptions, type MappingFlags } from '../mapping-options.js';
import { EXIT_INVALID, EXIT_OK, addProjectOptions, printError, projectOptions, type CommandContext, type ProjectFlags, type RegisterCommand } from '../program.js';
import { report } from '../report.js';
import { OutputRefused, writeAtomically, type WriteTarget } from '../writer.js';
import { EXIT_DIFFERENCES } from './diff.js';

interface ConvertFlags extends ProjectFlags, MappingFlags {
  output?: string;
  format?: 'yaml' | 'json';
  kustomize?: boolean;
  overlay?: string[];
  helm?: boolean;
  chartVersion?: string;
  appVersion?: string;
  annotate: AnnotationLevel;
  comments: boolean;
  report?: string;
  force?: boolean;
  dryRun?: boolean;
  validate?: boolean;
}

export const registerConvert: RegisterCommand = (program, ctx) => {
  addMappingOptions(
    addProjectOptions(
      program.command('convert').description('convert the compose project to Kubernetes manifests (a YAML stream on stdout, or files with -o)'),
    )
      .option('-o, --output <path>', 'write to a file (FILE.yaml or .yml: one YAML stream; FILE.json: a List) or a directory (DIR/ or an existing one: one file per object) instead of stdout')
      .addOption(new Option('--format <format>', 'yaml, or json for a v1 List (default: from the -o file name, else yaml)').choices(['yaml', 'json']))
      .option('--kustomize', 'with -o DIR/: also write a kustomization.yaml listing the files in apply order (`kubectl apply -k DIR`)')
      .option('--overlay <name=file>', 'with --kustomize: write base/ and overlays/NAME/, the patches that make the conversion of the compose files plus FILE (an override file); repeatable', collect, [])
      .option('--helm', 'with -o DIR/: write a Helm chart whose default values render exactly these objects (values: image, replicas, resources, env, service type, ingress, volume sizes, existing Secrets)')
      .option('--chart-version <semver>', 'with --helm: the chart version in Chart.yaml (default 0.1.0)')
      .option('--app-version <version>', 'with --helm: the appVersion in Chart.yaml')
      .addOption(new Option('--annotate <level>', 'comments: full (where each field came from, why, docs links, warnings in place), brief (the compose origin only) or none').choices(ANNOTATION_LEVELS).default('full'))
      .option('--no-comments', 'no comments at all (the same as --annotate none)')
      .option('--report <file>', 'write a JSON report of what each compose key became, how faithfully, and the warnings (`-` for stdout, with -o for the manifests)')
      .option('--force', 'replace output files that compose2kube did not write (without it, the run stops and writes nothing)')
      .option('--validate', 'check every object against the Kubernetes OpenAPI schema (the kubernetes-models validators); a mismatch is an error and nothing is written')
      .option('--dry-run', 'with -o: write nothing; print which files would be created, changed, left unchanged or removed, and the diff of their objects (exit 0: nothing would change, 1: something would)'),
  ).action((flags: ConvertFlags) => runConvert(flags, ctx));
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function usage(ctx: CommandContext, message: string): void {
  printError(ctx, `error: ${message} [usage]\n`);
  ctx.setExit(EXIT_INVALID);
}

async function runConvert(flags: ConvertFlags, ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const mapping = mappingOptions(flags);
  if ('error' in mapping) return usage(ctx, mapping.error);
  const packaging = packagingProblem(flags);
  if (packaging) return usage(ctx, packaging);
  const toStdout = flags.output === undefined || flags.output === '-';
  if (flags.dryRun && toStdout) return usage(ctx, '--dry-run needs -o PATH: it reports what writing there would change (without -o, convert only prints)');
  if (flags.dryRun && flags.report !== undefined) return usage(ctx, '--dry-run writes nothing, not even the report: leave out --report, or run without --dry-run');
  if (flags.report === '-' && toStdout) return usage(ctx, '--report - prints the report on stdout: write the manifests elsewhere with -o');
  const options: ConvertOptions = {
    ...projectOptions(flags, io),
    ...mapping.options,
    annotate: flags.comments === false ? 'none' : flags.annotate,
  };
  const result = convert(diskReader(), options);
  if (flags.validate && !result.failed) {
    // Loaded only when asked: the validators are most of kubernetes-models.
    const { validateObjects } = await import('../../emit/kube-validate.js');
    const problems = await validateObjects(result.mapped);
    if (problems.length > 0) {
      report(io, sortDiagnostics([...result.diagnostics, ...problems]), result.sources, { color: ctx.color() });
      io.stderr(`compose2kube: ${problems.length} problem(s) with the Kubernetes schema (--validate); nothing was written\n`);
      return ctx.setExit(EXIT_INVALID);
    }
  }
  const { errors, warnings } = report(io, result.diagnostics, result.sources, { color: ctx.color() });
  if (result.failed) {
    io.stderr(`compose2kube: ${errors} error(s); nothing was written\n`);
    return ctx.setExit(EXIT_INVALID);
  }
  const extra = packagingSources(flags, options, result, ctx);
  if (!extra) return ctx.setExit(EXIT_INVALID);
  // Not `...result`: spreading it would read its `files` and `text`, emitting every object twice more.
  const source: PlanSource = { mapped: extra.mapped ?? result.mapped, diagnostics: result.diagnostics, ...extra };
  if (result.places) source.places = result.places;
  if (result.project) source.project = result.project;
  const request = outputRequest(flags, options, result, io.cwd);
  // A YAML stream on stdout (without --report, which is written before it) goes out document by
  // document as it is emitted: the stream of a large project is never held whole.
  const streamed = flags.report === undefined ? streamedOutput(source, request) : undefined;
  if (streamed) {
    writeInChunks(io, streamed);
    io.stderr(`compose2kube: ${result.objects.length} objects from ${Object.keys(result.project?.services ?? {}).length} services (${warnings} warning(s)); ${tallyText(reportOf(result).tally)}\n`);
    return ctx.setExit(EXIT_OK);
  }
  const planned = planLayout(source, request);
  if ('error' in planned) return usage(ctx, planned.error);
  const { plan } = planned;
  const root = resolve(io.cwd, plan.root);
  let existing: FileContent[] = [];
  if (plan.target !== 'stdout') {
    try {
      existing = plan.target === 'directory' ? readOutputDir(root, plan.files.map((f) => f.path)) : readOutputFile(root, plan.files[0]!.path);
    } catch (e) {
      printError(ctx, `error: cannot read ${flags.output}: ${(e as Error).message} [output-write-failed]\n`);
      return ctx.setExit(EXIT_INVALID);
    }
  }
  if (flags.dryRun) return dryRun(ctx, plan, existing, flags.output!, `${summary(plan, result, flags, false)} (${warnings} warning(s)); ${tallyText(reportOf(result).tally)}`);
  // Files a previous run wrote into the directory and this one does not: removed with the write.
  const stale = plan.target === 'directory' ? staleFiles(plan.files, existing) : [];
  const targets: WriteTarget[] = plan.target === 'stdout' ? [] : plan.files.map((f) => ({ path: resolve(root, f.path), content: f.content }));
  const tally = reportOf(result);
  const reportText = flags.report !== undefined ? `${JSON.stringify(tally, null, 2)}\n` : undefined;
  if (reportText !== undefined && flags.report !== '-') targets.push({ path: resolve(io.cwd, flags.report!), content: reportText });
  try {
    writeAtomically(targets, { force: flags.force === true, remove: stale.map((p) => resolve(root, p)) });
  } catch (e) {
    if (e instanceof OutputRefused) printError(ctx, `error: ${e.message.split(e.file).join(shown(io.cwd, e.file))} [output-exists]\n`);
    else printError(ctx, `error: cannot write to ${flags.output ?? flags.report}: ${(e as Error).message}; nothing was written [output-write-failed]\n`);
    return ctx.setExit(EXIT_INVALID);
  }
  if (plan.target === 'stdout') io.stdout(plan.files.map((f) => f.content).join(''));
  if (flags.report === '-') io.stdout(reportText!);
  const removed = stale.length > 0 ? `; removed ${stale.length} stale file(s) it wrote earlier: ${stale.join(', ')}` : '';
  io.stderr(`compose2kube: ${summary(plan, result, flags)}${removed} (${warnings} warning(s)); ${tallyText(tally.tally)}\n`);
  return ctx.setExit(EXIT_OK);
}

/** Texts written to stdout in writes of about a mebibyte (one write per document would be a system call each). */
function writeInChunks(io: CliIO, texts: Iterable<string>): void {
  let pending: string[] = [];
  let size = 0;
  let written = false;
  for (const text of texts) {
    pending.push(text);
    size += text.length;
    if (size >= 1 << 20) {
      io.stdout(pending.join(''));
      [pending, size, written] = [[], 0, true];
    }
  }
  if (pending.length > 0 || !written) io.stdout(pending.join(''));
}

/**
 * `--dry-run`: the files of the same output plan the writer would write, compared with what is
 * there (their objects, not their text), and nothing written.
 */
function dryRun(ctx: CommandContext, plan: LayoutPlan, existing: readonly FileContent[], output: string, tally: string): void {
  const { io } = ctx;
  const where = plan.target === 'directory' ? `${toPosix(output).replace(/\/+$/, '')}/` : toPosix(output);
  // A file target is one path: the file as the user named it.
  const display = (p: string) => (plan.target === 'directory' ? `${where}${p}` : where);
  const changes = planOutput(plan.files, existing, { display });
  report(io, changes.diagnostics, new Map(existing.map((f) => [display(f.path), f.content])), { color: ctx.color() });
  printPlan(io, changes, { where, display }, ctx.color('stdout'));
  io.stderr(`compose2kube: --dry-run: ${tally}\n`);
  return ctx.setExit(changes.differs ? EXIT_DIFFERENCES : EXIT_OK);
}

function outputRequest(flags: ConvertFlags, options: ConvertOptions, result: ConvertResult, cwd: string): OutputRequest {
  const request: OutputRequest = { annotate: options.annotate ?? 'full' };
  if (flags.output !== undefined) {
    request.output = toPosix(flags.output);
    request.outputIsDirectory = isDirectory(resolve(cwd, flags.output));
  }
  if (flags.format) request.format = flags.format;
  if (flags.kustomize) request.kustomize = true;
  if (flags.helm) request.helm = { ...(flags.chartVersion !== undefined ? { version: flags.chartVersion } : {}), ...(flags.appVersion !== undefined ? { appVersion: flags.appVersion } : {}) };
  if (result.namespace) request.namespace = result.namespace;
  if (result.project) request.project = result.project.name;
  return request;
}

function summary(plan: LayoutPlan, result: ConvertResult, flags: ConvertFlags, written = true): string {
  const services = Object.keys(result.project?.services ?? {}).length;
  const made = `${result.objects.length} objects from ${services} services`;
  const verb = written ? 'written' : 'that would be written';
  if (plan.target === 'stdout') return made;
  if (plan.target === 'file') return `${made} ${verb} to ${flags.output}`;
  return `${made} in ${plan.files.length} files ${verb} to ${flags.output}`;
}

/** The report on a converted project (a ConvertResult is not spread: its text is emitted on first read). */
export function reportOf(result: ConvertResult): ConversionReport {
  return buildReport({
    project: result.project!,
    mapped: result.mapped,
    diagnostics: result.diagnostics,
    places: result.places!,
    judgements: result.judgements,
    ...(result.namespace ? { namespace: result.namespace } : {}),
  });
}

/** A path as the user would write it: relative to the working directory when it is inside it. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A combination of the packaging flags (--helm, --kustomize, --overlay) that cannot be met. */
function packagingProblem(flags: ConvertFlags): string | undefined {
  if (flags.helm && flags.kustomize) return '--helm and --kustomize are two ways to package the output: choose one';
  if (!flags.helm && (flags.chartVersion !== undefined || flags.appVersion !== undefined)) return '--chart-version and --app-version describe a chart: add --helm';
  if (flags.chartVersion !== undefined && !SEMVER.test(flags.chartVersion)) return `--chart-version must be a semantic version such as 0.1.0, got ${JSON.stringify(flags.chartVersion)}`;
  if (flags.overlay?.length && !flags.kustomize) return '--overlay makes Kustomize overlays: add --kustomize';
  const names = new Set<string>();
  for (const o of flags.overlay ?? []) {
    const eq = o.indexOf('=');
    const name = eq < 0 ? '' : o.slice(0, eq);
    if (eq < 0 || eq === o.length - 1) return `--overlay takes NAME=FILE (e.g. prod=compose.prod.yaml), got ${JSON.stringify(o)}`;
    if (!isOverlayName(name)) return `--overlay name ${JSON.stringify(name)} is a directory name: lower-case letters, digits and '-'`;
    if (names.has(name)) return `--overlay ${name} is given twice`;
    names.add(name);
  }
  return undefined;
}

/**
 * The other conversions a package needs: a chart, the project with its published services as
 * LoadBalancers (which Service a type applies to); overlays, the base files alone and with each
 * override file. Undefined when one fails (its diagnostics are printed).
 */
function packagingSources(flags: ConvertFlags, options: ConvertOptions, result: ConvertResult, ctx: CommandContext): Partial<Pick<PlanSource, 'published' | 'overlays' | 'mapped'>> | undefined {
  const { io } = ctx;
  if (flags.helm) return { published: convert(diskReader(), { ...options, serviceType: 'LoadBalancer' }).mapped };
  if (!flags.overlay?.length) return {};
  const overlayFiles = flags.overlay.map((o) => toPosix(o.slice(o.indexOf('=') + 1)));
  const overlayPaths = new Set(overlayFiles.map((f) => resolve(io.cwd, f)));
  // Without -f, the files compose found, less the override files (compose.override.yaml is one).
  const baseFiles = options.files?.length ? options.files : (result.project?.files ?? []).filter((f) => !overlayPaths.has(resolve(io.cwd, f)));
  const base = baseFiles.length === (result.project?.files.length ?? 0) ? result : convert(diskReader(), { ...options, files: baseFiles });
  if (base !== result) {
    const shown = report(io, newDiagnostics(base, result), base.sources, { color: ctx.color() });
    if (base.failed) {
      io.stderr(`compose2kube: ${shown.errors} error(s) in the base files; nothing was written\n`);
      return undefined;
    }
  }
  const overlays: Overlay[] = [];
  for (const [i, o] of flags.overlay.entries()) {
    const name = o.slice(0, o.indexOf('='));
    const converted = convert(diskReader(), { ...options, files: [...baseFiles, overlayFiles[i]!] });
    const shown = report(io, newDiagnostics(converted, base), converted.sources, { color: ctx.color() });
    if (converted.failed) {
      io.stderr(`compose2kube: ${shown.errors} error(s) with overlay ${name}; nothing was written\n`);
      return undefined;
    }
    overlays.push({ name, file: overlayFiles[i]!, mapped: converted.mapped, context: { diagnostics: converted.diagnostics, ...(converted.places ? { places: converted.places } : {}) } });
  }
  return { mapped: base.mapped, overlays };
}

/** The diagnostics of a conversion that another did not already report. */
function newDiagnostics(result: ConvertResult, seen: ConvertResult): ConvertResult['diagnostics'] {
  const known = new Set(seen.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`));
  return result.diagnostics.filter((d) => !known.has(`${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`));
}
