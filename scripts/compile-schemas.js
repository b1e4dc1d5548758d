// Regenerates the validators compiled ahead of time from the schemas (npm run schemas, which
// builds first: the generators are modules of dist/). Commit the result; a test fails when a
// schema changes without it.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { composeValidatorModule } from '../dist/compose/schema/compile.js';
import { extensionValidatorModule } from '../dist/mapping/hints/extension-compile.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = {
  'src/compose/schema/compiled.generated.ts': composeValidatorModule(),
  'src/mapping/hints/extension-validators.generated.ts': extensionValidatorModule(),
};
for (const [path, source] of Object.entries(modules)) {
  writeFileSync(join(root, path), source);
  process.stdout.write(`wrote ${path} (${(source.length / 1024).toFixed(0)} KiB)\n`);
}
