/**
 * JSON schemas of the `x-kubernetes` extension (services and volumes). The `description` of a
 * field is shown as the hint when a value does not match it.
 */

const NAME = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  maxLength: 253,
  description: 'a Kubernetes object name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
} as const;

const QUANTITY = {
  type: 'string',
  pattern: '^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$',
  description: 'a Kubernetes quantity such as 10Gi or 500Mi',
} as const;

const PORT = { type: 'integer', minimum: 1, maximum: 65535, description: 'a port number from 1 to 65535' } as const;

const PERCENT = { type: 'integer', minimum: 1, maximum: 1000, description: 'a target utilization in percent of the container request' } as const;

const IMAGE = {
  type: 'string',
  minLength: 1,
  description: 'an image reference such as registry.example.com/mirror/busybox:1.36.1',
} as const;

/** The images of the containers compose2kube adds (the wait-for-<dependency> init containers). */
const HELPER_IMAGES = {
  type: 'object',
  additionalProperties: false,
  properties: {
    wait: { ...IMAGE, description: 'the image of the wait-for-<dependency> init containers: it needs sh, nc, nslookup, awk and expr (busybox has them)' },
    kubectl: { ...IMAGE, description: 'the image of the init containers that wait for a Job: it needs sh and kubectl' },
  },
} as const;

const LABEL_KEY = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';

const CLAIM_PROPERTIES = {
  size: QUANTITY,
  storageClassName: NAME,
  accessModes: {
    type: 'array',
    minItems: 1,
    uniqueItems: true,
    items: { type: 'string', enum: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] },
  },
} as const;

const BIND_CHOICE = {
  type: 'string',
  enum: ['claim', 'host-path', 'omit'],
  description: 'claim (a PersistentVolumeClaim to copy the data into), host-path (the same path on the node) or omit (left out)',
} as const;

export const SERVICE_EXTENSION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    workload: { type: 'string', enum: ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] },
    schedule: {
      type: 'string',
      pattern: '^\\s*(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\\S+\\s+){4}\\S+)\\s*$',
      description: 'a cron expression with five fields (minute hour day-of-month month day-of-week), e.g. "0 3 * * *", or @hourly, @daily, @weekly, @monthly, @yearly',
    },
    expose: {
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] },
        headless: { type: 'boolean', description: 'true for a headless Service (clusterIP: None)' },
        nodePort: { ...PORT, description: 'the node port of the first port, usually from 30000 to 32767' },
      },
    },
    ingress: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: {
          type: 'array',
          items: {
            type: 'string',
            pattern: '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
            description: 'a host name such as app.example.com (a leading "*." matches any subdomain)',
          },
        },
        path: { type: 'string', pattern: '^/', description: 'a URL path starting with "/"' },
        tlsSecret: NAME,
        className: NAME,
        port: { ...PORT, description: 'the port of the service the Ingress sends traffic to (default: the first one that speaks HTTP, else the first published one)' },
      },
    },
    autoscaling: {
      type: 'object',
      additionalProperties: false,
      required: ['maxReplicas'],
      properties: {
        minReplicas: { type: 'integer', minimum: 1, description: 'the smallest number of replicas (default 1)' },
        maxReplicas: { type: 'integer', minimum: 1, description: 'the largest number of replicas the autoscaler may run' },
        cpu: PERCENT,
        memory: PERCENT,
      },
    },
    imagePullSecrets: { type: 'array', items: NAME },
    serviceAccountName: NAME,
    labels: {
      type: 'object',
      propertyNames: { type: 'string', pattern: LABEL_KEY },
      additionalProperties: {
        type: 'string',
        maxLength: 63,
        pattern: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$',
        description: 'a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      },
    },
    annotations: {
      type: 'object',
      propertyNames: { type: 'string', pattern: LABEL_KEY },
      additionalProperties: { type: 'string' },
    },
    storage: { type: 'object', additionalProperties: false, properties: CLAIM_PROPERTIES },
    // One choice for every bind mount of the service, or one per mount by its source or target path.
    bindMounts: {
      if: { type: 'string' },
      then: BIND_CHOICE,
      else: {
        type: 'object',
        propertyNames: { type: 'string', pattern: '^\\.?\\.?/', description: 'the source or target path of a bind mount of the service (absolute, or relative to the project: ./data)' },
        additionalProperties: BIND_CHOICE,
      },
    },
    helperImages: HELPER_IMAGES,
  },
} as const;

/** The project's own `x-kubernetes` (top level): settings for every service. */
export const PROJECT_EXTENSION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    helperImages: HELPER_IMAGES,
  },
} as const;

/** `x-kubernetes` on one bind mount in the long syntax. */
export const MOUNT_EXTENSION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { bindMount: BIND_CHOICE, ...CLAIM_PROPERTIES },
} as const;

export const VOLUME_EXTENSION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: CLAIM_PROPERTIES,
} as const;
