import { describe, expect, it } from 'vitest';
import type { IIngressSpec } from 'kubernetes-models/networking.k8s.io/v1/IngressSpec';
import { diagnostics, names, object, run } from './convert-support.js';

/** A project with one service `web`; `keys` are more lines of the service, indented by four spaces. */
function web(keys: string): string {
  return `services:\n  web:\n    image: example/web:1\n${keys.replace(/^/gm, '    ')}\n`;
}

const spec = (result: ReturnType<typeof run>) => object(result, 'Ingress', 'web').spec as IIngressSpec;
const backend = (port: number) => ({ service: { name: 'web', port: { number: port } } });

describe('Ingress on request', () => {
  it('is not made unless asked for', () => {
    expect(names(run({ 'compose.yaml': web('ports: ["80:80"]') }), 'Ingress')).toEqual([]);
  });

  it('routes the hosts and path of x-kubernetes.ingress to the Service, with TLS and a class', () => {
    const result = run({
      'compose.yaml': web('ports: ["8080:80"]\nx-kubernetes:\n  ingress:\n    host: [shop.example.com, www.shop.example.com]\n    path: /app\n    tlsSecret: shop-tls\n    className: nginx'),
    });
    expect(spec(result)).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com', 'www.shop.example.com'], secretName: 'shop-tls' }],
      rules: [
        { host: 'shop.example.com', http: { paths: [{ path: '/app', pathType: 'Prefix', backend: backend(80) }] } },
        { host: 'www.shop.example.com', http: { paths: [{ path: '/app', pathType: 'Prefix', backend: backend(80) }] } },
      ],
    });
  });

  it.each([
    { name: 'kompose.service.expose: "true" matches every host', label: '"true"', rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(80) }] } }] },
    {
      name: 'kompose.service.expose with hosts and paths, grouped by host',
      label: '"a.example.com,a.example.com/api,b.example.com"',
      rules: [
        {
          host: 'a.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: backend(80) },
              { path: '/api', pathType: 'Prefix', backend: backend(80) },
            ],
          },
        },
        { host: 'b.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(80) }] } },
      ],
    },
  ])('$name', ({ label, rules }) => {
    const result = run({ 'compose.yaml': web(`ports: ["80"]\nlabels:\n  kompose.service.expose: ${label}`) });
    expect(spec(result).rules).toEqual(rules);
  });

  it.each([
    { name: 'the port asked for', keys: 'expose: ["3000", "9090"]\nx-kubernetes:\n  ingress:\n    port: 9090', port: 9090 },
    { name: 'a port named http', keys: 'ports:\n  - {target: 9090}\n  - {target: 3000, name: http}', port: 3000 },
    { name: 'a port with an HTTP app_protocol', keys: 'ports:\n  - {target: 9090}\n  - {target: 3000, app_protocol: http}', port: 3000 },
    { name: 'the first published TCP port', keys: 'expose: ["9090"]\nports: ["53:53/udp", "8080:3000"]', port: 3000 },
    { name: 'the first TCP port', keys: 'expose: ["53/udp", "4000", "5000"]', port: 4000 },
  ])('sends traffic to $name', ({ keys, port }) => {
    const withIngress = keys.includes('x-kubernetes') ? keys : `${keys}\nx-kubernetes:\n  ingress: {}`;
    const result = run({ 'compose.yaml': web(withIngress) });
    expect(spec(result).rules?.[0]?.http?.paths[0]?.backend).toEqual(backend(port));
  });

  it.each([
    { name: 'no TCP port', keys: 'expose: ["53/udp"]\nx-kubernetes:\n  ingress: {}', line: 6, column: 7 },
    { name: 'a port the service does not declare', keys: 'expose: ["3000"]\nx-kubernetes:\n  ingress:\n    port: 8080', line: 6, column: 7 },
    { name: 'a kompose label without a port', keys: 'labels:\n  kompose.service.expose: "true"', line: 5, column: 7 },
  ])('warns and makes none for $name', ({ keys, line, column }) => {
    const result = run({ 'compose.yaml': web(keys) });
    expect(names(result, 'Ingress')).toEqual([]);
    expect(diagnostics(result, 'ingress-without-port')).toEqual([{ line, column, message: expect.stringContaining('no Ingress is made') }]);
  });
});
