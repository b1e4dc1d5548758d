import { Option } from 'commander';
import { Diagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { colorDiff, diffJson, formatDiffText, painter } from '../../diff/format.js';
import { diffObjects, type DiffResult } from '../../diff/diff.js';
import { kubectlDiffArgs, kubectlProblem, maskKubectlDiff } from '../../diff/kubectl-output.js';
import { readManifests } from '../../diff/read.js';
import { convert, type ConvertResult } from '../../pipeline.js';
import { diskReader, type CliIO } from '../io.js';
import { runKubectl } from '../kubectl.js';
import { readManifestPath } from '../manifest-files.js';
import { addMappingOptions, mappingOptions, type MappingFlags } from '../mapping-options.js';
import { EXIT_INVALID, EXIT_OK, addProjectOptions, projectOptions, type ProjectFlags, type RegisterCommand } from '../program.js';
import { report } from '../report.js';

export const EXIT_DIFFERENCES = 1;

interface DiffFlags extends ProjectFlags, MappingFlags {
  against?: string;
  cluster?: boolean;
  context?: string;
  output: 'text' | 'json';
}

export const registerDiff: RegisterCommand = (program, { io, setExit, color: colorOf }) => {
  addMappingOptions(
    addProjectOptions(
      program
        .command('diff')
        .description('show what converting would change: compare the objects `convert` would write with manifests on disk (--against PATH) or in a cluster (--cluster); exit 0 when equal, 1 when they differ, 2 on errors'),
    ),
  )
    .option('--against <path>', 'manifests to compare with: a file, or a directory read recursively (YAML or JSON)')
    .option('--cluster', 'compare with the objects in the cluster (`kubectl diff --server-side`)')
    .option('--context <name>', 'with --cluster: the kubeconfig context to use')
    .addOption(new Option('--output <format>', 'report format').choices(['text', 'json']).default('text'))
    .action((flags: DiffFlags) => {
      const usage = (message: string) => {
        io.stderr(`error: ${message} [usage]\n`);
        setExit(EXIT_INVALID);
      };
      if ((flags.against === undefined) === (flags.cluster !== true)) return usage('diff needs exactly one of --against PATH or --cluster');
      if (flags.context !== undefined && !flags.cluster) return usage('--context applies to --cluster only');
      const mapping = mappingOptions(flags);
      if ('error' in mapping) return usage(mapping.error);
      // Comments never count in a comparison: leaving them out saves writing them.
      const result = convert(diskReader(), { ...projectOptions(flags, io), ...mapping.options, comments: false });
      if (!reportConversion(io, result)) return setExit(EXIT_INVALID);
      const color = colorOf('stdout');
      const code = flags.cluster ? diffCluster(io, result, flags, color) : diffAgainst(io, result, flags, color);
      return setExit(code);
    });
};

/** Errors of the compose project stop the diff; its warnings belong to `convert`. */
function reportConversion(io: CliIO, result: ConvertResult): boolean {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  report(io, errors, result.sources);
  if (result.failed) {
    io.stderr(`compose2kube: ${errors.length} error(s) in the compose project; nothing was compared\n`);
    return false;
  }
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  if (warnings > 0) io.stderr(`compose2kube: the conversion has ${warnings} warning(s); \`compose2kube convert\` prints them\n`);
  return true;
}

function diffAgainst(io: CliIO, result: ConvertResult, flags: DiffFlags, color: boolean): number {
  const path = flags.against!;
  const found = readManifestPath(io.cwd, path);
  const read = readManifests(found.sources);
  const problems: Diagnostic[] = [...found.diagnostics, ...read.diagnostics];
  const sources = new Map(found.sources.map((s) => [s.path, s.text]));
  const { errors } = report(io, problems, sources);
  if (errors > 0) {
    io.stderr(`compose2kube: ${errors} error(s) in the manifests at ${path}; nothing was compared\n`);
    return EXIT_INVALID;
  }
  const existing = read.objects.filter((o) => {
    if (o.kustomization) io.stderr(`${o.loc.file}: a kustomization is build instructions, not an object of the cluster: left out of the comparison\n`);
    return !o.kustomization;
  });
  const diff = diffObjects(
    result.objects.map((object) => ({ object })),
    existing,
    flags.namespace !== undefined ? { namespace: flags.namespace } : {},
  );
  report(io, diff.diagnostics, sources);
  printDiff(io, diff, flags.output, color, path);
  return differs(diff) ? EXIT_DIFFERENCES : EXIT_OK;
}

export function differs(diff: DiffResult): boolean {
  return diff.objects.some((o) => o.status !== 'unchanged');
}

export function printDiff(io: CliIO, diff: DiffResult, output: 'text' | 'json', color: boolean, against: string): void {
  if (output === 'json') io.stdout(`${JSON.stringify(diffJson(diff), null, 2)}\n`);
  else io.stdout(formatDiffText(diff, { color, against }));
}

/**
 * `kubectl diff --server-side -f -` with the objects as a JSON List: the API server merges them
 * into what it holds and kubectl prints the difference. Its exit codes pass through (0 same,
 * 1 different); anything else is an error (exit 2) with kubectl's own message.
 */
function diffCluster(io: CliIO, result: ConvertResult, flags: DiffFlags, color: boolean): number {
  const diags = new Diagnostics();
  const args = kubectlDiffArgs({ ...(flags.context ? { context: flags.context } : {}), ...(flags.namespace ? { namespace: flags.namespace } : {}) });
  const list = { apiVersion: 'v1', kind: 'List', items: result.objects };
  const run = runKubectl(args, `${JSON.stringify(list)}\n`, io.env);
  if (run.missing) {
    diags.error('kubectl-missing', 'kubectl was not found on PATH', undefined, 'install kubectl (https://kubernetes.io/docs/tasks/tools/) or compare with files instead: `compose2kube diff --against DIR`');
  } else if (run.error !== undefined) {
    diags.error('kubectl-failed', `kubectl could not be run: ${run.error}`);
  } else if (run.status === null || run.status > 1 || (run.status === 1 && run.stdout.trim() === '' && run.stderr.trim() !== '')) {
    const problem = kubectlProblem(run.stderr);
    diags.error(problem.code, problem.message, undefined, problem.hint);
  }
  if (diags.items.length > 0) {
    report(io, diags.items, new Map());
    return EXIT_INVALID;
  }
  const masked = maskKubectlDiff(run.stdout);
  const different = run.status === 1;
  if (flags.output === 'json') io.stdout(`${JSON.stringify({ cluster: { ...(flags.context ? { context: flags.context } : {}) }, differs: different, diff: masked }, null, 2)}\n`);
  else if (different) io.stdout(colorDiff(masked, painter(color)));
  if (run.stderr.trim() !== '') io.stderr(maskKubectlDiff(run.stderr));
  io.stderr(different ? 'compose2kube: the cluster differs from the conversion (see the diff above)\n' : 'compose2kube: the cluster matches the conversion\n');
  return different ? EXIT_DIFFERENCES : EXIT_OK;
}
