import { Ingress } from '../kube-models.js';
import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import type { IIngressRule } from 'kubernetes-models/networking.k8s.io/v1/IngressRule';
import type { KubeObject, Note, ServiceTransform } from '../context.js';
import { serviceHints } from '../hints/extension.js';
import { exposureOf, type ExposedPort } from './services.js';

const HTTP_PROTOCOLS = new Set(['http', 'https', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss', 'grpc']);

/**
 * The port an Ingress sends traffic to: the one asked for, else the first that says it speaks
 * HTTP, else the first published TCP port, else the first TCP port.
 */
function ingressPort(ports: ExposedPort[], wanted: number | undefined): ExposedPort | undefined {
  const tcp = ports.filter((p) => p.protocol === 'TCP');
  if (wanted !== undefined) return tcp.find((p) => p.port === wanted);
  return (
    tcp.find((p) => (p.appProtocol && HTTP_PROTOCOLS.has(p.appProtocol)) || /^https?(-|$)/.test(p.name)) ??
    tcp.find((p) => p.published) ??
    tcp[0]
  );
}

/**
 * x-kubernetes.ingress or the kompose.service.expose label -> a networking.k8s.io/v1 Ingress to
 * the service's in-cluster Service: Compose has no HTTP routing, this is only made on request.
 */
export const mapIngress: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  const hint = serviceHints(svc, ctx.diags).ingress;
  if (!hint) return;
  const exposure = exposureOf(ctx, svc.name);
  if (!exposure) return;
  const port = ingressPort(exposure.ports, hint.value.port);
  if (!port) {
    ctx.diags.warn(
      'ingress-without-port',
      hint.value.port !== undefined
        ? `service "${svc.name}": ${hint.from} sends traffic to port ${hint.value.port}, which the service does not declare as a TCP port; no Ingress is made`
        : `service "${svc.name}": ${hint.from} asks for an Ingress, but the service declares no TCP port; no Ingress is made`,
      hint.loc,
      'declare the port the service serves HTTP on under `ports` or `expose`',
    );
    return;
  }
  if (!exposure.open.some((p) => p.port === port.port && p.protocol === port.protocol)) exposure.open.push({ port: port.port, protocol: port.protocol });

  const backend = { service: { name: exposure.serviceName, port: { number: port.port } } };
  const byHost = new Map<string | undefined, IHTTPIngressPath[]>();
  for (const rule of hint.value.rules) {
    const paths = byHost.get(rule.host) ?? [];
    if (!paths.some((p) => p.path === rule.path)) paths.push({ path: rule.path, pathType: 'Prefix', backend });
    byHost.set(rule.host, paths);
  }
  const rules: IIngressRule[] = [...byHost].map(([host, paths]) => ({ ...(host ? { host } : {}), http: { paths } }));
  const hosts = [...byHost.keys()].filter((h): h is string => h !== undefined);
  const { tlsSecret, className } = hint.value;
  const ingress = new Ingress({
    metadata: { name: draft.name, labels: { ...draft.labels } },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      ...(tlsSecret ? { tls: [{ ...(hosts.length > 0 ? { hosts } : {}), secretName: tlsSecret }] } : {}),
      rules,
    },
  });
  const notes: Note[] = [
    { path: ['spec', 'rules'], loc: hint.loc, key: hint.key, detail: `to port ${port.port} (${port.name}) of Service ${exposure.serviceName}` },
  ];
  if (tlsSecret) notes.push({ path: ['spec', 'tls'], loc: hint.loc, key: hint.key, detail: `the Secret ${tlsSecret} (type kubernetes.io/tls) must exist` });
  ctx.add(ingress.toJSON() as unknown as KubeObject, { what: `service "${svc.name}"`, loc: hint.loc }, notes);
};
