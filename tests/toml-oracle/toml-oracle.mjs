#!/usr/bin/env node
// toml-oracle.mjs: `byline get` and `byline set` on TOML front matter, against
// smol-toml and Hugo
//
// For every post in tests/data/toml/ (TOML front matter of every kind), in a
// small Hugo site of its own:
// - `byline get` prints what smol-toml (a TOML 1.0 parser from npm, pinned
//   below) reads from the block, dates as its TomlDate prints them;
// - each kind of `byline set --dry-run` edit (boolean, string, list, date,
//   number, raw TOML, new key, unset) yields text that smol-toml reads as
//   exactly the original plus that change, with the body and every line
//   outside the edited entry unchanged, and at most one line written;
// - with the `hugo` on PATH: `hugo list all` reads each post's date and
//   draft state as `byline get` does, before and after `byline set` changes
//   them in place.
//
//   node toml-oracle.mjs DATA_DIR WORK_DIR NPM
//
// BYLINE_EXE comes from the environment. Output is TAP; a skip when npm
// cannot install smol-toml.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { bail, finish, ok } from '../site-oracle/tap.mjs';

const SMOL_TOML = 'smol-toml@1.9.1';

const [dataArg, workArg, npm] = process.argv.slice(2);
const data = dataArg && path.resolve(dataArg);
const work = workArg && path.resolve(workArg);
const exe = process.env.BYLINE_EXE;

if (!data || !work || !npm || !exe) {
  console.log('Bail out! usage: toml-oracle.mjs DATA_DIR WORK_DIR NPM, with BYLINE_EXE set');
  process.exit(1);
}

// --- smol-toml, installed once into the build directory ---------------------

function loadSmolToml() {
  const modules = path.join(work, 'npm');
  const pkg = path.join(modules, 'node_modules', 'smol-toml', 'package.json');

  if (!fs.existsSync(pkg)) {
    fs.mkdirSync(modules, { recursive: true });
    const r = spawnSync(npm, ['install', '--prefix', modules, '--prefer-offline', '--no-audit',
                              '--no-fund', '--no-progress', '--no-package-lock',
                              '--loglevel=error', SMOL_TOML],
                        { encoding: 'utf8', timeout: 300000 });
    if (r.status !== 0 || !fs.existsSync(pkg)) {
      const why = (r.stderr || (r.error && r.error.message) || '').trim().split('\n')[0] ||
                  `${npm} exited with status ${r.status}`;
      bail(`npm install ${SMOL_TOML} failed (offline?): ${why}`);
    }
  }
  const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  if (`smol-toml@${version}` !== SMOL_TOML)
    bail(`smol-toml ${version} is not the pinned ${SMOL_TOML}`);
  return createRequire(path.join(modules, 'package.json'))('smol-toml');
}

const toml = loadSmolToml();

// --- the block, found by the rules (not by byline) ---------------------------

function block(text) {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const open = /\+\+\+[ \t]*\r?\n/y;

  open.lastIndex = start;
  if (!open.exec(text))
    return null;
  const close = /^\+\+\+[ \t]*(\r?\n|$)/gm;
  close.lastIndex = open.lastIndex;
  const m = close.exec(text);
  if (!m)
    return null;
  return { data: text.slice(open.lastIndex, m.index), body: text.slice(m.index + m[0].length),
           dataStart: open.lastIndex, dataEnd: m.index };
}

// JSON as JSON.stringify prints it: TomlDates as their toISOString().
function read(text) {
  const b = block(text);
  return b && JSON.parse(JSON.stringify(toml.parse(b.data)));
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// The same value, whatever the order of a table's keys (a new key goes
// where TOML lets it: before the table's own sub-tables).
function sameUnordered(a, b) {
  const canon = (v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]))
    : Array.isArray(v) ? v.map(canon) : v);
  return same(canon(a), canon(b));
}

function run(args) {
  return spawnSync(exe, args, { encoding: 'utf8' });
}

// A TOML date as an instant: a local one is UTC, as Hugo's default zone.
function instant(value) {
  if (typeof value !== 'string')
    return NaN;
  if (/^\d{4}-\d\d-\d\d$/.test(value))
    return Date.parse(`${value}T00:00:00Z`);
  if (/T[\d:.]+$/.test(value))
    return Date.parse(`${value}Z`);
  return Date.parse(value);
}

// Which lines an edit changed: the old and new line runs between the
// common first and last lines.
function changedLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head])
    head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head &&
         a[a.length - 1 - tail] === b[b.length - 1 - tail])
    tail++;
  return { old: a.slice(head, a.length - tail), new: b.slice(head, b.length - tail), at: head };
}

// --- a Hugo site holding the posts -------------------------------------------

const site = path.join(work, 'site');
const content = path.join(site, 'content', 'posts');
fs.rmSync(site, { recursive: true, force: true });
fs.mkdirSync(content, { recursive: true });
fs.mkdirSync(path.join(site, 'layouts', '_default'), { recursive: true });
fs.writeFileSync(path.join(site, 'hugo.toml'),
                 'baseURL = "https://example.org/"\ntitle = "byline toml oracle"\n' +
                 'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n');
fs.writeFileSync(path.join(site, 'layouts', '_default', 'single.html'), '{{ .Title }}\n');
fs.writeFileSync(path.join(site, 'layouts', '_default', 'list.html'), '{{ .Title }}\n');

const names = fs.readdirSync(data).filter((n) => n.endsWith('.md')).sort();
if (names.length === 0)
  bail(`no posts in ${data}`);
for (const name of names)
  fs.copyFileSync(path.join(data, name), path.join(content, name));

// --- get ----------------------------------------------------------------------

for (const name of names) {
  const file = path.join(content, name);
  const text = fs.readFileSync(file, 'utf8');
  const expected = read(text);
  const r = run(['get', file]);
  let got = null;
  try {
    got = JSON.parse(r.stdout);
  } catch {
    got = undefined;
  }
  ok(r.status === 0 && same(got, expected), `get ${name}`,
     `smol-toml: ${JSON.stringify(expected)}`, `byline:    ${r.stdout}${r.stderr}`);
}

// --- set ----------------------------------------------------------------------

const NEW_DATE = '2025-06-07T08:09:10Z';
const NEW_DAY = '2025-01-02';

// Each edit: the `byline set` arguments, and what the key must read as.
function editsFor(original) {
  const edits = [
    { key: 'draft', args: ['draft=true'], value: true },
    { key: 'draft', args: ['draft=false'], value: false },
    { key: 'title', args: ['title=He said "hi" \\ café — ok'], value: 'He said "hi" \\ café — ok' },
    { key: 'tags', args: ['tags=x,two words'], value: ['x', 'two words'] },
    { key: 'date', args: [`date=${NEW_DATE}`], instant: Date.parse(NEW_DATE) },
    { key: 'lastmod', args: [`lastmod=${NEW_DAY}`], instant: Date.parse(`${NEW_DAY}T00:00:00Z`) },
    { key: 'description', args: ['description=Set by the oracle'], value: 'Set by the oracle' },
    { key: 'weight', args: ['weight=7'], value: 7 },
    { key: 'series', args: ['series:=["a", \'b\']'], value: ['a', 'b'] },
    { key: 'extra', args: ['extra:={ a = 1, b = [true] }'], value: { a: 1, b: [true] } },
  ];
  for (const key of Object.keys(original))
    edits.push({ key, args: ['--unset', key], gone: true });

  // Nested keys (`set K.child=…`): in every table (a [table], dotted keys,
  // an inline table), its first scalar child set, a new child, the child
  // removed. A new key goes only into a [table]; removing one from an
  // inline table, or the last of dotted keys, is refused, not guessed.
  for (const [key, table] of Object.entries(original)) {
    if (key.includes('.') || table === null || typeof table !== 'object' || Array.isArray(table))
      continue;
    const child = Object.keys(table).find((c) => /^[A-Za-z_][\w-]*$/.test(c) &&
                                                 ['string', 'number', 'boolean'].includes(typeof table[c]));
    if (child === undefined)
      continue;
    const old = table[child];
    const value = typeof old === 'boolean' ? !old : typeof old === 'number' ? old + 1 : 'Oracle "nested"';
    edits.push({ key, args: [`${key}.${child}=${value}`], value: { ...table, [child]: value },
                 nested: true });
    edits.push({ key, args: [`${key}.oracleNew=added`], value: { ...table, oracleNew: 'added' },
                 nested: true, refusable: /can only be added to a \[table\]/ });
    const rest = { ...table };
    delete rest[child];
    edits.push({ key, args: ['--unset', `${key}.${child}`], value: rest, nested: true,
                 refusable: /one-line mapping|can’t be removed/ });
  }
  return edits;
}

for (const name of names) {
  const file = path.join(content, name);
  const text = fs.readFileSync(file, 'utf8');
  const original = read(text);
  const b = block(text);

  for (const edit of editsFor(original)) {
    const label = `set ${name} ${edit.args.join(' ')}`;
    const r = run(['set', '--dry-run', file, ...edit.args]);
    const isTable = original[edit.key] !== null && typeof original[edit.key] === 'object' &&
                    !Array.isArray(original[edit.key]);

    if (r.status !== 0) {
      // Only a [table] or dotted keys may be refused a new plain value.
      ok((isTable && !edit.gone && !edit.nested) ||
         (edit.refusable !== undefined && edit.refusable.test(r.stderr)), label,
         `refused: ${r.stderr}`);
      continue;
    }
    let after;
    try {
      after = read(r.stdout);
    } catch (e) {
      ok(false, label, `smol-toml cannot read the result: ${e.message}`, r.stdout);
      continue;
    }
    const nb = block(r.stdout);
    const problems = [];

    if (!nb || nb.body !== b.body)
      problems.push('the body changed');
    if (r.stdout.slice(0, nb.dataStart) !== text.slice(0, b.dataStart))
      problems.push('the opening fence changed');
    for (const key of Object.keys(original))
      if (key !== edit.key && !same(original[key], after[key]))
        problems.push(`${key} changed: ${JSON.stringify(original[key])} -> ${JSON.stringify(after[key])}`);
    for (const key of Object.keys(after))
      if (key !== edit.key && !(key in original))
        problems.push(`a new key ${key}`);
    if (edit.gone) {
      if (edit.key in after)
        problems.push(`${edit.key} is still there`);
    } else if (edit.instant !== undefined) {
      if (instant(after[edit.key]) !== edit.instant)
        problems.push(`${edit.key} reads ${JSON.stringify(after[edit.key])}`);
    } else if (!(edit.nested ? sameUnordered : same)(after[edit.key], edit.value)) {
      problems.push(`${edit.key} reads ${JSON.stringify(after[edit.key])}`);
    }
    // One line written at most; lines removed only by an unset.
    const lines = changedLines(text, r.stdout);
    const removes = edit.gone || edit.args[0] === '--unset';
    if (lines.new.length > (removes ? 0 : 1))
      problems.push(`${lines.new.length} lines written: ${JSON.stringify(lines.new)}`);
    if (!edit.gone && (!(edit.key in original) || edit.args[0].endsWith('.oracleNew=added')) &&
        lines.old.length !== 0)
      problems.push(`a new key replaced lines: ${JSON.stringify(lines.old)}`);
    ok(problems.length === 0, label, ...problems, r.stdout);
  }
}

// --- Hugo ---------------------------------------------------------------------

const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });

// One CSV line (a title may hold commas and quotes).
function csvCells(line) {
  const cells = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/y;
  let m;
  while (re.lastIndex < line.length && (m = re.exec(line)) !== null) {
    const cell = m[1];
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    if (m[2] === '')
      break;
  }
  return cells;
}

function hugoList() {
  const r = spawnSync('hugo', ['list', 'all', '--source', site], { encoding: 'utf8' });
  const rows = new Map();
  if (r.status !== 0)
    return { error: r.stderr || r.stdout };
  const [header, ...lines] = r.stdout.trim().split('\n');
  const cols = header.split(',');
  for (const line of lines) {
    const cells = csvCells(line);
    const row = Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
    rows.set(path.basename(row.path), row);
  }
  return { rows };
}

function agreeWithHugo(stage) {
  const list = hugoList();
  if (list.error) {
    ok(false, `hugo list all (${stage})`, list.error);
    return;
  }
  for (const name of names) {
    const file = path.join(content, name);
    const got = JSON.parse(run(['get', file]).stdout || '{}');
    const row = list.rows.get(name);
    const problems = [];

    if (!row) {
      ok(false, `hugo ${stage} ${name}`, 'not listed by hugo');
      continue;
    }
    if ('date' in got && instant(got.date) !== Date.parse(row.date))
      problems.push(`date: byline ${got.date}, hugo ${row.date}`);
    if (String(got.draft === true) !== row.draft)
      problems.push(`draft: byline ${got.draft}, hugo ${row.draft}`);
    ok(problems.length === 0, `hugo ${stage} ${name}`, ...problems);
  }
}

if (hugo.status === 0) {
  agreeWithHugo('as written');
  for (const name of names) {
    const file = path.join(content, name);
    const before = JSON.parse(run(['get', file]).stdout || '{}');
    const args = ['set', file, `draft=${before.draft === true ? 'false' : 'true'}`];
    if ('date' in before)
      args.push(`date=${typeof before.date === 'string' && before.date.length === 10 ? NEW_DAY : NEW_DATE}`);
    const r = run(args);
    ok(r.status === 0, `set ${name} in place`, r.stderr);
  }
  agreeWithHugo('after byline set');
} else {
  ok(true, 'hugo # SKIP hugo is not installed');
}

finish();
