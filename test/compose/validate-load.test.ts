import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

/** Validation inside the loader: after interpolation and casts, on each file merged so far. */
describe('validation while loading a project', () => {
  it('stops the load and points into the file', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    restrat: always\n' });
    expect(result.project).toBeUndefined();
    expect(codes(result)).toEqual(['schema-unknown-key@compose.yaml:4:5']);
    expect(result.diagnostics[0]?.message).toBe('services.web: unknown key "restrat" (did you mean "restart"?)');
  });

  it('points into the override file that brings the mistake', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'compose.override.yaml': 'services:\n  web:\n    ports: 8080\n',
    });
    expect(codes(result)).toEqual(['schema@compose.override.yaml:3:12']);
    expect(result.diagnostics[0]?.message).toBe('services.web.ports must be a list');
  });

  it('checks what the files say together: an external volume of the override keeps the base driver', () => {
    const result = load({
      'compose.yaml': 'services:\n  db:\n    image: postgres\nvolumes:\n  data:\n    driver: local\n',
      'compose.override.yaml': 'volumes:\n  data:\n    external: true\n',
    });
    expect(codes(result)).toEqual(['schema@compose.yaml:6:5']);
    expect(result.diagnostics[0]?.message).toBe(
      'volumes.data: invalid key "driver" (an external volume only takes "name" and x- keys next to "external: true")',
    );
  });

  it('validates interpolated values once cast to their type', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    cpu_percent: ${CPU}\n' }, { env: { CPU: '150' } });
    expect(codes(result)).toEqual(['schema@compose.yaml:4:18']);
    expect(result.diagnostics[0]?.message).toBe('services.web.cpu_percent must be a percentage from 0 to 100');
  });

  it('lets a later file clear a value with !reset', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n',
      'compose.override.yaml': 'services:\n  web:\n    ports: !reset null\n',
    });
    expect(codes(result, 'error')).toEqual([]);
  });
});
