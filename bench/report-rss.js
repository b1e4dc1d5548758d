// Loaded with `node --import` into a measured child process when /usr/bin/time is absent: writes
// the process's peak resident set size (KiB) and its CPU time (user and system, in seconds) to the
// file named by BENCH_RSS_FILE as it exits, as `/usr/bin/time -f '%M %U %S'` would.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`);
  });
}
