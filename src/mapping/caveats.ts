import type { Project } from '../compose/model.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { listed } from '../diagnostics/repeated.js';

/**
 * A project that converts to nothing says so, and why: every service is behind a profile that is
 * not enabled (with the flag that enables one), or there are no services at all.
 */
export function reportNothingConverted(project: Project, converted: number, diags: Diagnostics): void {
  if (converted > 0) return;
  // About the project as a whole: the file, no line.
  const loc = project.files[0] !== undefined ? { file: project.files[0], line: 0, column: 0 } : undefined;
  const disabled = Object.entries(project.disabledServices ?? {});
  if (disabled.length > 0) {
    const byProfile = new Map<string, string[]>();
    for (const [service, profiles] of disabled) for (const p of profiles) byProfile.set(p, [...(byProfile.get(p) ?? []), service]);
    const profiles = [...byProfile.keys()];
    const which = [...byProfile].map(([p, services]) => `${listed(services.map((s) => `"${s}"`))} (profile ${p})`).join(', ');
    diags.add(
      'nothing-converted',
      `nothing was converted: every service is behind a profile that is not enabled: ${which}`,
      loc,
      { hint: `enable a profile with --profile ${profiles[0]} (repeatable) or COMPOSE_PROFILES=${profiles.join(',')}; --profile '*' enables them all` },
    );
    return;
  }
  diags.add('nothing-converted', 'nothing was converted: the project has no services', loc, {
    hint: 'define the containers to run under `services:`',
  });
}
