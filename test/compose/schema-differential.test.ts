import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseYaml } from '../../src/compose/parse.js';
import { FORMATS } from '../../src/compose/schema/formats.js';
import { COMPOSE_SCHEMA } from '../../src/compose/schema/index.js';
import { toPlain } from '../../src/compose/tree.js';
import { schemaErrors } from '../../src/compose/validate.js';

/**
 * Our compose schema (src/compose/schema/) against Compose's official JSON schema, which is public
 * reference data outside the project: both must call the same documents valid. Where ours is
 * deliberately different, the document is listed in DELIBERATE with the reason.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OFFICIAL = join(ROOT, '..', 'shared', 'compose-spec', 'compose-spec.json');
const KOMPOSE = join(ROOT, '..', 'shared', 'corpus', 'kompose');

function officialValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(OFFICIAL, 'utf8')) as Record<string, unknown>;
  // Ajv knows draft-07 as http://json-schema.org/draft-07/schema#; the file names it over https.
  delete schema.$schema;
  // Not strict: the official schema uses `deprecated` (not a draft-07 keyword). It has no `format`;
  // the formats of ours are registered on both instances so both read the same vocabulary.
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  return ajv.compile(schema);
}

type Verdict = 'valid' | 'invalid';

/** YAML -> plain data the way the loader reads it. */
function load(yaml: string): unknown {
  const diags = new Diagnostics();
  const tree = parseYaml({ path: 'doc.yaml', text: yaml }, diags);
  if (!tree || diags.hasErrors) throw new Error(`test document does not parse: ${diags.items.map((d) => d.message).join('; ')}`);
  return toPlain(tree);
}

/** A document with one service `web` whose body is `body` (indented by the helper). */
function service(body: string): string {
  return `services:\n  web:\n${indent(body, 4)}`;
}

function indent(text: string, by: number): string {
  const lines = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const margin = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => ' '.repeat(by) + l.slice(margin)).join('\n') + '\n';
}

interface Doc {
  name: string;
  yaml: string;
  verdict: Verdict;
}

const VALID: Doc[] = [
  { name: 'minimal service', yaml: service('image: nginx:1.27') },
  {
    name: 'every top-level element',
    yaml: `
version: "3.9"
name: shop
x-common: &common
  restart: unless-stopped
include:
  - ./db/compose.yaml
  - path: [./cache/compose.yaml, ./cache/override.yaml]
    project_directory: ./cache
    env_file: ./cache/.env
services:
  web:
    <<: *common
    image: shop/web
networks:
  front: {}
volumes:
  data:
configs:
  nginx:
    file: ./nginx.conf
secrets:
  token:
    environment: SHOP_TOKEN
models:
  llm:
    model: ai/smollm2
`,
  },
  { name: 'build as a context path', yaml: service('build: ./web') },
  {
    name: 'build, long syntax with every attribute',
    yaml: service(`
      build:
        context: ./web
        dockerfile: web.Dockerfile
        args: [GIT_COMMIT=abc123, BUILD_ONLY]
        ssh: [default]
        cache_from: [shop/web:cache]
        cache_to: [type=local,dest=/tmp/cache]
        additional_contexts:
          assets: ./assets
        entitlements: [network.host]
        extra_hosts: ["mirror=10.0.0.5"]
        isolation: default
        privileged: true
        labels:
          org.example.team: payments
        no_cache: false
        pull: true
        network: host
        shm_size: 2gb
        target: prod
        secrets:
          - npmrc
          - source: sshkey
            target: id_ed25519
        tags: ["shop/web:1.0"]
        ulimits:
          nofile: 4096
        platforms: [linux/amd64, linux/arm64]
        provenance: true
        sbom: "generator=docker/scout"
        x-cache: warm
    `),
  },
  {
    name: 'build with an inline Dockerfile',
    yaml: service(`
      build:
        context: .
        dockerfile_inline: |
          FROM alpine
          RUN echo hi
    `),
  },
  { name: 'ports, short syntax', yaml: service('ports: ["3000", "8000:8000", "127.0.0.1:8001:8001", "9090-9091:8080-8081", "6060:6060/udp", 8443]') },
  {
    name: 'ports, long syntax',
    yaml: service(`
      ports:
        - name: web
          target: 80
          published: "8080"
          host_ip: 127.0.0.1
          protocol: tcp
          app_protocol: http
          mode: host
        - target: 443
          published: 8443
          host_ip: "::1"
    `),
  },
  {
    name: 'volumes, short and long syntax',
    yaml: service(`
      volumes:
        - data:/var/lib/data
        - ./conf:/etc/app:ro
        - type: bind
          source: ./static
          target: /srv/static
          read_only: true
          bind:
            propagation: rprivate
            create_host_path: false
            selinux: z
            recursive: readonly
        - type: volume
          source: cache
          target: /cache
          volume:
            nocopy: true
            subpath: web
        - type: tmpfs
          target: /tmp
          tmpfs:
            size: 64m
            mode: 1777
        - type: image
          source: shop/assets:1
          target: /assets
          image:
            subpath: public
    `),
  },
  {
    name: 'environment as a mapping and env_file as a list with options',
    yaml: service(`
      environment:
        RACK_ENV: production
        WORKERS: 4
        DEBUG: false
        UNSET_HERE:
      env_file:
        - ./common.env
        - path: ./local.env
          required: false
        - path: ./raw.env
          format: raw
    `),
  },
  { name: 'environment as a list, env_file as a string', yaml: service('environment: [A=1, B]\nenv_file: .env') },
  {
    name: 'depends_on, short and long syntax',
    yaml: `
services:
  web:
    image: shop/web
    depends_on:
      db:
        condition: service_healthy
        restart: true
      migrate:
        condition: service_completed_successfully
        required: false
  worker:
    image: shop/worker
    depends_on: [db]
  db:
    image: postgres:17
  migrate:
    image: shop/migrate
`,
  },
  {
    name: 'healthcheck with every attribute',
    yaml: service(`
      healthcheck:
        test: ["CMD", "curl", "-f", "http://localhost/health"]
        interval: 1m30s
        timeout: 10s
        retries: 3
        start_period: 40s
        start_interval: 5s
        x-note: probes
    `),
  },
  { name: 'healthcheck disabled, string test', yaml: service('healthcheck:\n  test: curl -f http://localhost || exit 1\n  disable: false') },
  {
    name: 'deploy with every attribute',
    yaml: service(`
      deploy:
        mode: replicated
        replicas: 3
        endpoint_mode: vip
        labels: [com.example.tier=web]
        placement:
          constraints: [node.role==worker]
          preferences:
            - spread: node.labels.zone
          max_replicas_per_node: 2
        resources:
          limits:
            cpus: "0.50"
            memory: 512M
            pids: 100
          reservations:
            cpus: 0.25
            memory: 128M
            generic_resources:
              - discrete_resource_spec:
                  kind: gpu
                  value: 1
            devices:
              - capabilities: [gpu]
                driver: nvidia
                count: 1
                options:
                  virtualization: false
        restart_policy:
          condition: on-failure
          delay: 5s
          max_attempts: 3
          window: 2m
        update_config:
          parallelism: 2
          delay: 10s
          failure_action: rollback
          monitor: 30s
          max_failure_ratio: 0.1
          order: start-first
        rollback_config:
          parallelism: 1
          order: stop-first
    `),
  },
  { name: 'empty deploy and develop', yaml: service('image: nginx\ndeploy:\ndevelop:') },
  {
    name: 'develop watch rules',
    yaml: service(`
      develop:
        watch:
          - path: ./src
            action: sync
            target: /app/src
            ignore: [node_modules/]
            include: "*.js"
            initial_sync: true
          - path: package.json
            action: rebuild
          - path: ./conf
            action: sync+exec
            target: /etc/app
            exec:
              command: app reload
              user: root
    `),
  },
  {
    name: 'service networks, long syntax',
    yaml: `
services:
  web:
    image: shop/web
    networks:
      front:
        aliases: [www]
        ipv4_address: 172.16.238.10
        ipv6_address: "2001:3984:3989::10"
        interface_name: eth0
        link_local_ips: [169.254.8.8]
        mac_address: "02:42:ac:11:65:43"
        driver_opts:
          com.example.mtu: 1450
        priority: 100
        gw_priority: 1
      back:
  worker:
    image: shop/worker
    networks: [back]
networks:
  front:
  back:
`,
  },
  { name: 'logging driver and options', yaml: service('logging:\n  driver: json-file\n  options:\n    max-size: 10m\n    max-file: 3') },
  { name: 'ulimits, single and soft/hard', yaml: service('ulimits:\n  nproc: 65535\n  nofile:\n    soft: 20000\n    hard: 40000') },
  {
    name: 'configs and secrets granted, short and long syntax',
    yaml: `
services:
  web:
    image: shop/web
    configs:
      - nginx
      - source: app
        target: /etc/app.conf
        uid: "103"
        gid: "103"
        mode: 0440
    secrets:
      - token
      - source: cert
        target: server.crt
        mode: "0400"
configs:
  nginx:
    file: ./nginx.conf
  app:
    content: |
      debug=false
secrets:
  token:
    file: ./token.txt
  cert:
    external: true
    name: shop-cert
`,
  },
  {
    name: 'top-level networks with every attribute',
    yaml: `
services:
  web:
    image: shop/web
networks:
  front:
    driver: bridge
    driver_opts:
      com.docker.network.bridge.name: br-front
      mtu: 1450
    attachable: true
    enable_ipv4: true
    enable_ipv6: false
    internal: false
    labels:
      com.example.tier: front
    ipam:
      driver: default
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.0/24
          gateway: 172.28.5.254
          aux_addresses:
            host1: 172.28.1.5
      options:
        foo: bar
  outside:
    external: true
    name: corp-net
  legacy:
    external:
      name: legacy-net
`,
  },
  {
    name: 'top-level volumes',
    yaml: `
services:
  web:
    image: shop/web
volumes:
  data:
  cache:
    driver: local
    driver_opts:
      type: nfs
      o: addr=10.40.0.199,nolock,soft,rw
      device: ":/docker/example"
    labels: [com.example.backup=daily]
    name: shop-cache
  shared:
    external: true
    name: corp-shared
    x-owner: ops
`,
  },
  {
    name: 'top-level configs and secrets from every source',
    yaml: `
services:
  web:
    image: shop/web
configs:
  from_file:
    file: ./a.conf
  from_env:
    environment: APP_CONF
  inline:
    content: "key=value"
    template_driver: golang
  platform:
    external: true
secrets:
  from_file:
    file: ./a.key
    labels:
      com.example.kind: key
  from_env:
    environment: API_KEY
  by_driver:
    driver: vault
    driver_opts:
      path: secret/api
  platform:
    external: true
    name: prod-key
`,
  },
  {
    name: 'models, top-level and granted',
    yaml: `
services:
  short:
    image: app
    models: [llm]
  long:
    image: app
    models:
      llm:
        endpoint_var: MODEL_URL
        model_var: MODEL
models:
  llm:
    model: ai/smollm2
    name: chat
    context_size: 4096
    runtime_flags: ["--no-prefill"]
`,
  },
  { name: 'flags as booleans', yaml: service('init: true\ntty: true\nstdin_open: true\nprivileged: false\nread_only: true\noom_kill_disable: false\nattach: false\nuse_api_socket: true') },
  { name: 'flags as strings left by interpolation', yaml: service('init: "true"\ntty: "false"\nread_only: "1"') },
  {
    name: 'cpu settings',
    yaml: service('cpus: 0.5\ncpu_shares: 512\ncpu_quota: 50000\ncpu_period: 100000\ncpu_count: 2\ncpu_percent: 50\ncpuset: 0-3\ncpu_rt_runtime: 400ms\ncpu_rt_period: 11000'),
  },
  { name: 'memory settings', yaml: service('mem_limit: 1g\nmem_reservation: 512m\nmem_swappiness: 60\nmemswap_limit: -1\nshm_size: 64m\npids_limit: 10\noom_score_adj: -500') },
  { name: 'command and entrypoint as strings', yaml: service('command: bundle exec thin -p 3000\nentrypoint: /docker-entrypoint.sh') },
  { name: 'command and entrypoint as lists and null', yaml: service('command: ["bundle", "exec"]\nentrypoint: null') },
  {
    name: 'name resolution settings',
    yaml: service(`
      dns: 8.8.8.8
      dns_opt: [use-vc]
      dns_search: [dc1.example.com, dc2.example.com]
      hostname: web
      domainname: example.com
      extra_hosts:
        - "somehost=162.242.195.82"
        - "myhostv6=::1"
      links: [db, "db:database"]
      external_links: ["redis_1:redis"]
    `),
  },
  { name: 'extra_hosts as a mapping, one host with two addresses', yaml: service('extra_hosts:\n  somehost: 162.242.195.82\n  dual: ["10.0.0.1", "::1"]') },
  {
    name: 'security and kernel settings',
    yaml: service(`
      cap_add: [NET_ADMIN]
      cap_drop: [ALL]
      security_opt: ["label:user:USER"]
      sysctls:
        net.core.somaxconn: 1024
      group_add: [mail, 1001]
      devices:
        - /dev/ttyUSB0:/dev/ttyUSB0
        - source: /dev/sda
          target: /dev/xvda
          permissions: rwm
      device_cgroup_rules: ["c 1:3 mr"]
      userns_mode: host
      cgroup: private
      cgroup_parent: m-executor
      ipc: shareable
      pid: host
      uts: host
      isolation: default
      runtime: runc
    `),
  },
  { name: 'sysctls as a list', yaml: service('sysctls: [net.core.somaxconn=1024]') },
  {
    name: 'lifecycle hooks',
    yaml: service(`
      post_start:
        - command: ./warm-cache.sh
          user: root
          privileged: true
          working_dir: /app
          environment: [MODE=warm]
      pre_stop:
        - command: ["./drain.sh", "--timeout", "30"]
    `),
  },
  { name: 'labels, annotations and label files', yaml: service('labels:\n  com.example.team: web\nannotations: [com.example.owner=ops]\nlabel_file: [./app.labels]') },
  {
    name: 'scheduling and lifecycle',
    yaml: service('pull_policy: every_12h\npull_refresh_after: 24h\nrestart: on-failure:3\nstop_grace_period: 1m30s\nstop_signal: SIGUSR1\nscale: 2\nprofiles: [debug, ops]'),
  },
  { name: 'pull_policy keywords', yaml: service('pull_policy: if_not_present') },
  { name: 'gpus, all', yaml: service('gpus: all') },
  { name: 'gpus, device list', yaml: service('gpus:\n  - driver: nvidia\n    count: 2\n    capabilities: [gpu]') },
  { name: 'provider service', yaml: service('provider:\n  type: awesomecloud\n  options:\n    type: mysql\n    size: 2\n    zones: [a, b]') },
  { name: 'extends another service by name', yaml: `services:\n  base:\n    image: busybox\n  web:\n    extends: base` },
  { name: 'extends a service of another file', yaml: service('extends:\n  file: common.yml\n  service: webapp') },
  {
    name: 'extensions in every structure that takes them',
    yaml: `
x-defaults: {restart: always}
services:
  web:
    image: shop/web
    x-kubernetes:
      workload: StatefulSet
    ports:
      - target: 80
        x-expose: true
    deploy:
      x-swarm: on
      placement:
        x-aws-region: eu-west-3
    logging:
      x-rotate: daily
networks:
  front:
    x-cni: calico
volumes:
  data:
    x-size: 1Gi
`,
  },
  {
    name: 'every remaining service attribute',
    yaml: service(`
      image: shop/web
      container_name: shop-web
      platform: linux/arm64/v8
      mac_address: "02:42:ac:11:00:02"
      network_mode: host
      storage_opt:
        size: 1G
      tmpfs: [/run, "/data:mode=755,uid=1009"]
      volumes_from: [db, "container:legacy:ro"]
      working_dir: /app
      user: "1000:1000"
      credential_spec:
        config: my_credential_spec
      blkio_config:
        weight: 300
        weight_device:
          - path: /dev/sda
            weight: 400
        device_read_bps:
          - path: /dev/sdb
            rate: 12mb
        device_read_iops:
          - path: /dev/sdb
            rate: 120
        device_write_bps:
          - path: /dev/sdb
            rate: 1024k
        device_write_iops:
          - path: /dev/sdb
            rate: 30
      expose: ["3000", 8080, "8080-8085/tcp"]
    `),
  },
  { name: 'tmpfs as a single path', yaml: service('tmpfs: /run') },
].map((d) => ({ ...d, verdict: 'valid' as const }));

const INVALID: Doc[] = [
  { name: 'unknown top-level key', yaml: 'servces:\n  web:\n    image: nginx' },
  { name: 'services is a list', yaml: 'services:\n  - web' },
  { name: 'version is a number', yaml: 'version: 3.8\nservices: {}' },
  { name: 'unknown service key', yaml: service('imagee: nginx') },
  { name: 'service name with a space', yaml: 'services:\n  "my web":\n    image: nginx' },
  { name: 'service is null', yaml: 'services:\n  web:' },
  { name: 'ports is a single value', yaml: service('ports: "80:80"') },
  { name: 'ports, long syntax with an unknown key', yaml: service('ports:\n  - target: 80\n    hostport: 8080') },
  { name: 'ports, repeated item', yaml: service('ports: ["80:80", "80:80"]') },
  { name: 'ports item is a boolean', yaml: service('ports: [true]') },
  { name: 'volumes, long syntax without type', yaml: service('volumes:\n  - source: data\n    target: /data') },
  { name: 'volumes, long syntax with an unknown type', yaml: service('volumes:\n  - type: nfs\n    target: /data') },
  { name: 'volumes, bind with a bad selinux option', yaml: service('volumes:\n  - type: bind\n    source: .\n    target: /app\n    bind:\n      selinux: shared') },
  { name: 'volumes, negative tmpfs size', yaml: service('volumes:\n  - type: tmpfs\n    target: /tmp\n    tmpfs:\n      size: -1') },
  { name: 'depends_on, long syntax without condition', yaml: service('depends_on:\n  db:\n    restart: true') },
  { name: 'depends_on, unknown condition', yaml: service('depends_on:\n  db:\n    condition: service_ready') },
  { name: 'depends_on, required as a string', yaml: service('depends_on:\n  db:\n    condition: service_started\n    required: "false"') },
  { name: 'healthcheck, unknown key', yaml: service('healthcheck:\n  command: curl localhost') },
  { name: 'healthcheck, test is a number', yaml: service('healthcheck:\n  test: 1') },
  { name: 'deploy, unknown resource key', yaml: service('deploy:\n  resources:\n    limits:\n      memroy: 1g') },
  { name: 'deploy, memory as a number', yaml: service('deploy:\n  resources:\n    limits:\n      memory: 1073741824') },
  { name: 'deploy, unknown update order', yaml: service('deploy:\n  update_config:\n    order: random') },
  { name: 'deploy device without capabilities', yaml: service('deploy:\n  resources:\n    reservations:\n      devices:\n        - driver: nvidia') },
  { name: 'develop, watch rule without action', yaml: service('develop:\n  watch:\n    - path: ./src') },
  { name: 'develop, unknown action', yaml: service('develop:\n  watch:\n    - path: ./src\n      action: copy') },
  { name: 'cgroup not host or private', yaml: service('cgroup: shared') },
  { name: 'environment is a string', yaml: service('environment: A=1') },
  { name: 'environment value is a mapping', yaml: service('environment:\n  A:\n    nested: 1') },
  { name: 'env_file entry without path', yaml: service('env_file:\n  - required: false') },
  { name: 'cap_add repeats an item', yaml: service('cap_add: [NET_ADMIN, NET_ADMIN]') },
  { name: 'expose item is a boolean', yaml: service('expose: [true]') },
  { name: 'labels list holds a number', yaml: service('labels: [1]') },
  { name: 'logging option is a mapping', yaml: service('logging:\n  options:\n    tag:\n      a: 1') },
  { name: 'command is a mapping', yaml: service('command:\n  run: x') },
  { name: 'build, unknown key', yaml: service('build:\n  context: .\n  dockerfil: Dockerfile') },
  { name: 'build args list holds a number', yaml: service('build:\n  args: [1]') },
  { name: 'extends without service', yaml: service('extends:\n  file: common.yml') },
  { name: 'include entry with an unknown key', yaml: 'include:\n  - file: other.yaml\nservices: {}' },
  { name: 'service networks list repeats a network', yaml: service('networks: [front, front]') },
  { name: 'service network attachment, unknown key', yaml: service('networks:\n  front:\n    alias: [www]') },
  { name: 'cpu_percent above 100', yaml: service('cpu_percent: 150') },
  { name: 'oom_score_adj out of range', yaml: service('oom_score_adj: 2000') },
  { name: 'ulimit with soft only', yaml: service('ulimits:\n  nofile:\n    soft: 1024') },
  { name: 'gpus, unknown keyword', yaml: service('gpus: some') },
  { name: 'blkio_config takes no extensions', yaml: service('blkio_config:\n  x-note: slow') },
  { name: 'use_api_socket as a string', yaml: service('use_api_socket: "yes"') },
  { name: 'config grant with a numeric uid', yaml: service('configs:\n  - source: app\n    uid: 103') },
  { name: 'volume name with a space', yaml: 'services: {}\nvolumes:\n  "my data": {}' },
  { name: 'network external mapping with an unknown key', yaml: 'services: {}\nnetworks:\n  corp:\n    external:\n      id: abc' },
  { name: 'secret is null', yaml: 'services: {}\nsecrets:\n  token:' },
  { name: 'config with an unknown key', yaml: 'services: {}\nconfigs:\n  app:\n    path: ./app.conf' },
  { name: 'model without model', yaml: 'services: {}\nmodels:\n  llm:\n    context_size: 1024' },
  { name: 'model context_size as a string', yaml: 'services: {}\nmodels:\n  llm:\n    model: ai/x\n    context_size: "1024"' },
  { name: 'top-level name is a list', yaml: 'name: [a]\nservices: {}' },
].map((d) => ({ ...d, verdict: 'invalid' as const }));

/**
 * Documents our schema refuses although the official schema accepts them: Compose itself refuses
 * them too, in code that runs after the official schema (compose-go's validation package and its
 * decoders), or the official schema has a mistake that lets them through unchecked.
 */
const DELIBERATE: { name: string; yaml: string; reason: string }[] = [
  {
    name: 'external volume with a driver',
    yaml: 'services: {}\nvolumes:\n  data:\n    external: true\n    driver: local',
    reason: 'compose-go validation: conflicting parameters "external" and "driver"',
  },
  {
    name: 'secret from a file and an environment variable',
    yaml: 'services: {}\nsecrets:\n  token:\n    file: ./token\n    environment: TOKEN',
    reason: 'compose-go validation: file|environment attributes are mutually exclusive',
  },
  {
    name: 'config from a file and inline content',
    yaml: 'services: {}\nconfigs:\n  app:\n    file: ./app.conf\n    content: x=1',
    reason: 'compose-go validation: file|environment|content attributes are mutually exclusive',
  },
  {
    name: 'device request with count and device_ids',
    yaml: service('deploy:\n  resources:\n    reservations:\n      devices:\n        - capabilities: [gpu]\n          count: 1\n          device_ids: ["0"]'),
    reason: 'compose-go validation: "count" and "device_ids" attributes are exclusive',
  },
  {
    name: 'port published on a host_ip that is not an address',
    yaml: service('ports:\n  - target: 80\n    host_ip: localhost'),
    reason: 'compose-go validation: invalid ip address (net.ParseIP)',
  },
  {
    name: 'watch rule with an empty path',
    yaml: service('develop:\n  watch:\n    - path: ""\n      action: rebuild'),
    reason: "compose-go validation: value can't be blank",
  },
  {
    name: 'healthcheck interval without a unit',
    yaml: service('healthcheck:\n  interval: "10"'),
    reason: 'the official schema only asks for a string; compose-go fails to decode it as a duration (missing unit)',
  },
  {
    name: 'pull_policy that only contains a keyword',
    yaml: service('pull_policy: never-ever'),
    reason: 'the official pattern is not anchored, so any text containing "never" passes; Compose rejects unknown policies',
  },
  {
    name: 'container_name with a space',
    yaml: service('container_name: "my app"'),
    reason: 'the official pattern is not anchored; the container engine refuses such names when it creates the container',
  },
  {
    name: 'gpus device request with an unknown key',
    yaml: service('gpus:\n  - count: 1\n    vendor: nvidia'),
    reason: 'the official schema puts additionalProperties next to oneOf instead of inside the item, so gpus items are never checked',
  },
  {
    name: 'network whose name has a space, with an invalid definition',
    yaml: 'services: {}\nnetworks:\n  "corp net":\n    driver: [bridge]',
    reason: 'the official schema matches network and model names with patternProperties only, so a badly named one is not checked at all',
  },
  {
    name: 'ulimit in upper case',
    yaml: service('ulimits:\n  NOFILE: lots'),
    reason: 'the official schema matches ulimit names with patternProperties only, so other names are not checked; the container engine knows lower-case names only',
  },
  {
    name: 'secret external mapping with an unknown key',
    yaml: 'services: {}\nsecrets:\n  token:\n    external:\n      id: abc',
    reason: 'the official schema closes the external mapping of networks and volumes but not of secrets and configs; it only ever takes name',
  },
];

const officialPresent = existsSync(OFFICIAL);

describe('project compose schema', () => {
  it('uses no oneOf/anyOf, so ajv reports one error per problem, and says what it expects', () => {
    const problems: string[] = [];
    const needsExpect = ['pattern', 'format', 'minimum', 'maximum', 'minLength', 'not'];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      for (const k of ['oneOf', 'anyOf']) if (k in schema) problems.push(`${at}: ${k}`);
      for (const k of needsExpect) if (k in schema && typeof schema.expect !== 'string') problems.push(`${at}: ${k} without expect`);
      for (const [k, v] of Object.entries(schema)) {
        if (['properties', 'patternProperties', 'definitions'].includes(k)) {
          for (const [name, sub] of Object.entries(v as object)) walk(sub, `${at}/${k}/${name}`);
        } else if (k !== 'enum' && k !== 'required') walk(v, `${at}/${k}`);
      }
    };
    walk(COMPOSE_SCHEMA, '#');
    expect(problems).toEqual([]);
  });

  it('the documents cover every top-level element and every service attribute', () => {
    const top = new Set<string>();
    const keys = new Set<string>();
    for (const doc of VALID) {
      const data = load(doc.yaml) as Record<string, unknown>;
      Object.keys(data).forEach((k) => top.add(k));
      for (const svc of Object.values((data.services ?? {}) as Record<string, Record<string, unknown>>)) Object.keys(svc).forEach((k) => keys.add(k));
    }
    const properties = COMPOSE_SCHEMA.properties as Record<string, { additionalProperties: { properties: object } }>;
    expect(Object.keys(properties).filter((k) => !top.has(k))).toEqual([]);
    expect(Object.keys(properties.services!.additionalProperties.properties).filter((k) => !keys.has(k))).toEqual([]);
  });

  it.each([...VALID, ...INVALID])('$verdict: $name', ({ yaml, verdict }) => {
    expect(schemaErrors(load(yaml)).length === 0 ? 'valid' : 'invalid').toBe(verdict);
  });
});

const officialTitle = officialPresent ? 'against the official compose schema' : `against the official compose schema: skipped, ${OFFICIAL} is absent`;

describe.skipIf(!officialPresent)(officialTitle, () => {
  const official = officialPresent ? officialValidator() : undefined;
  const verdictOf = (data: unknown): Verdict => (official!(data) ? 'valid' : 'invalid');

  it(`has at least 60 documents, valid and invalid (${VALID.length + INVALID.length})`, () => {
    expect(VALID.length + INVALID.length).toBeGreaterThanOrEqual(60);
    expect(INVALID.length).toBeGreaterThanOrEqual(20);
  });

  it.each([...VALID, ...INVALID])('agrees ($verdict): $name', ({ yaml, verdict }) => {
    expect(verdictOf(load(yaml))).toBe(verdict);
  });

  it.each(DELIBERATE)('differs on purpose: $name ($reason)', ({ yaml }) => {
    const data = load(yaml);
    expect(verdictOf(data)).toBe('valid');
    expect(schemaErrors(data).length).toBeGreaterThan(0);
  });

  const corpus = existsSync(KOMPOSE) ? composeFiles(KOMPOSE) : [];
  const corpusTitle = corpus.length > 0 ? `agrees on every compose file of the Kompose corpus (${corpus.length} files)` : `Kompose corpus: skipped, no compose file under ${KOMPOSE}`;
  it.skipIf(corpus.length === 0)(corpusTitle, () => {
    const disagreements = corpus
      .map((file) => {
        const data = load(readFileSync(file, 'utf8'));
        const ours: Verdict = schemaErrors(data).length === 0 ? 'valid' : 'invalid';
        return { file: relative(KOMPOSE, file), ours, official: verdictOf(data) };
      })
      .filter((r) => r.ours !== r.official);
    expect(disagreements).toEqual([]);
  });
});

/** The YAML files of a directory tree that are compose files (not Kubernetes or OpenShift output). */
function composeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...composeFiles(path));
    else if (/\.ya?ml$/.test(name)) {
      const text = readFileSync(path, 'utf8');
      if (!/^(apiVersion|kind):/m.test(text) && parsesAsMapping(text)) out.push(path);
    }
  }
  return out;
}

function parsesAsMapping(text: string): boolean {
  const diags = new Diagnostics();
  return parseYaml({ path: 'corpus.yaml', text }, diags)?.kind === 'map' && !diags.hasErrors;
}
