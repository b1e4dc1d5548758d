import { Option } from 'commander';
import { Document } from 'yaml';
import { canonicalProject } from '../../compose/canonical.js';
import { loadProject } from '../../compose/load.js';
import { sortDiagnostics } from '../../diagnostics/diagnostic.js';
import { diskReader, toPosix } from '../io.js';
import { EXIT_INVALID, EXIT_OK, addProjectOptions, projectOptions, type ProjectFlags, type RegisterCommand } from '../program.js';
import { report } from '../report.js';

interface ConfigFlags extends ProjectFlags {
  format: 'yaml' | 'json';
  quiet?: boolean;
  services?: boolean;
}

export const registerConfig: RegisterCommand = (program, { io, setExit }) => {
  addProjectOptions(
    program
      .command('config')
      .description('print the compose project as compose2kube reads it (interpolated, merged, in canonical long form), like `docker compose config`'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-q, --quiet', 'only check the project; print nothing but problems')
    .option('--services', 'print the service names, one per line')
    .action((flags: ConfigFlags) => {
      const options = projectOptions(flags, io);
      const loaded = loadProject({ ...options, workingDir: options.workingDir ?? toPosix(io.cwd), env: options.env ?? io.env, reader: diskReader() });
      const { errors } = report(io, sortDiagnostics(loaded.diagnostics), loaded.sources);
      if (!loaded.project) {
        io.stderr(`compose2kube: ${errors} error(s) in the compose project\n`);
        return setExit(EXIT_INVALID);
      }
      if (flags.quiet) return setExit(EXIT_OK);
      if (flags.services) {
        io.stdout(Object.keys(loaded.project.services).sort().map((s) => `${s}\n`).join(''));
        return setExit(EXIT_OK);
      }
      const data = canonicalProject(loaded.project);
      // YAML 1.1 so that strings such as "yes" or "0755" stay quoted for every reader.
      io.stdout(flags.format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : new Document(data, { version: '1.1' }).toString({ lineWidth: 0, indentSeq: true }));
      return setExit(EXIT_OK);
    });
};
