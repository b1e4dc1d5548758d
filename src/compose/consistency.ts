import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { byteSize } from '../util/units.js';
import type { Project, Service } from './model.js';
import { get, locAt } from './tree.js';

/**
 * The consistency checks compose-go makes of every project beside its references (loader
 * `checkConsistency` and the service normalisation): a value set both the legacy way and under
 * `deploy` must agree (mem_limit and deploy.resources.limits.memory, compared in bytes; cpus and
 * deploy.resources.limits.cpus; pids_limit and deploy.resources.limits.pids; scale and
 * deploy.replicas); a container_name cannot be shared by more than one replica; a secret that is
 * not external says where its value comes from.
 */
export function checkConsistency(project: Project, diags: Diagnostics): void {
  for (const svc of Object.values(project.services)) checkService(svc, diags);
  for (const [name, def] of Object.entries(project.secrets)) {
    if (def.external || def.file !== undefined || def.environment !== undefined) continue;
    diags.error('invalid-value', `secret "${name}" must declare either \`file\` or \`environment\``, def.loc, 'name the file or the environment variable that holds the value, or mark it `external: true`');
  }
}

function checkService(svc: Service, diags: Diagnostics): void {
  const limits = svc.deploy?.resources?.limits;
  const distinct = (legacy: string, deployed: string, path: string[]) =>
    diags.error(
      'invalid-value',
      `service "${svc.name}": can't set distinct values on '${legacy}' and '${deployed}'`,
      locAt(svc.node, ...path),
      `keep one of them (Docker Compose refuses both with different values)`,
    );
  if (svc.memLimit !== undefined && limits?.memory !== undefined && byteSize(svc.memLimit) !== byteSize(limits.memory)) {
    distinct('mem_limit', 'deploy.resources.limits.memory', ['mem_limit']);
  }
  if (svc.cpus !== undefined && limits?.cpus !== undefined && svc.cpus !== limits.cpus) {
    distinct('cpus', 'deploy.resources.limits.cpus', ['cpus']);
  }
  const pidsLimit = getScalar(svc, 'pids_limit');
  if (pidsLimit !== undefined && limits?.pids !== undefined && Number(pidsLimit) !== limits.pids) {
    distinct('pids_limit', 'deploy.resources.limits.pids', ['pids_limit']);
  }
  const scale = getScalar(svc, 'scale');
  const replicas = svc.deploy?.replicas;
  if (scale !== undefined && replicas !== undefined && Number(scale) !== replicas) distinct('scale', 'deploy.replicas', ['scale']);
  if (svc.containerName !== undefined && (svc.replicas ?? 1) > 1) {
    diags.error(
      'invalid-value',
      `service "${svc.name}": can't set container_name and scale it to ${svc.replicas} replicas, as container names must be unique`,
      locAt(svc.node, 'container_name'),
      'drop container_name, or run one replica',
    );
  }
}

function getScalar(svc: Service, key: string): unknown {
  const v = get(svc.node, key);
  return v && v.kind === 'scalar' && v.value !== null ? v.value : undefined;
}
