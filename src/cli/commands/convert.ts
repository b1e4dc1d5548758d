import { resolve } from 'node:path';
import { Option } from 'commander';
import { planOutput, staleFiles } from '../../diff/plan.js';
import { convert, type ConvertOptions } from '../../pipeline.js';
import { useColor, type ColorWhen } from '../color.js';
import { printPlan } from '../dry-run.js';
import { diskReader, removeFiles, toPosix, writeOutputFiles } from '../io.js';
import { readOutputDir } from '../manifest-files.js';
import { addMappingOptions, mappingOptions, type MappingFlags } from '../mapping-options.js';
import { EXIT_INVALID, EXIT_OK, addProjectOptions, projectOptions, type ProjectFlags, type RegisterCommand } from '../program.js';
import { report } from '../report.js';
import { EXIT_DIFFERENCES } from './diff.js';

interface ConvertFlags extends ProjectFlags, MappingFlags {
  output?: string;
  comments: boolean;
  dryRun?: boolean;
  color: ColorWhen;
}

export const registerConvert: RegisterCommand = (program, { io, setExit }) => {
  addMappingOptions(
    addProjectOptions(
      program.command('convert').description('convert the compose project to Kubernetes manifests (a YAML stream on stdout, or files with -o)'),
    ).option('-o, --output <dir>', 'write one file per object into this directory instead of stdout'),
  )
    .option('--no-comments', 'leave out the comments that explain where each field came from')
    .option('--dry-run', 'with -o: write nothing; print which files would be created, changed, left unchanged or removed, and the diff of their objects (exit 0: nothing would change, 1: something would)')
    .addOption(new Option('--color <when>', 'colour the --dry-run report').choices(['auto', 'always', 'never']).default('auto'))
    .action((flags: ConvertFlags) => {
      const mapping = mappingOptions(flags);
      if ('error' in mapping) {
        io.stderr(`error: ${mapping.error} [usage]\n`);
        return setExit(EXIT_INVALID);
      }
      if (flags.dryRun && !flags.output) {
        io.stderr('error: --dry-run needs -o DIR: it reports what writing there would change (without -o, convert only prints) [usage]\n');
        return setExit(EXIT_INVALID);
      }
      const options: ConvertOptions = { ...projectOptions(flags, io), ...mapping.options, comments: flags.comments };
      const result = convert(diskReader(), options);
      const { errors, warnings } = report(io, result.diagnostics, result.sources);
      if (result.failed) {
        io.stderr(`compose2kube: ${errors} error(s); nothing was written\n`);
        return setExit(EXIT_INVALID);
      }
      if (flags.output) {
        const dir = resolve(io.cwd, flags.output);
        let existing;
        try {
          existing = readOutputDir(dir, result.files.map((f) => f.path));
        } catch (e) {
          io.stderr(`error: cannot read ${flags.output}: ${(e as Error).message} [output-write-failed]\n`);
          return setExit(EXIT_INVALID);
        }
        if (flags.dryRun) {
          const shown = toPosix(flags.output).replace(/\/+$/, '');
          const plan = planOutput(result.files, existing, { display: (p) => `${shown}/${p}` });
          report(io, plan.diagnostics, new Map(existing.map((f) => [`${shown}/${f.path}`, f.content])));
          printPlan(io, plan, shown, useColor(flags.color, io));
          return setExit(plan.differs ? EXIT_DIFFERENCES : EXIT_OK);
        }
        const stale = staleFiles(result.files, existing);
        try {
          writeOutputFiles(dir, result.files);
          removeFiles(dir, stale);
        } catch (e) {
          io.stderr(`error: cannot write to ${flags.output}: ${(e as Error).message} [output-write-failed]\n`);
          return setExit(EXIT_INVALID);
        }
        const removed = stale.length > 0 ? `, removed ${stale.length} stale file(s) it wrote earlier: ${stale.join(', ')}` : '';
        io.stderr(`compose2kube: wrote ${result.files.length} files to ${flags.output}${removed} (${warnings} warning(s))\n`);
      } else {
        io.stdout(result.text);
        const services = Object.keys(result.project?.services ?? {}).length;
        io.stderr(`compose2kube: ${result.objects.length} objects from ${services} services (${warnings} warning(s))\n`);
      }
      return setExit(EXIT_OK);
    });
};
