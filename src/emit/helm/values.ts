import { formatLoc, type Loc } from '../../util/loc.js';
import type { AnnotationLevel } from '../annotate.js';
import type { FieldComment } from '../yaml-writer.js';
import type { ChartModel, IngressModel, ServiceModel } from './model.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

/** values.yaml as data, the comment on each value, and the JSON schema that makes a typo fail. */
export interface ValuesPlan {
  values: { [key: string]: Json };
  comments: FieldComment[];
  schema: Schema;
}

const QUANTITY = '^[+]?[0-9]+(\\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)?$';
const object = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({ type: 'object', additionalProperties: false, properties, ...extra });
const quantityMap: Schema = { type: 'object', additionalProperties: { type: ['string', 'number'], pattern: QUANTITY } };
const RESOURCES = object({ limits: quantityMap, requests: quantityMap, claims: { type: 'array' } });

class Commenter {
  readonly comments: FieldComment[] = [];
  constructor(readonly level: AnnotationLevel) {}

  /** `full` says what the value does and where it came from; `brief` names the value's origin. */
  add(path: string[], full: string, loc?: Loc, brief?: string): void {
    if (this.level === 'none') return;
    const from = loc ? ` (from ${formatLoc(loc)})` : '';
    this.comments.push({ path, text: this.level === 'full' ? `${full}${from}` : `${brief ?? firstSentence(full)}${from}` });
  }
}

function firstSentence(text: string): string {
  const end = text.search(/[.:;](\s|$)/);
  return end < 0 ? text : text.slice(0, end);
}

export function valuesPlan(model: ChartModel, level: AnnotationLevel): ValuesPlan {
  const c = new Commenter(level);
  const services: { [key: string]: Json } = {};
  const serviceSchemas: Record<string, Schema> = {};
  for (const s of model.services.values()) {
    const { values, schema } = serviceValues(s, model, c);
    if (Object.keys(values).length === 0) continue;
    services[s.compose] = values;
    serviceSchemas[s.compose] = schema;
  }
  const volumes: { [key: string]: Json } = {};
  const volumeSchemas: Record<string, Schema> = {};
  for (const v of model.volumes.values()) {
    const p = ['volumes', v.compose];
    volumes[v.compose] = { size: v.size, storageClass: v.storageClass, accessMode: v.accessMode };
    c.add(p, `Compose volume "${v.compose}": the PersistentVolumeClaim ${v.claim}`, v.loc, `volume "${v.compose}" -> PersistentVolumeClaim ${v.claim}`);
    c.add([...p, 'size'], 'The storage the claim requests (a Kubernetes quantity: 500Mi, 10Gi). A bound claim can only grow, and only where its StorageClass allows expansion.');
    c.add([...p, 'storageClass'], 'The StorageClass: empty for the cluster default, "-" for none (a pre-provisioned PersistentVolume).');
    c.add([...p, 'accessMode'], 'ReadWriteOnce: one node mounts it, as a local Docker volume. ReadWriteMany lets pods on several nodes share it, where the storage supports it.');
    volumeSchemas[v.compose] = object({
      size: { type: 'string', pattern: QUANTITY },
      storageClass: { type: 'string' },
      accessMode: { enum: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] },
    });
  }
  const secrets: { [key: string]: Json } = {};
  const secretSchemas: Record<string, Schema> = {};
  for (const s of model.secrets.values()) {
    if (s.path[0] !== 'secrets') continue;
    secrets[s.path[1]!] = { existingSecret: '' };
    secretSchemas[s.path[1]!] = object({ existingSecret: { type: 'string' } });
    c.add([...s.path, 'existingSecret'], existingSecretText(s.secretName, s.keys), s.loc, `the Secret ${s.secretName} (keys ${s.keys.join(', ')}), or an existing one`);
  }
  const values: { [key: string]: Json } = {};
  const properties: Record<string, Schema> = { global: { type: 'object' } };
  if (Object.keys(services).length) {
    values.services = services;
    properties.services = object(serviceSchemas);
    c.add(['services'], 'One entry per compose service, by its compose name. Only what is here is a value; the rest of each object is as compose2kube converted it.');
  }
  if (Object.keys(volumes).length) {
    values.volumes = volumes;
    properties.volumes = object(volumeSchemas);
    c.add(['volumes'], 'One entry per compose named volume that became a PersistentVolumeClaim.');
  }
  if (Object.keys(secrets).length) {
    values.secrets = secrets;
    properties.secrets = object(secretSchemas);
    c.add(['secrets'], 'One entry per compose secret: its content is in the chart\'s Secret template, never here.');
  }
  return { values, comments: c.comments, schema: { $schema: 'https://json-schema.org/draft-07/schema#', ...object(properties) } };
}

function existingSecretText(name: string, keys: readonly string[]): string {
  return `Empty: the chart creates the Secret ${name}. A name: the pods read that existing Secret instead (it needs the key${keys.length === 1 ? '' : 's'} ${keys.join(', ')}), and the chart creates none, so the content can live in a secret store rather than in the chart.`;
}

function serviceValues(s: ServiceModel, model: ChartModel, c: Commenter): { values: { [key: string]: Json }; schema: Schema } {
  const p = ['services', s.compose];
  const values: { [key: string]: Json } = {};
  const props: Record<string, Schema> = {};
  if (s.image) {
    const { repository, tag, digest } = s.image.ref;
    values.image = digest ? { repository, tag, digest } : { repository, tag };
    props.image = object({ repository: { type: 'string', minLength: 1 }, tag: { type: 'string' }, digest: { type: 'string' } }, { required: ['repository'] });
    c.add([...p, 'image', 'repository'], `The image of the container ${s.kube}, without its tag`, s.image.loc);
    c.add([...p, 'image', 'tag'], 'The image tag (empty: none, which the registry reads as latest). A tag that looks like a number needs --set-string.');
    if (digest) c.add([...p, 'image', 'digest'], 'The image digest: with it, the node runs exactly that image, whatever the tag now names.');
  }
  if (s.replicas) {
    values.replicas = s.replicas.value;
    props.replicas = { type: ['integer', 'null'], minimum: 0 };
    c.add([...p, 'replicas'], 'How many pods run (deploy.replicas, scale); null leaves the field out: one pod, or what an autoscaler decides', s.replicas.loc);
  }
  if (s.resources) {
    values.resources = s.resources.value as Json;
    props.resources = RESOURCES;
    c.add([...p, 'resources'], 'The container\'s resource requests and limits (deploy.resources, mem_limit, cpus), as Kubernetes writes them', s.resources.loc);
  }
  if (s.env) {
    values.env = Object.fromEntries(s.env.values);
    props.env = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
    c.add(
      [...p, 'env'],
      'Plain environment variables, with the values Compose would pass (as Kubernetes reads them: $$ is a literal $). Names added here are added to the container. Variables whose names look secret are in a Secret, not here',
      s.env.loc,
    );
  }
  const envSecret = [...model.secrets.values()].find((x) => x.path[0] === 'services' && x.path[1] === s.compose);
  if (envSecret) {
    values.envSecret = { existingSecret: '' };
    props.envSecret = object({ existingSecret: { type: 'string' } });
    c.add([...p, 'envSecret', 'existingSecret'], `The variables whose names look secret. ${existingSecretText(envSecret.secretName, envSecret.keys)}`, envSecret.loc);
  }
  if (s.service) {
    values.service = { type: s.service.type };
    props.service = object({ type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] } });
    const ports = s.service.published.map((x) => `${x.port}->${x.target}/${x.protocol}`).join(', ');
    c.add(
      [...p, 'service', 'type'],
      `How the published ports (${ports}) are reached from outside the cluster: ClusterIP (only inside; \`kubectl port-forward\`), NodePort (on every node) or LoadBalancer (an external address) on Service ${s.service.serviceName}`,
      s.service.loc,
    );
  }
  if (s.ingress) {
    values.ingress = ingressValues(s.ingress);
    props.ingress = object({
      enabled: { type: 'boolean' },
      className: { type: 'string' },
      hosts: {
        type: 'array',
        items: object(
          { host: { type: 'string' }, paths: { type: 'array', minItems: 1, items: object({ path: { type: 'string', pattern: '^/' }, pathType: { enum: ['Prefix', 'Exact', 'ImplementationSpecific'] } }, { required: ['path'] }) } },
          { required: ['paths'] },
        ),
      },
      tls: { type: 'array', items: object({ secretName: { type: 'string' }, hosts: { type: 'array', items: { type: 'string' } } }, { required: ['secretName'] }) },
    });
    const i = [...p, 'ingress'];
    c.add(
      i,
      `HTTP routing from outside to port ${s.ingress.backend.port} of Service ${s.ingress.backend.service} through the cluster's ingress controller`,
      s.ingress.loc,
    );
    c.add([...i, 'enabled'], s.ingress.object ? 'On: the compose file asked for an Ingress (x-kubernetes.ingress or kompose.service.expose)' : 'Off: compose publishes the port, but has no HTTP routing; turn it on to route the hosts below');
    c.add([...i, 'className'], 'The IngressClass (nginx, traefik...); empty: the cluster default');
    c.add([...i, 'hosts'], 'The host names and the path prefixes routed to the service (an empty host matches every host)');
    c.add([...i, 'tls'], 'TLS: each entry names a Secret of type kubernetes.io/tls and the hosts it serves');
  }
  return { values, schema: object(props) };
}

function ingressValues(ingress: IngressModel): Json {
  return {
    enabled: ingress.enabled,
    className: ingress.className,
    hosts: ingress.hosts.map((h) => ({ host: h.host, paths: h.paths.map((x) => ({ path: x.path, pathType: x.pathType })) })),
    tls: ingress.tls.map((t): Json => (t.hosts ? { secretName: t.secretName, hosts: [...t.hosts] } : { secretName: t.secretName })),
  };
}
