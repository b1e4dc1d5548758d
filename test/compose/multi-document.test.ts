import { describe, expect, it } from 'vitest';
import { codes, load, serviceOf } from './helpers.js';

/**
 * compose-go loads every document of a YAML stream as one compose file and merges them in order,
 * as it merges several -f files (observed with `docker compose config`).
 */
describe('multi-document compose files', () => {
  it('merges the documents in order', () => {
    const result = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    environment: [A=1]\n---\nservices:\n  a:\n    image: y\n    environment: [B=2]\n  b:\n    image: z\n' });
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 'a')).toEqual({ image: 'y', environment: ['A=1', 'B=2'] });
    expect(Object.keys(result.project!.services)).toEqual(['a', 'b']);
    // Locations stay in the document that wrote them.
    expect(result.project!.services.b!.loc).toMatchObject({ file: 'compose.yaml', line: 10 });
  });

  it('refuses an empty document among others, as compose-go does ("top-level object must be a mapping")', () => {
    const result = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n---\n# nothing here\n' });
    expect(codes(result, 'error')).toEqual(['yaml-not-a-mapping@compose.yaml:4:4']);
  });

  it('keeps an empty file an empty project', () => {
    const result = load({ 'compose.yaml': '' });
    expect(codes(result)).toEqual([]);
    expect(result.project!.services).toEqual({});
  });
});
