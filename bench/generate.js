// Synthetic compose projects for the benchmark: `n` services, each with ports, environment, a
// named volume, a bind mount, a healthcheck, depends_on on the previous service, resources and
// labels. Deterministic, so two runs measure the same input.

/** The compose file text of a project of `n` services. */
export function project(n) {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/svc${i}:1.${i % 100}`,
      '    ports:',
      `      - "${10000 + (i % 50000)}:8080"`,
      '    environment:',
      `      SERVICE_INDEX: "${i}"`,
      '      LOG_LEVEL: info',
      `      UPSTREAM: http://svc${(i + 1) % n}:8080`,
      '    volumes:',
      `      - data${i}:/var/lib/svc`,
      '      - ./config:/etc/svc:ro',
      '    healthcheck:',
      '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]',
      '      interval: 10s',
      '      timeout: 2s',
      '      retries: 3',
      '    deploy:',
      '      resources:',
      '        limits: {cpus: "0.5", memory: 256M}',
      '        reservations: {cpus: "0.1", memory: 64M}',
      '    labels:',
      `      com.example.team: team${i % 7}`,
      `      com.example.tier: ${i % 2 ? 'backend' : 'frontend'}`,
    );
    if (i > 0) lines.push('    depends_on:', `      - svc${i - 1}`);
  }
  lines.push('volumes:');
  for (let i = 0; i < n; i++) lines.push(`  data${i}: {}`);
  return lines.join('\n') + '\n';
}

/** The files of the project besides the compose file: the bind-mounted directory. */
export const CONFIG_FILES = { 'config/app.conf': 'listen 8080\n' };
