import { describe, expect, it } from 'vitest';
import { emitFiles, emitStream } from '../../src/emit/emit.js';
import { streamOf } from '../../src/emit/yaml.js';
import { convert } from '../support/api-checks.js';

describe('the YAML stream', () => {
  const result = convert(
    { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    depends_on: [db]\n  db:\n    image: postgres:17\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data:\n' },
    { workingDir: '/p', env: {} },
  );

  it('holds the files in order, each after a document marker', () => {
    expect(result.files.map((f) => f.path)).toEqual(['07-data-persistentvolumeclaim.yaml', '08-db-service.yaml', '08-web-service.yaml', '10-db-deployment.yaml', '10-web-deployment.yaml']);
    const documents = result.text.split(/^---\n/m);
    expect(documents.shift()).toBe('');
    expect(documents).toEqual(result.files.map((f) => f.content));
    expect(streamOf(result.files)).toBe(result.text);
  });

  it('is what emitStream writes for the same objects, with and without comments', () => {
    expect(emitStream(result.mapped)).toBe(result.text);
    expect(emitStream(result.mapped, { comments: false })).toBe(streamOf(emitFiles(result.mapped, { comments: false })));
  });
});
