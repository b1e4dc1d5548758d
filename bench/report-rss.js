// Loaded with `node --import` into a measured child process when /usr/bin/time is absent: writes
// the process's peak resident set size (KiB) to the file named by BENCH_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
