import { resolve } from 'node:path';
import { Option } from 'commander';
import type { BindChoice, ServiceType } from '../../mapping/context.js';
import { storageQuantityProblem } from '../../mapping/kube-values.js';
import { convert, type ConvertOptions } from '../../pipeline.js';
import { imageReferenceProblem } from '../../util/image-reference.js';
import { diskReader, writeOutputFiles } from '../io.js';
import { EXIT_INVALID, EXIT_OK, addProjectOptions, projectOptions, type ProjectFlags, type RegisterCommand } from '../program.js';
import { report } from '../report.js';

interface ConvertFlags extends ProjectFlags {
  output?: string;
  serviceType: ServiceType;
  volumeSize: string;
  comments: boolean;
  networkPolicies?: boolean;
  secretEnv: boolean;
  hostPath?: boolean;
  bindMounts?: BindChoice;
  waitForDependencies: boolean;
  helperImage?: string;
  kubectlImage?: string;
}

export const registerConvert: RegisterCommand = (program, { io, setExit }) => {
  addProjectOptions(
    program.command('convert').description('convert the compose project to Kubernetes manifests (a YAML stream on stdout, or files with -o)'),
  )
    .option('-o, --output <dir>', 'write one file per object into this directory instead of stdout')
    .addOption(
      new Option('--service-type <type>', 'Service type for services that publish ports')
        .choices(['ClusterIP', 'NodePort', 'LoadBalancer'])
        .default('ClusterIP'),
    )
    .option('--volume-size <size>', 'storage request of each PersistentVolumeClaim', '1Gi')
    .option('--no-comments', 'leave out the comments that explain where each field came from')
    // Declared in this order, neither sets a default: absent means "when the networks isolate services".
    .option('--network-policies', 'always emit NetworkPolicies that keep the isolation of the compose networks')
    .option('--no-network-policies', 'never emit NetworkPolicies (by default they are emitted when the compose networks keep services apart)')
    .option('--no-secret-env', 'keep environment variables whose names look secret (PASSWORD, TOKEN, API_KEY...) in plain env instead of a Secret')
    .addOption(
      new Option('--bind-mounts <choice>', 'what bind mounts of host paths (outside the project) become: a claim to copy the data into, the node\'s path (hostPath), or nothing')
        .choices(['claim', 'host-path', 'omit']),
    )
    .option('--host-path', 'the same as --bind-mounts host-path (Kompose\'s and earlier versions\' flag)')
    .option('--no-wait-for-dependencies', 'leave out the init containers that make a pod wait for the services it depends_on')
    .option('--helper-image <image>', 'image of the wait-for-<dependency> init containers (needs sh, nc, nslookup; default docker.io/library/busybox:1.36.1)')
    .option('--kubectl-image <image>', 'image of the init containers that wait for a Job (needs sh and kubectl; default registry.k8s.io/kubectl)')
    .action((flags: ConvertFlags) => {
      if (storageQuantityProblem(flags.volumeSize)) {
        io.stderr(`error: --volume-size must be a Kubernetes quantity above zero such as 1Gi or 500Mi, got ${JSON.stringify(flags.volumeSize)} [usage]\n`);
        return setExit(EXIT_INVALID);
      }
      if (flags.hostPath && flags.bindMounts !== undefined && flags.bindMounts !== 'host-path') {
        io.stderr(`error: --host-path means --bind-mounts host-path, which contradicts --bind-mounts ${flags.bindMounts} [usage]\n`);
        return setExit(EXIT_INVALID);
      }
      for (const [flag, image] of [['--helper-image', flags.helperImage], ['--kubectl-image', flags.kubectlImage]] as const) {
        const problem = image === undefined ? undefined : imageReferenceProblem(image);
        if (problem) {
          io.stderr(`error: ${flag} ${JSON.stringify(image)} is not a valid image reference: ${problem} [usage]\n`);
          return setExit(EXIT_INVALID);
        }
      }
      const helperImages = { ...(flags.helperImage ? { wait: flags.helperImage } : {}), ...(flags.kubectlImage ? { kubectl: flags.kubectlImage } : {}) };
      const options: ConvertOptions = {
        ...projectOptions(flags, io),
        serviceType: flags.serviceType,
        volumeSize: flags.volumeSize,
        comments: flags.comments,
        ...(flags.networkPolicies !== undefined ? { networkPolicies: flags.networkPolicies } : {}),
        secretEnv: flags.secretEnv,
        bindMounts: flags.bindMounts ?? (flags.hostPath ? 'host-path' : 'claim'),
        waitForDependencies: flags.waitForDependencies,
        ...(Object.keys(helperImages).length > 0 ? { helperImages } : {}),
      };
      const result = convert(diskReader(), options);
      const { errors, warnings } = report(io, result.diagnostics, result.sources);
      if (result.failed) {
        io.stderr(`compose2kube: ${errors} error(s); nothing was written\n`);
        return setExit(EXIT_INVALID);
      }
      if (flags.output) {
        try {
          writeOutputFiles(resolve(io.cwd, flags.output), result.files);
        } catch (e) {
          io.stderr(`error: cannot write to ${flags.output}: ${(e as Error).message} [output-write-failed]\n`);
          return setExit(EXIT_INVALID);
        }
        io.stderr(`compose2kube: wrote ${result.files.length} files to ${flags.output} (${warnings} warning(s))\n`);
      } else {
        io.stdout(result.text);
        const services = Object.keys(result.project?.services ?? {}).length;
        io.stderr(`compose2kube: ${result.objects.length} objects from ${services} services (${warnings} warning(s))\n`);
      }
      return setExit(EXIT_OK);
    });
};
