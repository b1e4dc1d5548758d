import type { Service } from '../../compose/model.js';
import type { Loc } from '../../util/loc.js';
import { note, type ServiceTransform } from '../context.js';
import { escapeKubeExpansion } from '../escape.js';
import { settleFidelity } from '../fidelity.js';

/** image, build, command, entrypoint, working_dir, tty, stdin_open. */
export const mapContainer: ServiceTransform = (draft, ctx) => {
  const { service: svc, container } = draft;
  if (svc.image) {
    container.image = svc.image;
    note(draft, 'container', ['image'], svc.node.entries.find((e) => e.key === 'image')!.keyLoc, 'services.image');
    draft.consumed.add('image');
  }
  if (svc.build) {
    draft.consumed.add('build');
    if (!svc.image) {
      // The name Docker Compose gives an image it builds for a service without `image:`.
      container.image = `${ctx.project.name}-${svc.name}`;
      note(draft, 'container', ['image'], svc.build.loc, 'services.build');
    }
    ctx.diags.warn(
      'build-needs-push',
      `service "${svc.name}" is built from ${svc.build.context}: Kubernetes cannot build images, so ${container.image} must be built and pushed to a registry the cluster can pull from`,
      svc.build.loc,
      `run \`docker compose build ${svc.name}\`, push the image, and set \`image:\` to its registry reference`,
    );
    // The warning above says what the row of build says, naming the image: once is enough.
    settleFidelity(ctx, svc, 'services.build');
  }
  if (!container.image) {
    ctx.diags.error('invalid-value', `service "${svc.name}" has neither image nor build`, svc.loc);
  }
  if (svc.entrypoint) {
    container.command = svc.entrypoint.map(escapeKubeExpansion);
    note(draft, 'container', ['command'], keyLoc(draft, 'entrypoint'), 'services.entrypoint');
  }
  if (svc.entrypoint !== undefined) draft.consumed.add('entrypoint');
  if (svc.command) {
    container.args = svc.command.map(escapeKubeExpansion);
    note(draft, 'container', ['args'], keyLoc(draft, 'command'), 'services.command');
  }
  if (svc.command !== undefined) draft.consumed.add('command');
  if (svc.workingDir) {
    container.workingDir = svc.workingDir;
    note(draft, 'container', ['workingDir'], keyLoc(draft, 'working_dir'), 'services.working_dir');
    draft.consumed.add('working_dir');
  }
  if (svc.tty !== undefined) {
    if (svc.tty) {
      container.tty = true;
      note(draft, 'container', ['tty'], keyLoc(draft, 'tty'), 'services.tty');
    }
    draft.consumed.add('tty');
  }
  if (svc.stdinOpen !== undefined) {
    if (svc.stdinOpen) {
      container.stdin = true;
      note(draft, 'container', ['stdin'], keyLoc(draft, 'stdin_open'), 'services.stdin_open');
    }
    draft.consumed.add('stdin_open');
  }
};

/** Location of a top-level key of the service (the service itself when the key is absent). */
export function keyLoc(draft: { service: Service }, key: string): Loc {
  return draft.service.node.entries.find((e) => e.key === key)?.keyLoc ?? draft.service.loc;
}
