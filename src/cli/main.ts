import { Command, CommanderError, Option } from 'commander';
import { convert, type ConvertOptions } from '../pipeline.js';
import type { ServiceType } from '../mapping/context.js';
import { diskReader, processIO, toPosix, writeOutputFiles, type CliIO } from './io.js';
import { report } from './report.js';

export const EXIT_OK = 0;
export const EXIT_DIFFERENCES = 1;
export const EXIT_INVALID = 2;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Options every command that reads a compose project takes, like `docker compose`. */
export function addProjectOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <file>', 'compose file (repeatable; `-` reads stdin)', collect)
    .option('-p, --project-name <name>', 'project name (default: top-level name:, or the directory name)')
    .option('--project-directory <dir>', 'project directory (default: the directory of the first compose file)')
    .option('--env-file <file>', 'environment file instead of .env (repeatable)', collect)
    .option('--profile <profile>', 'enable a profile (repeatable)', collect);
}

interface ProjectFlags {
  file?: string[];
  projectName?: string;
  projectDirectory?: string;
  envFile?: string[];
  profile?: string[];
}

export function projectOptions(flags: ProjectFlags, io: CliIO): ConvertOptions {
  const options: ConvertOptions = { workingDir: toPosix(io.cwd), env: io.env };
  if (flags.file) options.files = flags.file.map(toPosix);
  if (flags.file?.includes('-')) options.stdin = io.readStdin();
  if (flags.projectName) options.projectName = flags.projectName;
  if (flags.projectDirectory) options.projectDirectory = toPosix(flags.projectDirectory);
  if (flags.envFile) options.envFiles = flags.envFile.map(toPosix);
  if (flags.profile) options.profiles = flags.profile;
  return options;
}

function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('compose2kube')
    .description('Convert a Docker Compose project into annotated Kubernetes manifests that behave like the compose app')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  addProjectOptions(
    program
      .command('convert')
      .description('convert the compose project to Kubernetes manifests (a YAML stream on stdout, or files with -o)'),
  )
    .option('-o, --output <dir>', 'write one file per object into this directory instead of stdout')
    .addOption(
      new Option('--service-type <type>', 'Service type for services that publish ports').choices(['ClusterIP', 'NodePort', 'LoadBalancer']).default('ClusterIP'),
    )
    .option('--volume-size <size>', 'storage request of each PersistentVolumeClaim', '1Gi')
    .option('--no-comments', 'leave out the comments that explain where each field came from')
    .action((flags: ProjectFlags & { output?: string; serviceType: ServiceType; volumeSize: string; comments: boolean }) => {
      const options: ConvertOptions = {
        ...projectOptions(flags, io),
        serviceType: flags.serviceType,
        volumeSize: flags.volumeSize,
        comments: flags.comments,
      };
      if (!/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.test(flags.volumeSize)) {
        io.stderr(`error: --volume-size must be a Kubernetes quantity such as 1Gi or 500Mi, got ${JSON.stringify(flags.volumeSize)} [usage]\n`);
        return setExit(EXIT_INVALID);
      }
      const result = convert(diskReader(), options);
      const { errors, warnings } = report(io, result.diagnostics, result.sources);
      if (result.failed) {
        io.stderr(`compose2kube: ${errors} error(s); nothing was written\n`);
        return setExit(EXIT_INVALID);
      }
      if (flags.output) {
        try {
          writeOutputFiles(flags.output, result.files);
        } catch (e) {
          io.stderr(`error: cannot write to ${flags.output}: ${(e as Error).message} [output-write-failed]\n`);
          return setExit(EXIT_INVALID);
        }
        io.stderr(`compose2kube: wrote ${result.files.length} files to ${flags.output} (${warnings} warning(s))\n`);
      } else {
        io.stdout(result.text);
        io.stderr(`compose2kube: ${result.objects.length} objects from ${Object.keys(result.project?.services ?? {}).length} services (${warnings} warning(s))\n`);
      }
      return setExit(EXIT_OK);
    });
  return program;
}

/** Run the CLI in-process; returns the exit code. Never throws for a user error. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; every other commander error is a usage error.
      return e.exitCode === 0 ? EXIT_OK : EXIT_INVALID;
    }
    throw e;
  }
}
