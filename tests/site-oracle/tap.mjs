// tap.mjs: the TAP output the site oracles share
//
// Each oracle collects its results with ok() and prints them with finish();
// bail() skips the whole test with a reason.
//
// SPDX-License-Identifier: GPL-3.0-or-later

let n = 0;
let failed = 0;
const lines = [];

export function bail(reason) {
  console.log(`1..0 # SKIP ${reason}`);
  process.exit(0);
}

export function ok(pass, name, ...diag) {
  n++;
  if (!pass)
    failed++;
  lines.push(`${pass ? 'ok' : 'not ok'} ${n} ${name}`);
  if (!pass)
    for (const d of diag)
      lines.push(`  # ${String(d).trim().replace(/\n/g, '\n  # ')}`);
}

// Prints the plan and the results; the exit status says whether any failed.
export function finish() {
  console.log(`1..${n}`);
  console.log(lines.join('\n'));
  process.exitCode = failed ? 1 : 0;
}
