import { describe, expect, it } from 'vitest';
import { canonicalProject } from '../../src/compose/canonical.js';
import { convert } from '../support/api-checks.js';
import { codes, load } from './helpers.js';

/**
 * label_file, as compose-go reads it (types.Project.WithServicesLabelsResolved): each file with the
 * env-file syntax, in order, later files winning; `${VAR}` sees only the labels read before; the
 * service's `labels` win over every file; a missing file is an error; `config` prints the labels
 * and no label_file. (Recorded against the oracle: test/conformance/config/labels-files.)
 */
const FILES = {
  'compose.yaml': 'services:\n  app:\n    image: x\n    label_file: [a.labels, ./conf/b.labels]\n    labels: {z: "1", com.example.override: written}\n',
  'a.labels': 'A=1\nB=${A}x\nC=${HOME}\ncom.example.override=from-file\n# comment\nexport D="q w"\nE\n',
  'conf/b.labels': 'F=${B}-${A}\nA=2\n',
};

describe('label_file', () => {
  it('reads the files into labels, later files and then `labels` winning', () => {
    const result = load(FILES, { env: { HOME: '/home/ada' } });
    expect(codes(result, 'error')).toEqual([]);
    const app = (canonicalProject(result.project!).services as Record<string, Record<string, unknown>>).app!;
    expect(app.labels).toEqual({ A: '2', B: '1x', C: '', D: 'q w', F: '1x-1', z: '1', 'com.example.override': 'written' });
    expect(app).not.toHaveProperty('label_file');
  });

  it('refuses a missing file, at its declaration', () => {
    const result = load({ 'compose.yaml': 'services:\n  app:\n    image: x\n    label_file: ./gone.labels\n' });
    expect(result.project).toBeUndefined();
    expect(codes(result, 'error')).toEqual(['file-not-found@compose.yaml:4:17']);
  });

  it('convert puts the file labels on the pods like labels, noting the line of the file', () => {
    const result = convert(FILES);
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).not.toContain('unsupported');
    const deployment = result.mapped.find((m) => m.object.kind === 'Deployment')!;
    const annotations = (deployment.object as unknown as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template.metadata.annotations;
    expect(annotations).toMatchObject({ A: '2', F: '1x-1', z: '1', 'com.example.override': 'written' });
    const fileNote = deployment.notes.find((n) => n.key === 'services.label_file' && n.path.at(-1) === 'F');
    expect(fileNote?.loc).toEqual({ file: 'conf/b.labels', line: 1, column: 1 });
  });
});
