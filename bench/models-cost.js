// What constructing kubernetes-models classes at run time costs (npm run bench prints it): the
// import of the classes the mapper would use, and the construction of one Deployment-sized object
// by its class against the same deep copy done by compose2kube's own builder.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { kubeModel } from '../dist/mapping/kube-models.js';

const data = () => ({
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'bench' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [{ name: 'A', value: '1' }, { name: 'B', value: undefined }],
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { limits: { cpu: '500m', memory: '256Mi' } },
            readinessProbe: { exec: { command: ['wget', '-qO-', 'http://localhost/'] }, periodSeconds: 10 },
          },
        ],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    },
  },
});

const KINDS = [
  'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/Job', 'batch/v1/CronJob', 'v1/Service', 'v1/ConfigMap', 'v1/Secret',
  'v1/PersistentVolumeClaim', 'v1/ServiceAccount', 'v1/Namespace', 'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/NetworkPolicy',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding', 'autoscaling/v2/HorizontalPodAutoscaler',
];

function perObject(make, n) {
  for (let i = 0; i < 2000; i++) make();
  const t = performance.now();
  for (let i = 0; i < n; i++) make();
  return ((performance.now() - t) * 1000) / n;
}

const t = performance.now();
const modules = await Promise.all(KINDS.map((k) => import(`kubernetes-models/${k}`)));
const importMs = performance.now() - t;
const Deployment = modules[0].Deployment;
const PlainDeployment = kubeModel('apps/v1', 'Deployment');
const n = 50000;
const classUs = perObject(() => new Deployment(data()).toJSON(), n);
const plainUs = perObject(() => new PlainDeployment(data()).toJSON(), n);
const same = JSON.stringify(new Deployment(data()).toJSON()) === JSON.stringify(new PlainDeployment(data()).toJSON());
process.stdout.write(JSON.stringify({ kinds: KINDS.length, importMs, classUs, plainUs, same }) + '\n');
