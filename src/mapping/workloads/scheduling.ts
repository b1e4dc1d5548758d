import type { INodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement';
import type { ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import { at, get, isSeq, locAt, scalarString } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { judgeFidelity, settleFidelity, warnFidelity } from '../fidelity.js';
import { isLabelValue } from '../names.js';

const HOSTNAME = 'kubernetes.io/hostname';
const OS = 'kubernetes.io/os';
const ARCH = 'kubernetes.io/arch';
const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

/** Docker reports the kernel's machine name (uname -m); Kubernetes nodes use Go's architecture names. */
const ARCHITECTURES: Record<string, string> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv7l: 'arm',
  armv6l: 'arm',
  armhf: 'arm',
  arm: 'arm',
  i386: '386',
  i686: '386',
  '386': '386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** A label key Kubernetes accepts: optional DNS-subdomain prefix and '/', then a name of at most 63. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) return false;
  return /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name);
}

/** deploy.placement (constraints, preferences, max_replicas_per_node) and platform -> where pods may run. */
export const mapScheduling: ServiceTransform = (draft, ctx) => {
  mapConstraints(draft, ctx);
  mapPreferences(draft, ctx);
  mapMaxReplicasPerNode(draft, ctx);
  mapPlatform(draft, ctx);
};

/** What one constraint asks of a node, as a node selector entry or a node affinity requirement. */
type Placement =
  | { selector: [string, string] }
  | { requirement: INodeSelectorRequirement; toleratesControlPlane?: boolean }
  | { problem: 'node.id' | 'engine.labels' | 'invalid'; detail?: string };

function placementOf(attribute: string, op: '==' | '!=', value: string): Placement {
  const equal = op === '==';
  const label = (key: string, v: string): Placement => {
    if (!isLabelKey(key) || !isLabelValue(v)) return { problem: 'invalid', detail: `${key}=${v} is not a valid Kubernetes node label` };
    return equal ? { selector: [key, v] } : { requirement: { key, operator: 'NotIn', values: [v] } };
  };
  if (attribute === 'node.hostname') return label(HOSTNAME, value);
  if (attribute === 'node.platform.os') return label(OS, value.toLowerCase());
  if (attribute === 'node.platform.arch') return label(ARCH, ARCHITECTURES[value.toLowerCase()] ?? value.toLowerCase());
  if (attribute.startsWith('node.labels.')) return label(attribute.slice('node.labels.'.length), value);
  if (attribute === 'node.role') {
    const role = value.toLowerCase();
    if (role !== 'manager' && role !== 'worker') return { problem: 'invalid', detail: 'node.role is manager or worker' };
    const onManagers = (role === 'manager') === equal;
    return onManagers
      ? { requirement: { key: CONTROL_PLANE, operator: 'Exists' }, toleratesControlPlane: true }
      : { requirement: { key: CONTROL_PLANE, operator: 'DoesNotExist' } };
  }
  if (attribute === 'node.id') return { problem: 'node.id' };
  if (attribute.startsWith('engine.labels.')) return { problem: 'engine.labels' };
  return { problem: 'invalid', detail: `unknown attribute ${attribute}` };
}

function mapConstraints(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const list = at(svc.node, 'deploy', 'placement', 'constraints');
  if (!isSeq(list)) return;
  const key = 'services.deploy.placement.constraints';
  settleFidelity(ctx, svc, key);
  const requirements: { requirement: INodeSelectorRequirement; loc: Loc }[] = [];
  for (const item of list.items) {
    const text = scalarString(item) ?? '';
    const m = /^\s*([^\s=!]+)\s*(==|!=)\s*(.*?)\s*$/.exec(text);
    if (!m) {
      ctx.diags.error('invalid-value', `service "${svc.name}": placement constraint ${JSON.stringify(text)} must be <attribute>==<value> or <attribute>!=<value>`, item.loc);
      continue;
    }
    const [, attribute, op, value] = m as unknown as [string, string, '==' | '!=', string];
    const placement = placementOf(attribute, op, value);
    if ('problem' in placement) {
      if (placement.problem === 'invalid') {
        ctx.diags.warn(
          'unsupported',
          `service "${svc.name}": placement constraint ${JSON.stringify(text)} is not converted: ${placement.detail}`,
          item.loc,
          'use node.hostname, node.role, node.platform.os, node.platform.arch or node.labels.<key> with a valid label',
        );
      } else warnFidelity(ctx, svc, key, item.loc, { value: text, valueKey: placement.problem });
      continue;
    }
    if ('selector' in placement) {
      const [k, v] = placement.selector;
      const selector = (draft.pod.nodeSelector ??= {});
      if (selector[k] === undefined || selector[k] === v) {
        selector[k] = v;
        note(draft, 'pod', ['nodeSelector', k], item.loc, key);
        continue;
      }
      // A second, different value for the same label: no node has both, as in Swarm.
      requirements.push({ requirement: { key: k, operator: 'In', values: [v] }, loc: item.loc });
      continue;
    }
    requirements.push({ requirement: placement.requirement, loc: item.loc });
    if (attribute === 'node.role') warnFidelity(ctx, svc, key, item.loc, { value: text, valueKey: 'node.role' });
    if (placement.toleratesControlPlane) {
      draft.pod.tolerations = [...(draft.pod.tolerations ?? []), { key: CONTROL_PLANE, operator: 'Exists', effect: 'NoSchedule' }];
      note(draft, 'pod', ['tolerations'], item.loc, key, 'control-plane nodes are tainted against ordinary pods');
    }
  }
  if (requirements.length > 0) {
    addNodeRequirements(draft, requirements.map((r) => r.requirement));
    note(draft, 'pod', ['affinity', 'nodeAffinity'], requirements[0]!.loc, key);
  }
}

/** Every requirement must hold, on top of what other transforms already required. */
function addNodeRequirements(draft: ServiceDraft, requirements: INodeSelectorRequirement[]): void {
  const affinity = (draft.pod.affinity ??= {});
  const nodeAffinity = (affinity.nodeAffinity ??= {});
  const required = (nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
  // Terms are alternatives: the requirements go into each of them.
  if (required.nodeSelectorTerms.length === 0) required.nodeSelectorTerms.push({});
  for (const term of required.nodeSelectorTerms) term.matchExpressions = [...(term.matchExpressions ?? []), ...requirements];
}

function addSpread(draft: ServiceDraft, constraint: ITopologySpreadConstraint): number {
  const list = (draft.pod.topologySpreadConstraints ??= []);
  list.push(constraint);
  return list.length - 1;
}

function mapPreferences(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const list = at(svc.node, 'deploy', 'placement', 'preferences');
  if (!isSeq(list)) return;
  for (const item of list.items) {
    const spread = scalarString(get(item, 'spread'));
    if (spread === undefined) continue;
    const loc = locAt(item, 'spread');
    const labelKey = spread.startsWith('node.labels.') ? spread.slice('node.labels.'.length) : undefined;
    if (labelKey === undefined || !isLabelKey(labelKey)) {
      ctx.diags.warn(
        'unsupported',
        `service "${svc.name}": placement preference spread: ${spread} is not converted: only node.labels.<key> with a valid label key can be spread over`,
        loc,
        'spread over a node label, e.g. node.labels.zone (Kubernetes nodes carry topology.kubernetes.io/zone)',
      );
      continue;
    }
    if (draft.kind === 'DaemonSet') {
      note(draft, 'object', ['kind'], loc, 'services.deploy.placement.preferences', 'ignored: a DaemonSet runs one pod on every node');
      continue;
    }
    const i = addSpread(draft, { maxSkew: 1, topologyKey: labelKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...draft.selector } } });
    note(draft, 'pod', ['topologySpreadConstraints', i], loc, 'services.deploy.placement.preferences');
  }
}

function mapMaxReplicasPerNode(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const max = svc.deploy?.placement?.maxReplicasPerNode;
  if (max === undefined) return;
  const key = 'services.deploy.placement.max_replicas_per_node';
  const loc = locAt(svc.node, 'deploy', 'placement', 'max_replicas_per_node');
  settleFidelity(ctx, svc, key);
  // 0 is Swarm's default: no limit, as for any pod.
  if (max === 0) return;
  if (!Number.isInteger(max) || max < 0) {
    ctx.diags.error('invalid-value', `service "${svc.name}": max_replicas_per_node must be a whole number (0 for no limit), got ${max}`, at(svc.node, 'deploy', 'placement', 'max_replicas_per_node')?.loc ?? loc);
    return;
  }
  if (draft.kind === 'DaemonSet') {
    judgeFidelity(ctx, key, loc, 'exact');
    note(draft, 'object', ['kind'], loc, key, 'a DaemonSet runs one pod on every node anyway');
    return;
  }
  const matchLabels = { ...draft.selector };
  if (max === 1) {
    const affinity = (draft.pod.affinity ??= {});
    const anti = (affinity.podAntiAffinity ??= {});
    anti.requiredDuringSchedulingIgnoredDuringExecution = [
      ...(anti.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      { labelSelector: { matchLabels }, topologyKey: HOSTNAME },
    ];
    note(draft, 'pod', ['affinity', 'podAntiAffinity'], loc, key);
    return;
  }
  const i = addSpread(draft, { maxSkew: max, topologyKey: HOSTNAME, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels } });
  note(draft, 'pod', ['topologySpreadConstraints', i], loc, key);
  warnFidelity(ctx, svc, key, loc, { value: String(max) });
}

/** `os/arch[/variant]` -> the node labels of that OS and architecture. */
function mapPlatform(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.platform === undefined) return;
  draft.consumed.add('platform');
  const loc = locAt(svc.node, 'platform');
  const [os = '', arch, variant] = svc.platform.toLowerCase().split('/');
  if (!/^[a-z0-9]+$/.test(os) || (arch !== undefined && !/^[a-z0-9_]+$/.test(arch))) {
    ctx.diags.error('invalid-value', `service "${svc.name}": platform must look like linux/amd64 or linux/arm64/v8, got ${JSON.stringify(svc.platform)}`, get(svc.node, 'platform')?.loc ?? loc);
    return;
  }
  const selector = (draft.pod.nodeSelector ??= {});
  selector[OS] = os;
  note(draft, 'pod', ['nodeSelector', OS], loc, 'services.platform');
  if (arch === undefined) return;
  selector[ARCH] = ARCHITECTURES[arch] ?? arch;
  // arm64 has one variant (v8); for others the node runs whichever variant the image index offers it.
  const detail = variant !== undefined && !(arch === 'arm64' && variant === 'v8') ? `variant ${variant} has no node label; the node pulls the variant it supports` : undefined;
  note(draft, 'pod', ['nodeSelector', ARCH], loc, 'services.platform', detail);
}
