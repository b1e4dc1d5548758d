import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/compose/model.js';
import { isolationReason, type Membership } from '../../src/mapping/network/network-policies.js';

/** The rule as first written: every pair of services compared, the first pair apart named. */
function everyPair(members: Map<string, Membership>): string | undefined {
  const lists = [...members].flatMap(([name, m]) => ('networks' in m ? [[name, m.networks] as const] : []));
  for (const [name, m] of members) if ('none' in m) return `service "${name}" has no network`;
  for (const [a, na] of lists) {
    for (const [b, nb] of lists) {
      if (a < b && !na.some((n) => nb.includes(n))) return `services "${a}" and "${b}" share no network`;
    }
  }
  return undefined;
}

const noInternalNetworks = { networks: {} } as unknown as Project;

const membership: fc.Arbitrary<Membership> = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.constantFrom('default', 'front', 'back', 'db'), { maxLength: 3 }).map((networks) => ({ networks })) },
  fc.constant({ host: true as const }),
  fc.constant({ none: true as const }),
);

describe('isolationReason', () => {
  it('names the same pair of services apart as comparing every pair does', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), membership), { selector: ([name]) => name, maxLength: 12 }), (entries) => {
        const members = new Map(entries);
        expect(isolationReason(noInternalNetworks, members)).toBe(everyPair(members));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds services apart among thousands on one network', () => {
    const members = new Map<string, Membership>(Array.from({ length: 5000 }, (_, i) => [`svc${i}`, { networks: ['default'] }]));
    members.set('svc2500', { networks: ['back'] });
    expect(isolationReason(noInternalNetworks, members)).toBe('services "svc0" and "svc2500" share no network');
  });
});
