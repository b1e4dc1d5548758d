import { basename, normalize } from '../../util/path.js';

/**
 * Paths of the Docker host that are not data: the machine's clock, its container engine, its
 * devices, its kernel and the sockets of its daemons. A claim of them would be an empty
 * directory where the service expects the host itself, so they never become claims by default.
 */
export interface HostOnly {
  what: 'time-zone' | 'docker-socket' | 'socket' | 'device' | 'kernel' | 'runtime' | 'system';
  /** Never a claim, even when x-kubernetes asks for one: there is no data to copy. */
  never: boolean;
  /** Why, as the end of "... is left out: <reason>". */
  reason: string;
  /** What to do instead. */
  hint: string;
}

const HOST_PATH_HINT = 'or convert with --bind-mounts host-path to mount the path of whichever node runs the pod';

const TIME_ZONE: HostOnly = {
  what: 'time-zone',
  never: true,
  reason: "it is the Docker host's time zone, which a node does not share with the pod",
  hint: 'set the TZ environment variable instead (TZ: Europe/Berlin); most images read it',
};

const SYSTEM_FILES: Record<string, string> = {
  '/etc/passwd': 'set `user:` to the numeric user the service runs as',
  '/etc/group': 'set `user:` and `group_add:` to the numeric ids the service needs',
  '/etc/shadow': 'the service should not read the host\'s password hashes; leave the mount out',
  '/etc/gshadow': 'the service should not read the host\'s password hashes; leave the mount out',
  '/etc/hosts': 'use `extra_hosts:` (pod hostAliases) for names the service must resolve',
  '/etc/hostname': 'use `hostname:` to set the name the service sees',
  '/etc/resolv.conf': 'use `dns:` and `dns_search:` (pod dnsConfig) to change name resolution',
  '/etc/machine-id': 'the pod has no machine id of its own; leave the mount out unless the service needs the node\'s',
  '/etc/os-release': 'leave it out unless the service reports on the node',
};

const SYSTEM_TREES = ['/etc/ssl', '/etc/pki', '/etc/ca-certificates', '/usr/share/ca-certificates', '/lib/modules', '/boot', '/var/lib/docker/containers'];
const SYSTEM_DIRS = ['/', '/etc', '/usr', '/lib', '/lib64', '/bin', '/sbin', '/var', '/var/lib', '/var/lib/docker', '/var/log', '/home', '/root', '/tmp'];

const under = (path: string, root: string): boolean => path === root || path.startsWith(`${root}/`);

/** Whether `path` (absolute, normalized) is the host itself rather than data of the service. */
export function hostOnly(raw: string): HostOnly | undefined {
  const path = normalize(raw);
  if (path === '/etc/localtime' || path === '/etc/timezone' || under(path, '/usr/share/zoneinfo')) return TIME_ZONE;
  const name = basename(path);
  if (/^(docker|podman|containerd)\.sock$/.test(name)) {
    return {
      what: 'docker-socket',
      never: true,
      reason:
        'it is the Docker socket: whoever reaches it controls the Docker host as root (it can start privileged containers and read every file), and Kubernetes nodes run containerd, usually without a Docker daemon',
      hint: 'tools that manage containers (Portainer, Traefik, Watchtower...) need the Kubernetes API instead: a ServiceAccount with RBAC, or their Kubernetes provider; --bind-mounts host-path mounts the node\'s socket if it has one, which gives the pod root on the node',
    };
  }
  if (/\.sock(et)?$/.test(name)) {
    return { what: 'socket', never: true, reason: 'it is the socket of a daemon on the Docker host, which the pod cannot reach', hint: `talk to the daemon over the network, ${HOST_PATH_HINT}` };
  }
  if (under(path, '/dev')) {
    const shm = under(path, '/dev/shm');
    return {
      what: 'device',
      never: true,
      reason: shm ? "it is the Docker host's shared memory" : 'it is a device file of the Docker host; a pod cannot map host devices by path',
      hint: shm
        ? 'use `shm_size:` (a memory emptyDir at /dev/shm) for shared memory inside the pod'
        : 'install the device plugin for the hardware and request it in resources.limits, or run a privileged pod with --bind-mounts host-path',
    };
  }
  if (under(path, '/proc') || under(path, '/sys')) {
    return {
      what: 'kernel',
      never: true,
      reason: "it is a kernel interface of the host: the pod has its own /proc and /sys, and only a pod on the node can see the node's",
      hint: "a monitoring agent that reads the node's (node-exporter, cAdvisor) runs as a DaemonSet with --bind-mounts host-path",
    };
  }
  if (under(path, '/run') || under(path, '/var/run') || under(path, '/tmp/.X11-unix')) {
    return {
      what: 'runtime',
      never: false,
      reason: 'it is a runtime directory of the Docker host (sockets and state of its daemons, such as D-Bus): it exists only on that machine while they run, and a claim would be empty',
      hint: `reach those daemons over the network, ${HOST_PATH_HINT}`,
    };
  }
  const systemFile = SYSTEM_FILES[path];
  if (systemFile !== undefined || SYSTEM_DIRS.includes(path) || SYSTEM_TREES.some((t) => under(path, t))) {
    const certificates = ['/etc/ssl', '/etc/pki', '/etc/ca-certificates', '/usr/share/ca-certificates'].some((t) => under(path, t));
    return {
      what: 'system',
      never: false,
      reason: certificates
        ? "it is the Docker host's store of CA certificates: the image has its own"
        : "it is the Docker host's own system (users, name resolution, kernel modules, container logs...), which the service reads to mimic or inspect the host; a claim would be empty",
      hint: certificates
        ? 'put an extra CA certificate in the project directory and mount that file (it becomes a ConfigMap)'
        : path === '/tmp'
          ? 'use `tmpfs:` for scratch space (a memory emptyDir), or a named volume for files services share'
          : (systemFile ?? `leave it out, ${HOST_PATH_HINT}`),
    };
  }
  return undefined;
}

/**
 * Names that are files, for a path this machine cannot read: an extension of configuration,
 * scripts, keys, certificates or data, or a well-known file name without one. Anything else is
 * a directory (`conf.d`, `app.example.com` and `v1.2` included), as Docker creates a directory
 * at a missing bind-mount source.
 */
const FILE_EXTENSIONS =
  /\.(conf|cfg|cnf|ini|ya?ml|json5?|toml|xml|properties|env|txt|sh|bash|py|js|mjs|cjs|ts|php|rb|lua|pl|sql|pem|crt|cert|cer|csr|key|pub|p12|pfx|jks|keystore|kdbx|htpasswd|htaccess|list|lst|csv|tsv|tpl|tmpl|j2|html?|css|md|rules|db|sqlite3?|db3|mdb|rdb|aof|log|lock|pid|service|timer|crontab)$/i;
const FILE_NAMES = /^(Caddyfile|Corefile|Dockerfile|Makefile|Procfile|Gemfile|crontab|authorized_keys|known_hosts|id_(rsa|dsa|ecdsa|ed25519)|\.env|\.htpasswd|\.netrc|\.pgpass|htpasswd)$/;

export function looksLikeFile(name: string): boolean {
  return FILE_EXTENSIONS.test(name) || FILE_NAMES.test(name);
}

/** A single file of data the service writes: a database, a log. A read-only snapshot would break it. */
export function isDataFile(name: string): boolean {
  return /\.(db|sqlite3?|db3|mdb|rdb|aof|log)$/i.test(name);
}

/**
 * Claim names for host directories: the last two segments of each path (`nextcloud-db` for
 * /mnt/docker-volumes/nextcloud/db), one more segment for paths whose names would be the same,
 * so the names say which directory they hold. Whatever still collides is numbered by the caller.
 */
export function hostClaimBases(paths: readonly string[]): Map<string, string> {
  // Windows paths (C:\\Users\\me\\data) are split on backslashes too; the drive is not a name.
  const segments = new Map(paths.map((p) => [p, normalize(p).split(/[\\/]/).filter((part) => part !== '' && !/^[A-Za-z]:$/.test(part))]));
  const depth = new Map(paths.map((p) => [p, 2]));
  const base = (p: string) => {
    const parts = segments.get(p)!;
    return parts.length === 0 ? 'root' : parts.slice(-depth.get(p)!).join('-');
  };
  for (let round = 0; round < 8; round++) {
    const byName = new Map<string, string[]>();
    for (const p of paths) byName.set(base(p).toLowerCase(), [...(byName.get(base(p).toLowerCase()) ?? []), p]);
    let grew = false;
    for (const group of byName.values()) {
      if (group.length < 2) continue;
      for (const p of group) {
        if (depth.get(p)! < segments.get(p)!.length) {
          depth.set(p, depth.get(p)! + 1);
          grew = true;
        }
      }
    }
    if (!grew) break;
  }
  return new Map(paths.map((p) => [p, base(p)]));
}
