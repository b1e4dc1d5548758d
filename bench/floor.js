// The floor of a conversion: the least work any tool does for the same input and output, in one
// process started like compose2kube. It parses the compose file with `yaml` and writes each
// emitted object (read from a JSON List that compose2kube wrote beforehand) with `yaml` as one
// multi-document stream. Reading that List is not part of the work: its time goes to stdout so
// that the benchmark subtracts it.
//   node bench/floor.js COMPOSE OBJECTS.json OUT.yaml
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { parse, stringify } from 'yaml';

const [composeFile, objectsFile, outFile] = process.argv.slice(2);
const t = performance.now();
const objects = JSON.parse(readFileSync(objectsFile, 'utf8')).items;
const setup = performance.now() - t;
parse(readFileSync(composeFile, 'utf8'));
writeFileSync(outFile, objects.map((o) => `---\n${stringify(o)}`).join(''));
process.stdout.write(`${JSON.stringify({ setupMs: setup })}\n`);
