import { keyLoc } from './container.js';
import { note, type ServiceTransform } from './context.js';

/** user -> securityContext.runAsUser/runAsGroup (Kubernetes accepts numeric ids only). */
export const mapSecurity: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  if (svc.user === undefined) return;
  draft.consumed.add('user');
  const m = /^(\d+)(?::(\d+))?$/.exec(svc.user.trim());
  if (!m) {
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}" runs as user "${svc.user}": Kubernetes only accepts numeric user and group ids, so the image's default user is used`,
      keyLoc(draft, 'user'),
      'write the numeric uid[:gid] of that user (from /etc/passwd in the image)',
    );
    return;
  }
  draft.container.securityContext = {
    ...draft.container.securityContext,
    runAsUser: Number(m[1]),
    ...(m[2] !== undefined ? { runAsGroup: Number(m[2]) } : {}),
  };
  note(draft, 'container', ['securityContext', 'runAsUser'], keyLoc(draft, 'user'), 'services.user');
};
