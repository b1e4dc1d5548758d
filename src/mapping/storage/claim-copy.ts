import { dnsLabel } from '../names.js';

/**
 * The command that copies a host directory into the claim that replaces it: a one-shot pod that
 * mounts the claim, `kubectl cp` into the folder the services mount (the claim's `data` folder),
 * then the pod is deleted. Run on the Docker host, with the compose app stopped, before the app
 * first starts in the cluster (a database would otherwise initialise an empty data directory).
 */
export const COPY_IMAGE = 'docker.io/library/busybox:1.36';

export function copyCommand(claim: string, hostPath: string, subPath: string | undefined): string {
  const pod = dnsLabel(`copy-${claim}`);
  const overrides = JSON.stringify({
    spec: {
      containers: [{ name: 'copy', image: COPY_IMAGE, command: ['sleep', '3600'], volumeMounts: [{ name: 'claim', mountPath: '/claim' }] }],
      volumes: [{ name: 'claim', persistentVolumeClaim: { claimName: claim } }],
    },
  });
  const into = subPath ? `/claim/${subPath}` : '/claim';
  return [
    `kubectl run ${pod} --image=${COPY_IMAGE} --restart=Never --overrides='${overrides}'`,
    `kubectl wait --for=condition=Ready pod/${pod} --timeout=5m`,
    // `dir/.` copies what is in the directory, whether or not the target folder exists yet.
    `kubectl cp ${shellQuote(contentsOf(hostPath))} ${pod}:${into}`,
    `kubectl delete pod ${pod}`,
  ].join(' && ');
}

/** `dir/.`: what is in the directory, with the separator of the path (a Windows host's `C:\\data\\.`). */
function contentsOf(dir: string): string {
  const windows = /^[A-Za-z]:\\/.test(dir) && !dir.includes('/');
  return windows ? `${dir.replace(/\\$/, '')}\\.` : `${dir.replace(/\/$/, '')}/.`;
}

function shellQuote(s: string): string {
  return /^[-\w./@%+=:,]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
