import { helmChart } from '../../src/emit/helm/index.js';
import type { AnnotationLevel } from '../../src/emit/yaml.js';
import type { ConvertOptions, ConvertResult } from '../../src/pipeline.js';
import { convertFixture } from './fixtures.js';
import { writeTree } from './helm.js';

/** A fixture's chart as `convert --helm` writes it (the same two conversions), in a temporary directory. */
export function fixtureChart(name: string, overrides: ConvertOptions = {}, annotate: AnnotationLevel = 'full'): { dir: string; result: ConvertResult } {
  const result = convertFixture(name, overrides);
  const published = convertFixture(name, { ...overrides, serviceType: 'LoadBalancer' });
  const files = helmChart({
    project: result.project!,
    mapped: result.mapped,
    published: published.mapped,
    ...(result.namespace ? { namespace: result.namespace } : {}),
    annotate,
    context: { diagnostics: result.diagnostics, places: result.places! },
  });
  return { dir: writeTree(files, 'c2k-chart-'), result };
}
