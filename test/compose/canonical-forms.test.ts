import { describe, expect, it } from 'vitest';
import { canonicalProject } from '../../src/compose/canonical.js';
import { codes, load } from './helpers.js';

/**
 * Forms `config --format json` prints the way compose-go does (each checked against the oracle,
 * ../shared/compose-go-ref/compose-config; the conformance cases named record them).
 */
function config(compose: string): Record<string, Record<string, Record<string, unknown>>> {
  const result = load({ 'compose.yaml': compose, 'c.conf': 'x' });
  expect(codes(result, 'error')).toEqual([]);
  return canonicalProject(result.project!) as Record<string, Record<string, Record<string, unknown>>>;
}

describe('canonical forms', () => {
  // compose-go ParseDevice: SOURCE[:TARGET[:PERMISSIONS]] (cases vpn-sidecar, merge-unique).
  it('prints devices in the long form, the target defaulting to the source and permissions to rwm', () => {
    const c = config('services:\n  app:\n    image: x\n    devices: ["/dev/a", "/dev/c:/dev/d", "/dev/e:/dev/f:r", {source: /dev/g, target: /dev/h}]\n');
    expect(c.services!.app!.devices).toEqual([
      { source: '/dev/a', target: '/dev/a', permissions: 'rwm' },
      { source: '/dev/c', target: '/dev/d', permissions: 'rwm' },
      { source: '/dev/e', target: '/dev/f', permissions: 'r' },
      { source: '/dev/g', target: '/dev/h' },
    ]);
  });

  // healthcheck-forms: test [NONE] prints alone; an explicit disable stays.
  it('prints test: [NONE] without a disable it does not write', () => {
    const c = config('services:\n  a:\n    image: x\n    healthcheck: {test: [NONE]}\n  b:\n    image: x\n    healthcheck: {test: [NONE], disable: true}\n');
    expect(c.services!.a!.healthcheck).toEqual({ test: ['NONE'] });
    expect(c.services!.b!.healthcheck).toEqual({ test: ['NONE'], disable: true });
  });

  // networks-full: the attachment options are kept as written.
  it('keeps the network attachment options', () => {
    const c = config(
      'services:\n  app:\n    image: x\n    networks:\n      front:\n        driver_opts: {a: b}\n        gw_priority: 1\n        interface_name: eth-front\n        link_local_ips: [169.254.8.8]\n        mac_address: 02:42:ac:11:65:43\nnetworks:\n  front: {}\n',
    );
    expect(c.services!.app!.networks).toEqual({
      front: { driver_opts: { a: 'b' }, gw_priority: 1, interface_name: 'eth-front', link_local_ips: ['169.254.8.8'], mac_address: '02:42:ac:11:65:43' },
    });
  });

  // secrets-configs: Labels is a map type in compose-go.
  it('prints config labels given as a list as a map', () => {
    const c = config('services:\n  app:\n    image: x\n    configs: [c]\nconfigs:\n  c:\n    file: ./c.conf\n    labels: [role=proxy, empty=]\n');
    expect(c.configs!.c!.labels).toEqual({ role: 'proxy', empty: '' });
  });

  // jellyfin: DeviceCount reads `all` as -1.
  it('prints a reserved device count all as -1', () => {
    const c = config('services:\n  app:\n    image: x\n    deploy:\n      resources:\n        reservations:\n          devices: [{capabilities: [gpu], count: all}]\n');
    expect(c.services!.app!.deploy).toMatchObject({ resources: { reservations: { devices: [{ capabilities: ['gpu'], count: -1 }] } } });
  });

  // models: the short service syntax is a map of nulls.
  it('prints the short service models syntax as a map', () => {
    const c = config('services:\n  chat:\n    image: x\n    models: [llm]\nmodels:\n  llm:\n    model: ai/smollm2\n');
    expect(c.services!.chat!.models).toEqual({ llm: null });
  });
});
