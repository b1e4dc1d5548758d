/**
 * The shell scripts of the `wait-for-<dep>` init containers. They print what they wait for and,
 * every 30 seconds, that they still wait, so `kubectl logs <pod> -c wait-for-<dep>` explains a
 * pod stuck in Init. They never contain `$(` or `$$`, which Kubernetes would expand in a command.
 * Host names are DNS labels and ports numbers, so nothing needs quoting.
 */

const POLL_SECONDS = 2;
const REPORT_EVERY_SECONDS = 30;

/** A loop that runs until `check` succeeds; with a limit it gives up after that many seconds and lets the app start. */
function waitLoop(check: string, what: string, done: string, limit?: number): string {
  return [
    `echo "waiting for ${what}"`,
    's=0',
    `until ${check}; do`,
    ...(limit !== undefined
      ? [`  if [ $s -ge ${limit} ]; then echo "gave up waiting for ${what} after ${limit}s; starting anyway (the dependency is not required)"; exit 0; fi`]
      : []),
    `  if [ $s -gt 0 ] && [ \`expr $s % ${REPORT_EVERY_SECONDS}\` -eq 0 ]; then echo "still waiting for ${what} (\${s}s)"; fi`,
    `  sleep ${POLL_SECONDS}`,
    `  s=\`expr $s + ${POLL_SECONDS}\``,
    'done',
    `echo "${done}"`,
  ].join('\n');
}

/** Until `host:port` accepts TCP connections (a Service only forwards them to ready pods). */
export function portWaitScript(host: string, port: number, limit?: number): string {
  return waitLoop(`nc -z -w ${POLL_SECONDS} ${host} ${port}`, `${host}:${port} to accept connections`, `${host}:${port} accepts connections`, limit);
}

/**
 * Until the headless name `host` resolves, which it does once a pod is ready. busybox's nslookup
 * applies the search domains badly, so it is asked for the full name, built from the first
 * search domain of the pod (<namespace>.svc.<cluster domain>).
 */
export function nameWaitScript(host: string, limit?: number): string {
  return [
    `zone=\`awk '$1 == "search" { print $2; exit }' /etc/resolv.conf\``,
    `name=${host}\${zone:+.$zone}`,
    waitLoop('nslookup "$name" >/dev/null 2>&1', `the name $name to resolve (a ready ${host} pod)`, `$name resolves`, limit),
  ].join('\n');
}

/**
 * Until the Job `job` has completed (condition Complete). A failed Job fails the wait when the
 * dependency is required, as Compose refuses to start the service; otherwise the app starts.
 */
export function jobWaitScript(job: string, required: boolean): string {
  const failed = required
    ? `echo "job ${job} failed, so this service does not start (as with Compose); re-run the job to retry"; exit 1`
    : `echo "job ${job} failed; starting anyway (the dependency is not required)"; exit 0`;
  return [
    `echo "waiting for job ${job} to complete"`,
    's=0',
    'while :; do',
    `  state=\`kubectl get job ${job} -o 'jsonpath={.status.conditions[?(@.status=="True")].type}' 2>&1\``,
    '  case " $state " in',
    `    *" Complete "*) echo "job ${job} completed"; exit 0 ;;`,
    `    *" Failed "*) ${failed} ;;`,
    '  esac',
    `  if [ $s -gt 0 ] && [ \`expr $s % ${REPORT_EVERY_SECONDS}\` -eq 0 ]; then echo "still waiting for job ${job} (\${s}s): $state"; fi`,
    `  sleep ${POLL_SECONDS}`,
    `  s=\`expr $s + ${POLL_SECONDS}\``,
    'done',
  ].join('\n');
}
