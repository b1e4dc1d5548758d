import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { parseYaml } from '../../src/compose/parse.js';
import type { YMap } from '../../src/compose/tree.js';
import { validateCompose } from '../../src/compose/validate.js';

/** [code, message, line, column] of every diagnostic of parsing and validating `yaml`. */
function check(yaml: string): [string, string, number | undefined, number | undefined][] {
  const diags = new Diagnostics();
  const tree = parseYaml({ path: 'compose.yaml', text: yaml }, diags);
  if (tree?.kind === 'map') validateCompose(tree, diags);
  return diags.items.map((d) => [d.code, d.message, d.line, d.column]);
}

function hintOf(yaml: string): string | undefined {
  const diags = new Diagnostics();
  validateCompose(parseYaml({ path: 'compose.yaml', text: yaml }, diags) as YMap, diags);
  return diags.items[0]?.hint;
}

const web = (body: string) => `services:\n  web:\n    image: nginx\n${body.replace(/^/gm, '    ')}\n`;

interface Case {
  name: string;
  yaml: string;
  code: string;
  message: string;
  line: number;
  column: number;
}

const CASES: Case[] = [
  // unknown keys, with the closest allowed key as a suggestion
  { name: 'top-level typo', yaml: 'servces:\n  web:\n    image: nginx\n', code: 'schema-unknown-key', message: 'unknown top-level key "servces" (did you mean "services"?)', line: 1, column: 1 },
  { name: 'service key typo', yaml: web('imagee: nginx'), code: 'schema-unknown-key', message: 'services.web: unknown key "imagee" (did you mean "image"?)', line: 4, column: 5 },
  { name: 'environment misspelt', yaml: web('enviroment:\n  A: 1'), code: 'schema-unknown-key', message: 'services.web: unknown key "enviroment" (did you mean "environment"?)', line: 4, column: 5 },
  { name: 'singular ports', yaml: web('port: ["80:80"]'), code: 'schema-unknown-key', message: 'services.web: unknown key "port" (did you mean "ports"?)', line: 4, column: 5 },
  { name: 'healthcheck key typo', yaml: web('healthcheck:\n  test: [CMD, "true"]\n  intervall: 5s'), code: 'schema-unknown-key', message: 'services.web.healthcheck: unknown key "intervall" (did you mean "interval"?)', line: 6, column: 7 },
  { name: 'deploy limits key typo', yaml: web('deploy:\n  resources:\n    limits:\n      memroy: 1g'), code: 'schema-unknown-key', message: 'services.web.deploy.resources.limits: unknown key "memroy" (did you mean "memory"?)', line: 7, column: 11 },
  { name: 'long port key typo', yaml: web('ports:\n  - target: 80\n    publised: "8080"'), code: 'schema-unknown-key', message: 'services.web.ports[0]: unknown key "publised" (did you mean "published"?)', line: 6, column: 9 },
  { name: 'long volume key with no close match', yaml: web('volumes:\n  - type: bind\n    src: ./data\n    target: /data'), code: 'schema-unknown-key', message: 'services.web.volumes[0]: unknown key "src"', line: 6, column: 9 },
  { name: 'build key typo', yaml: web('build:\n  context: .\n  dockerfil: web.Dockerfile'), code: 'schema-unknown-key', message: 'services.web.build: unknown key "dockerfil" (did you mean "dockerfile"?)', line: 6, column: 7 },
  { name: 'depends_on condition misspelt: one message, not also "missing condition"', yaml: web('depends_on:\n  db:\n    condtion: service_healthy'), code: 'schema-unknown-key', message: 'services.web.depends_on.db: unknown key "condtion" (did you mean "condition"?)', line: 6, column: 9 },
  { name: 'network attachment key typo', yaml: web('networks:\n  front:\n    alias: [www]'), code: 'schema-unknown-key', message: 'services.web.networks.front: unknown key "alias" (did you mean "aliases"?)', line: 6, column: 9 },
  { name: 'top-level network key typo', yaml: 'services: {}\nnetworks:\n  front:\n    drivr: bridge\n', code: 'schema-unknown-key', message: 'networks.front: unknown key "drivr" (did you mean "driver"?)', line: 4, column: 5 },

  // wrong types, naming the expected type
  { name: 'ports is not a list', yaml: web('ports: 80'), code: 'schema', message: 'services.web.ports must be a list', line: 4, column: 12 },
  { name: 'environment is a string', yaml: web('environment: A=1'), code: 'schema', message: 'services.web.environment must be a mapping or a list', line: 4, column: 18 },
  { name: 'image is a number', yaml: 'services:\n  web:\n    image: 5\n', code: 'schema', message: 'services.web.image must be a string', line: 3, column: 12 },
  { name: 'command is a mapping', yaml: web('command:\n  run: server'), code: 'schema', message: 'services.web.command must be a string, a list or empty', line: 5, column: 7 },
  { name: 'services is a list', yaml: 'services:\n  - web\n', code: 'schema', message: 'services must be a mapping', line: 2, column: 3 },
  { name: 'service without a body', yaml: 'services:\n  web:\n', code: 'schema', message: 'services.web must be a mapping', line: 2, column: 3 },
  { name: 'replicas is a boolean', yaml: web('deploy:\n  replicas: true'), code: 'schema', message: 'services.web.deploy.replicas must be an integer or a string', line: 5, column: 17 },
  { name: 'expose item is a boolean', yaml: web('expose: [true]'), code: 'schema', message: 'services.web.expose[0] must be a string or a number', line: 4, column: 14 },
  { name: 'port item of no known form: one message', yaml: web('ports:\n  - [80, 80]'), code: 'schema', message: 'services.web.ports[0] must be a number, a string or a mapping', line: 5, column: 9 },
  { name: 'label value is a mapping (quoted key in the path)', yaml: web('labels:\n  com.example.tier:\n    name: web'), code: 'schema', message: 'services.web.labels["com.example.tier"] must be a string, a number, a boolean or empty', line: 6, column: 9 },
  { name: 'secret definition is empty', yaml: 'services: {}\nsecrets:\n  token:\n', code: 'schema', message: 'secrets.token must be a mapping', line: 3, column: 3 },

  // values outside the allowed set
  { name: 'cgroup value', yaml: web('cgroup: hots'), code: 'schema', message: 'services.web.cgroup must be one of "host", "private" (did you mean "host"?)', line: 4, column: 13 },
  { name: 'depends_on condition value', yaml: web('depends_on:\n  db:\n    condition: service_ready'), code: 'schema', message: 'services.web.depends_on.db.condition must be one of "service_started", "service_healthy", "service_completed_successfully" (did you mean "service_healthy"?)', line: 6, column: 20 },
  { name: 'develop action', yaml: web('develop:\n  watch:\n    - path: ./src\n      action: synk'), code: 'schema', message: 'services.web.develop.watch[0].action must be one of "rebuild", "restart", "sync", "sync+restart", "sync+exec" (did you mean "sync"?)', line: 7, column: 19 },
  { name: 'update order', yaml: web('deploy:\n  update_config:\n    order: random'), code: 'schema', message: 'services.web.deploy.update_config.order must be one of "start-first", "stop-first"', line: 6, column: 16 },
  { name: 'pull_policy', yaml: web('pull_policy: sometimes'), code: 'schema', message: 'services.web.pull_policy must be always, never, missing, build, refresh, daily, weekly or every_<duration> such as every_12h', line: 4, column: 18 },

  // nested deploy and healthcheck
  { name: 'reserved device without capabilities', yaml: web('deploy:\n  resources:\n    reservations:\n      devices:\n        - driver: nvidia'), code: 'schema', message: 'services.web.deploy.resources.reservations.devices[0]: missing required key "capabilities"', line: 8, column: 15 },
  { name: 'healthcheck test is a number', yaml: web('healthcheck:\n  test: 1'), code: 'schema', message: 'services.web.healthcheck.test must be a string or a list', line: 5, column: 13 },
  { name: 'healthcheck interval without a unit', yaml: web('healthcheck:\n  interval: "10"'), code: 'schema', message: 'services.web.healthcheck.interval must be a duration such as 10s, 1m30s or 2h', line: 5, column: 17 },
  { name: 'restart_policy delay as a number', yaml: web('deploy:\n  restart_policy:\n    delay: 5'), code: 'schema', message: 'services.web.deploy.restart_policy.delay must be a duration such as 10s, 1m30s or 2h', line: 6, column: 16 },
  { name: 'cpu_percent above 100', yaml: web('cpu_percent: 150'), code: 'schema', message: 'services.web.cpu_percent must be a percentage from 0 to 100', line: 4, column: 18 },
  { name: 'oom_score_adj below -1000', yaml: web('oom_score_adj: -2000'), code: 'schema', message: 'services.web.oom_score_adj must be a number from -1000 to 1000', line: 4, column: 20 },

  // long-syntax ports and volumes
  { name: 'long port target is a boolean', yaml: web('ports:\n  - target: true'), code: 'schema', message: 'services.web.ports[0].target must be an integer or a string', line: 5, column: 17 },
  { name: 'long port host_ip is a name', yaml: web('ports:\n  - target: 80\n    host_ip: localhost'), code: 'schema', message: 'services.web.ports[0].host_ip must be an IP address such as 127.0.0.1 or ::1', line: 6, column: 18 },
  { name: 'long volume without type', yaml: web('volumes:\n  - source: data\n    target: /data'), code: 'schema', message: 'services.web.volumes[0]: missing required key "type"', line: 5, column: 9 },
  { name: 'long volume type', yaml: web('volumes:\n  - type: nfs\n    target: /data'), code: 'schema', message: 'services.web.volumes[0].type must be one of "volume", "bind", "tmpfs", "image", "npipe", "cluster"', line: 5, column: 15 },
  { name: 'bind selinux option', yaml: web('volumes:\n  - type: bind\n    source: .\n    target: /app\n    bind:\n      selinux: shared'), code: 'schema', message: 'services.web.volumes[0].bind.selinux must be one of "z", "Z"', line: 9, column: 20 },
  { name: 'negative tmpfs size', yaml: web('volumes:\n  - type: tmpfs\n    target: /tmp\n    tmpfs:\n      size: -1'), code: 'schema', message: 'services.web.volumes[0].tmpfs.size must be a size in bytes (0 or more) or a byte value such as 64m', line: 8, column: 17 },

  // repeated items, names, exclusive keys
  { name: 'repeated capability', yaml: web('cap_add: [NET_ADMIN, SYS_TIME, NET_ADMIN]'), code: 'schema', message: 'services.web.cap_add[2] is a duplicate of services.web.cap_add[0]', line: 4, column: 36 },
  { name: 'repeated port', yaml: web('ports:\n  - "80:80"\n  - "80:80"'), code: 'schema', message: 'services.web.ports[1] is a duplicate of services.web.ports[0]', line: 6, column: 9 },
  { name: 'service name with a space', yaml: 'services:\n  "my web":\n    image: nginx\n', code: 'schema', message: 'services: invalid key "my web" (names may only contain letters, digits, ".", "_" and "-")', line: 2, column: 3 },
  { name: 'empty label key', yaml: web('labels:\n  "": x'), code: 'schema', message: 'services.web.labels: invalid key "" (keys must not be empty)', line: 5, column: 7 },
  { name: 'external volume with a driver', yaml: 'services: {}\nvolumes:\n  data:\n    external: true\n    driver: local\n', code: 'schema', message: 'volumes.data: invalid key "driver" (an external volume only takes "name" and x- keys next to "external: true")', line: 5, column: 5 },
  { name: 'secret from a file and a variable', yaml: 'services: {}\nsecrets:\n  token:\n    file: ./token\n    environment: TOKEN\n', code: 'schema', message: 'secrets.token: "file" and "environment" cannot be used together', line: 5, column: 5 },
  { name: 'gpu request with count and device_ids', yaml: web('gpus:\n  - count: 1\n    device_ids: ["0"]'), code: 'schema', message: 'services.web.gpus[0]: "count" and "device_ids" cannot be used together', line: 6, column: 9 },
  { name: 'container_name with a space', yaml: web('container_name: "my app"'), code: 'schema', message: 'services.web.container_name must be a letter or digit followed by letters, digits, ".", "_" or "-" (two characters at least)', line: 4, column: 21 },

  // required keys
  { name: 'ulimit with soft only', yaml: web('ulimits:\n  nofile:\n    soft: 1024'), code: 'schema', message: 'services.web.ulimits.nofile: missing required key "hard"', line: 5, column: 7 },
  { name: 'env_file entry without path', yaml: web('env_file:\n  - required: false'), code: 'schema', message: 'services.web.env_file[0]: missing required key "path"', line: 5, column: 9 },
  { name: 'model without model', yaml: 'services: {}\nmodels:\n  llm:\n    context_size: 2048\n', code: 'schema', message: 'models.llm: missing required key "model"', line: 3, column: 3 },
];

describe('validateCompose', () => {
  it.each(CASES)('$name', ({ yaml, code, message, line, column }) => {
    expect(check(yaml)).toEqual([[code, message, line, column]]);
  });

  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it('accepts a valid file', () => {
    expect(check(web('ports: ["8080:80"]\nenvironment:\n  MODE: prod\nhealthcheck:\n  test: curl -f localhost\n  interval: 30s'))).toEqual([]);
  });

  it('reports every problem of a file, once each', () => {
    const yaml = web('imagee: x\nports: 80\ncgroup: hots\ndeploy:\n  replicas: many\n  mode: [global]');
    expect(check(yaml)).toEqual([
      ['schema-unknown-key', 'services.web: unknown key "imagee" (did you mean "image"?)', 4, 5],
      ['schema', 'services.web.cgroup must be one of "host", "private" (did you mean "host"?)', 6, 13],
      ['schema', 'services.web.deploy.mode must be a string', 9, 13],
      ['schema', 'services.web.ports must be a list', 5, 12],
    ]);
  });

  it('does not validate what `!reset` clears, as Compose removes it first', () => {
    expect(check('services:\n  web:\n    image: !reset null\n    ports: !reset 80\n')).toEqual([]);
  });

  it('lists the allowed keys when no key is close', () => {
    expect(hintOf('services: {}\nfrobnicate: 1\n')).toBe(
      'allowed keys: version, name, include, services, networks, volumes, configs, secrets, models; custom keys must start with "x-"',
    );
    expect(hintOf('include:\n  - file: a.yaml\n')).toBe('allowed keys: path, project_directory, env_file');
    expect(hintOf(web('imagee: x'))).toBeUndefined();
  });

  it('prints a code frame under the message', () => {
    const yaml = web('ports:\n  - target: 80\n    publised: "8080"');
    const diags = new Diagnostics();
    validateCompose(parseYaml({ path: 'compose.yaml', text: yaml }, diags) as YMap, diags);
    expect(formatDiagnostic(diags.items[0]!, new Map([['compose.yaml', yaml]]))).toBe(
      [
        'compose.yaml:6:9: error: services.web.ports[0]: unknown key "publised" (did you mean "published"?) [schema-unknown-key]',
        '  4 |     ports:',
        '  5 |       - target: 80',
        '> 6 |         publised: "8080"',
        '    |         ^',
      ].join('\n'),
    );
  });
});

describe('errors found before validation, with their position', () => {
  it.each([
    { name: 'duplicate key', yaml: 'services:\n  web:\n    image: a\n    image: b\n', code: 'yaml-duplicate-key', message: 'duplicate key: image', line: 4, column: 5 },
    { name: 'duplicate service', yaml: 'services:\n  web:\n    image: a\n  web:\n    image: b\n', code: 'yaml-duplicate-key', message: 'duplicate key: web', line: 4, column: 3 },
    { name: 'unclosed flow sequence', yaml: 'services:\n  web:\n    ports: [80\n', code: 'yaml-syntax', line: 4, column: 1 },
    { name: 'tab indentation', yaml: 'services:\n\tweb:\n', code: 'yaml-syntax', line: 2, column: 1 },
  ])('$name', ({ yaml, code, message, line, column }) => {
    const [first] = check(yaml);
    expect(first?.[0]).toBe(code);
    if (message) expect(first?.[1]).toBe(message);
    expect([first?.[2], first?.[3]]).toEqual([line, column]);
  });
});
