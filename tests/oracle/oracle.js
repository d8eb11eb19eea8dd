#!/usr/bin/env node
// oracle.js: `byline get` and `byline set` against an independent YAML parser
//
// js-yaml 4 is the parser Astro reads frontmatter with. For every corpus post
// with a frontmatter block js-yaml can load, this checks that `byline get`
// prints the same mapping (and for hand-written edge cases in edge/ too),
// and that each kind of `byline set --dry-run` edit
// yields, as js-yaml reads the new text, exactly the original mapping plus
// that change, with every line outside the edited entry unchanged.
//
//   node oracle.js ORACLE_DIR NPM
//
// ORACLE_DIR is where js-yaml gets installed (in the build directory); NPM
// the npm to install it with. BYLINE_EXE and BYLINE_CORPUS_DIR come from the
// environment. Output is TAP.
//
// SPDX-License-Identifier: GPL-3.0-or-later

'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { createRequire } = require('module');

const [oracleDir, npm] = process.argv.slice(2);
const exe = process.env.BYLINE_EXE;
const corpus = process.env.BYLINE_CORPUS_DIR;

function bail(reason) {
  // TAP: a plan of zero tests with a reason is a skip, not a pass.
  console.log(`1..0 # SKIP ${reason}`);
  process.exit(0);
}

if (!oracleDir || !npm || !exe || !corpus) {
  // A broken test setup is a failure, not a skip.
  console.log('Bail out! usage: oracle.js ORACLE_DIR NPM, with BYLINE_EXE and BYLINE_CORPUS_DIR set');
  process.exit(1);
}

// --- js-yaml, installed once into the build directory ----------------------

function loadJsYaml() {
  const pkg = path.join(oracleDir, 'node_modules', 'js-yaml', 'package.json');

  if (!fs.existsSync(pkg)) {
    fs.mkdirSync(oracleDir, { recursive: true });
    const r = spawnSync(npm, ['install', '--prefix', oracleDir, '--prefer-offline',
                              '--no-audit', '--no-fund', '--no-progress',
                              '--no-package-lock', '--loglevel=error', 'js-yaml@4'],
                        { encoding: 'utf8', timeout: 300000 });
    if (r.status !== 0 || !fs.existsSync(pkg)) {
      const why = (r.stderr || (r.error && r.error.message) || '').trim().split('\n')[0] ||
                  `${npm} exited with status ${r.status}`;
      bail(`npm install js-yaml@4 failed (offline?): ${why}`);
    }
  }

  const req = createRequire(path.join(oracleDir, 'package.json'));
  const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  if (!version.startsWith('4.'))
    bail(`js-yaml ${version} is not version 4`);
  return req('js-yaml');
}

const jsyaml = loadJsYaml();

// --- the frontmatter split, written from the rules (not from byline) --------
// A block exists only when the text starts, after an optional BOM, with a
// `---` line (trailing blanks allowed) and a later `---` line closes it; a
// closing fence at the end of the file without a newline counts.

function split(text) {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const open = /(---|\+\+\+)[ \t]*\r?\n/y;

  open.lastIndex = start;
  const m = open.exec(text);
  if (!m)
    return null;

  const fence = m[1];
  const close = fence === '---' ? /^---[ \t]*\r?$/ : /^\+\+\+[ \t]*\r?$/;
  const dataStart = start + m[0].length;
  let pos = dataStart;

  for (;;) {
    const eol = text.indexOf('\n', pos);
    const line = text.slice(pos, eol < 0 ? text.length : eol);

    if (close.test(line)) {
      return {
        toml: fence === '+++',
        data: text.slice(dataStart, pos),
        dataStart,
        closeStart: pos,
        bodyStart: eol < 0 ? text.length : eol + 1,
      };
    }
    if (eol < 0)
      return null;
    pos = eol + 1;
  }
}

function lineOf(text, offset) {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1))
    n++;
  return n;   // 0-based
}

// --- comparing js-yaml values with byline's JSON ---------------------------

const isoDate = /^\d{4}-\d\d-\d\d$/;
const isoDateTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

// Returns null when `actual` (parsed from byline's JSON, or read by js-yaml)
// is what js-yaml's `expected` means, else where they differ. A js-yaml Date must
// be an ISO 8601 string for the same instant, with its zone written out: a
// zone-less time in YAML is UTC to js-yaml, and must not become local time.
function diff(expected, actual, where, ordered) {
  if (expected instanceof Date && actual instanceof Date) {
    // Both read by js-yaml (an edit's expected and resulting mappings).
    if (actual.getTime() !== expected.getTime())
      return `${where}: expected ${expected.toISOString()}, got ${actual.toISOString()}`;
    return null;
  }
  if (expected instanceof Date) {
    if (typeof actual !== 'string' || !(isoDate.test(actual) || isoDateTime.test(actual)))
      return `${where}: expected an ISO 8601 timestamp, got ${JSON.stringify(actual)}`;
    if (Date.parse(actual) !== expected.getTime())
      return `${where}: expected ${expected.toISOString()}, got ${actual}`;
    return null;
  }
  if (typeof expected === 'number' && typeof actual === 'number' && Object.is(expected, actual))
    return null;   // both from js-yaml: .inf and .nan included
  if (typeof expected === 'number' && !Number.isFinite(expected))
    expected = null;   // JSON.stringify(Infinity) is null
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return `${where}: expected a list, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length)
      return `${where}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = diff(expected[i], actual[i], `${where}[${i}]`, ordered);
      if (d)
        return d;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual))
      return `${where}: expected a mapping, got ${JSON.stringify(actual)}`;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    const es = ordered ? ek.join('\n') : [...ek].sort().join('\n');
    const as = ordered ? ak.join('\n') : [...ak].sort().join('\n');
    if (es !== as)
      return `${where}: expected keys [${ek}], got [${ak}]`;
    for (const k of ek) {
      const d = diff(expected[k], actual[k], `${where}.${k}`, ordered);
      if (d)
        return d;
    }
    return null;
  }
  if (expected === undefined)
    expected = null;
  if (expected !== actual)
    return `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  return null;
}

// --- running byline ---------------------------------------------------------

function byline(args) {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const r = spawnSync(exe, args, { env, maxBuffer: 256 << 20, timeout: 60000 });
  return {
    status: r.status,
    signal: r.signal,
    out: r.stdout ? r.stdout.toString('utf8') : '',
    err: r.stderr ? r.stderr.toString('utf8').trim() : String(r.error),
  };
}

// --- TAP -------------------------------------------------------------------

let n = 0;
let failed = 0;

function ok(name, problem) {
  n++;
  if (problem) {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    for (const line of String(problem).split('\n'))
      console.log(`# ${line}`);
  } else {
    console.log(`ok ${n} - ${name}`);
  }
}

function skip(name, reason) {
  n++;
  console.log(`ok ${n} - ${name} # SKIP ${reason}`);
}

// --- the edits --------------------------------------------------------------

const FIXED_INSTANT = '2025-06-01T12:34:56Z';
const QUOTED_TITLE = 'Oracle: a "quoted" title #1 — it\'s: here';
const NEW_TAG = 'oracle: new tag';

function keyLineRe(key) {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(${k}|"${k}"|'${k}')[ \\t]*:([ \\t]|$)`);
}

function editsFor(fm, data) {
  const edits = [];
  const dateOnly = (key) =>
    new RegExp(`^${key}:[ \\t]*['"]?\\d{4}-\\d\\d-\\d\\d['"]?[ \\t]*(#.*)?\\r?$`, 'm').test(data);

  {
    const v = fm.draft !== true;
    edits.push({ what: `toggle draft to ${v}`, key: 'draft', args: [`draft=${v}`],
                 expect: { ...fm, draft: v } });
  }

  edits.push({ what: 'set a title that needs quotes', key: 'title',
               args: [`title=${QUOTED_TITLE}`], expect: { ...fm, title: QUOTED_TITLE } });

  if (fm.tags === undefined) {
    edits.push({ what: 'add a tag (no tags yet)', key: 'tags',
                 args: [`tags=${JSON.stringify([NEW_TAG])}`],
                 expect: { ...fm, tags: [NEW_TAG] } });
    edits.push({ what: 'remove a tag', skip: 'no tags' });
  } else if (!Array.isArray(fm.tags) || fm.tags.some((t) => typeof t !== 'string')) {
    edits.push({ what: 'add a tag', skip: 'tags is not a list of strings' });
    edits.push({ what: 'remove a tag', skip: 'tags is not a list of strings' });
  } else {
    const added = [...fm.tags, NEW_TAG];
    edits.push({ what: 'add a tag', key: 'tags', args: [`tags=${JSON.stringify(added)}`],
                 expect: { ...fm, tags: added } });
    if (fm.tags.length > 0) {
      const removed = fm.tags.slice(1);
      edits.push({ what: 'remove a tag', key: 'tags', args: [`tags=${JSON.stringify(removed)}`],
                   expect: { ...fm, tags: removed } });
    } else {
      edits.push({ what: 'remove a tag', skip: 'tags is empty' });
    }
  }

  {
    // The file's style is kept: a date-only value stays a date (UTC midnight
    // to js-yaml); a new key may follow pubDatetime's style.
    const mayBeDate = fm.modDatetime instanceof Date
      ? dateOnly('modDatetime')
      : dateOnly('pubDatetime') || fm.modDatetime === undefined || fm.modDatetime === null;
    edits.push({ what: 'set modDatetime to a fixed instant', key: 'modDatetime',
                 args: [`modDatetime=${FIXED_INSTANT}`],
                 expect: { ...fm, modDatetime: new Date(FIXED_INSTANT) },
                 expectDateOnly: mayBeDate
                   ? { ...fm, modDatetime: new Date(FIXED_INSTANT.slice(0, 10)) }
                   : null });
  }

  {
    const candidates = [
      ['hideEditPost', 'hideEditPost=true', true],
      ['featured', 'featured=true', true],
      ['canonicalURL', 'canonicalURL=https://example.org/oracle', 'https://example.org/oracle'],
      ['timezone', 'timezone=Asia/Tokyo', 'Asia/Tokyo'],
      ['author', 'author=Oracle Author', 'Oracle Author'],
      ['oracleExtra', 'oracleExtra=added: yes', 'added: yes'],
    ];
    const c = candidates.find(([k]) => !(k in fm));
    if (c)
      edits.push({ what: `add the missing key ${c[0]}`, key: c[0], adds: true, args: [c[1]],
                   expect: { ...fm, [c[0]]: c[2] } });
    else
      edits.push({ what: 'add a missing key', skip: 'every candidate key is present' });
  }

  {
    const keys = Object.keys(fm);
    if (keys.length > 0) {
      const k = keys[keys.length - 1];
      const expect = { ...fm };
      delete expect[k];
      edits.push({ what: `unset ${k}`, key: k, args: ['--unset', k], expect });
    } else {
      edits.push({ what: 'unset a key', skip: 'the mapping is empty' });
    }
  }

  // Nested keys (`byline set K.child=…`): the first top-level mapping with
  // a scalar child. Only that child changes; a one-line `{…}` mapping may
  // refuse a new or removed key (the planner says so), nothing else may.
  {
    const parent = Object.keys(fm).find((k) => !k.includes('.') && isPlainObject(fm[k]) &&
      Object.keys(fm[k]).some((c) => !c.includes('.') && /^[A-Za-z_][\w-]*$/.test(c) &&
                                     ['string', 'number', 'boolean'].includes(typeof fm[k][c])));
    if (parent === undefined) {
      edits.push({ what: 'set a nested key', skip: 'no mapping with a scalar value' });
    } else {
      const obj = fm[parent];
      const child = Object.keys(obj).find((c) => /^[A-Za-z_][\w-]*$/.test(c) &&
                                                ['string', 'number', 'boolean'].includes(typeof obj[c]));
      // `K: {a: 1}` (one line) may refuse a new or removed key; `K: &anchor`
      // refuses every edit (its aliases would change too).
      const esc = parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const anchored = new RegExp(`^${esc}[ \t]*:[ \t]*&`, 'm').test(data);
      const flow = anchored || new RegExp(`^${esc}[ \t]*:[ \t]*\\{`, 'm').test(data);
      const value = typeof obj[child] === 'boolean' ? !obj[child]
                  : typeof obj[child] === 'number' ? obj[child] + 1 : 'Oracle: nested "value"';
      edits.push({ what: `set the nested key ${parent}.${child}`, key: parent,
                   refusable: anchored, args: [`${parent}.${child}=${value}`],
                   expect: { ...fm, [parent]: { ...obj, [child]: value } } });
      edits.push({ what: `add a nested key to ${parent}`, key: parent, adds: true,
                   refusable: flow, args: [`${parent}.oracleNested=added: yes`],
                   expect: { ...fm, [parent]: { ...obj, oracleNested: 'added: yes' } } });
      const rest = { ...obj };
      delete rest[child];
      edits.push({ what: `unset the nested key ${parent}.${child}`, key: parent,
                   refusable: flow, args: ['--unset', `${parent}.${child}`],
                   expect: { ...fm, [parent]: rest } });
    }
  }

  return edits;
}

// Every line outside the edited entry must be unchanged: the two texts may
// differ in one run of lines only, inside the frontmatter, starting at the
// key's line and ending before the next top-level key.
function checkUntouched(before, after, sp, edit) {
  const a = before.split('\n');
  const b = after.split('\n');
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p])
    p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s])
    s++;
  const oldEnd = a.length - s;          // old lines [p, oldEnd) were replaced

  const firstData = lineOf(before, sp.dataStart);
  const closeLine = lineOf(before, sp.closeStart);
  if (p < firstData || oldEnd > closeLine)
    return `changed lines ${p + 1}-${oldEnd} reach outside the frontmatter (lines ${firstData + 1}-${closeLine})`;

  if (edit.adds)
    return p === oldEnd ? null : `adding a key replaced lines ${p + 1}-${oldEnd}`;

  const re = keyLineRe(edit.key);
  let keyLine = -1;
  for (let i = firstData; i < closeLine; i++) {
    if (re.test(a[i])) {
      keyLine = i;
      break;
    }
  }
  if (keyLine < 0)
    return null;   // added (it was absent), already bounded to the block
  let next = keyLine + 1;
  // The next line that looks like a top-level `key:` (a multi-line quoted
  // value may continue at column 0, so "not indented" is not enough).
  while (next < closeLine && !/^("[^"]*"|'[^']*'|[^\s#'"?:-][^:#]*?)[ \t]*:([ \t]|\r?$)/.test(a[next]))
    next++;
  if (p === oldEnd && p >= keyLine && p <= next)
    return null;   // pure insertion inside or right after the entry (a new tag)
  if (p < keyLine || oldEnd > next)
    return `changed lines ${p + 1}-${oldEnd}, but ${edit.key} spans lines ${keyLine + 1}-${next}`;
  return null;
}

// --- generated posts -------------------------------------------------------
// Frontmatter no one wrote by hand: random mixes of the styles the rules
// name (quoting, block scalars, wrapped plain text, flow and block lists at
// any indentation, comments, CRLF, a BOM, every timestamp spelling), from a
// fixed seed so that a failure can be reproduced (BYLINE_ORACLE_SEED; how
// many with BYLINE_ORACLE_COUNT).

function generatePosts(dir, count, seed) {
  let state = seed >>> 0;
  const rand = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const chance = (p) => rand() < p;

  const comment = () => (chance(0.2) ? pick([' # note', '  # flip later', ' #x']) : '');
  const strings = [
    (i) => `Plain words ${i}`,
    () => "'It''s single-quoted'",
    () => '"Double \\"quoted\\" \\u00e9"',
    () => '"colon: inside"',
    () => "'#not a comment'",
    () => 'ünïcödé 中文 😀',
    () => 'ends with colon:x',
  ];
  const blockStrings = [
    (ind) => `>-\n${ind}Folded text\n${ind}on two lines`,
    (ind) => `|\n${ind}Literal text\n${ind}  indented more\n\n${ind}after a blank`,
    (ind) => `>\n${ind}folded with clip`,
    (ind) => `|+\n${ind}kept\n`,
  ];
  const dates = [
    '2024-01-02', '2024-01-02T03:04:05Z', '2024-01-02T03:04:05.123Z',
    '2024-01-02 03:04:05 +08:00', '2024-01-02T03:04:05.5+05:30', '2024-01-02t03:04:05',
    '2024-01-02T03:04:05-0800', '2022-09-23T15:22:00.000Z',
  ];
  const tagItems = ['docs', 'astro-paper', '"quoted tag"', "'single'", 'with space', 'c++', '2024'];

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  const out = [];
  for (let k = 0; k < count; k++) {
    const nl = chance(0.2) ? '\r\n' : '\n';
    const ind = pick(['  ', '    ', ' ']);
    const lines = [];
    const keys = ['title', 'description', 'pubDatetime', 'modDatetime', 'draft', 'featured',
                  'tags', 'author', 'ogImage', 'extra'].filter(() => chance(0.75));
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    if (chance(0.2))
      lines.push('# a leading comment');
    for (const key of keys) {
      if (chance(0.15))
        lines.push(pick(['', '# between entries']));
      switch (key) {
        case 'pubDatetime':
        case 'modDatetime':
          lines.push(`${key}: ${pick(dates)}${comment()}`);
          break;
        case 'draft':
        case 'featured':
          lines.push(`${key}: ${pick(['true', 'false', 'yes', 'off'])}${comment()}`);
          break;
        case 'tags': {
          const items = tagItems.filter(() => chance(0.4));
          const style = pick(['flow', 'block', 'zero']);
          if (style === 'flow' || items.length === 0)
            lines.push(`tags: [${items.join(', ')}]${comment()}`);
          else {
            lines.push(`tags:${comment()}`);
            const itemIndent = style === 'zero' ? '' : ind;
            for (const it of items) {
              lines.push(`${itemIndent}- ${it}${comment()}`);
              if (chance(0.1))
                lines.push(`${itemIndent}# inside the list`);
            }
          }
          break;
        }
        case 'extra':
          lines.push(pick([`extra:\n${ind}nested: 1\n${ind}list: [a, b]`, 'extra: ~', 'extra:',
                           'extra: 42', 'extra: 1.5', 'extra: {a: 1}']));
          break;
        default:
          if (chance(0.25))
            lines.push(`${key}: ${pick(blockStrings)(ind)}`);
          else if (chance(0.15))
            lines.push(`${key}: A plain value that is wrapped\n${ind}onto a second line${comment()}`);
          else
            lines.push(`${key}: ${pick(strings)(k)}${comment()}`);
      }
    }
    if (chance(0.15))
      lines.push('# a trailing comment');
    const fm = lines.join('\n').split('\n').join(nl);
    const text = (chance(0.1) ? '\uFEFF' : '') + `---${nl}${fm}${fm ? nl : ''}---` +
                 (chance(0.1) ? '' : `${nl}${nl}Body ${k}${nl}`);
    const file = path.join(dir, `post-${String(k).padStart(3, '0')}.md`);
    fs.writeFileSync(file, text);
    out.push(file);
  }
  return out;
}

// --- walking the corpus ----------------------------------------------------

function posts(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory())
      out.push(...posts(p));
    else if (/\.(md|markdown|mdx)$/.test(e.name))
      out.push(p);
  }
  return out;
}

function load(data) {
  const v = jsyaml.load(data);
  return v === undefined || v === null ? {} : v;
}

// The real posts, then hand-written edge cases no corpus post happens to have.
const edgeDir = path.join(__dirname, 'edge');
if (!fs.existsSync(corpus))
  console.log(`# no corpus at ${corpus}: the edge cases only`);
const seed = Number(process.env.BYLINE_ORACLE_SEED || 20250601);
const fuzzDir = path.join(oracleDir, 'generated');
console.log(`# generated posts: seed ${seed} (BYLINE_ORACLE_SEED), in ${fuzzDir}`);
const files = [
  ...(fs.existsSync(corpus) ? posts(corpus) : []).map((f) => [f, path.relative(corpus, f)]),
  ...posts(edgeDir).map((f) => [f, `edge/${path.relative(edgeDir, f)}`]),
  ...generatePosts(fuzzDir, Number(process.env.BYLINE_ORACLE_COUNT || 60), seed).map((f) => [f, `generated/${path.basename(f)}`]),
];

for (const [file, name] of files) {
  const bytes = fs.readFileSync(file);
  const text = bytes.toString('utf8');
  const sp = split(text);

  if (!sp) {
    const r = byline(['get', file]);
    ok(`${name}: get (no frontmatter)`,
       r.status !== 0 ? `exit ${r.status}: ${r.err}` : diff({}, JSON.parse(r.out), 'get', true));
    continue;
  }
  if (sp.toml) {
    skip(`${name}: get`, 'TOML frontmatter');
    continue;
  }

  let fm;
  try {
    fm = load(sp.data);
  } catch (e) {
    // js-yaml rejects it (broken YAML, a duplicate key): so must byline.
    const r = byline(['get', file]);
    ok(`${name}: get rejects what js-yaml rejects`,
       r.status === 2 ? null : `js-yaml: ${e.message.split('\n')[0]}; byline get exit ${r.status}`);
    continue;
  }
  if (!isPlainObject(fm)) {
    const r = byline(['get', file]);
    ok(`${name}: get rejects a frontmatter that is not a mapping`,
       r.status === 2 ? null : `byline get exit ${r.status}`);
    continue;
  }

  {
    const r = byline(['get', file]);
    let problem = null;
    if (r.status !== 0)
      problem = `exit ${r.status}: ${r.err}`;
    else {
      try {
        problem = diff(fm, JSON.parse(r.out), 'get', true);
      } catch (e) {
        problem = `byline printed invalid JSON: ${e.message}`;
      }
    }
    ok(`${name}: get`, problem);
  }

  for (const edit of editsFor(fm, sp.data)) {
    const label = `${name}: ${edit.what}`;
    if (edit.skip) {
      skip(label, edit.skip);
      continue;
    }

    const r = byline(['set', '--dry-run', file, ...edit.args]);
    if (edit.refusable && r.status === 2 && !r.signal && /one-line mapping|can’t be changed|anchor other values/.test(r.err)) {
      ok(`${label} (refused: a one-line or anchored mapping)`, null);
      continue;
    }
    if (r.status !== 0 || r.signal) {
      ok(label, `byline set exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${r.err}`);
      continue;
    }

    const nsp = split(r.out);
    if (!nsp) {
      ok(label, 'the new text has no frontmatter block');
      continue;
    }
    let got;
    try {
      got = load(nsp.data);
    } catch (e) {
      ok(label, `js-yaml cannot read the new frontmatter: ${e.message.split('\n')[0]}`);
      continue;
    }

    let problem = diff(edit.expect, got, 'mapping', false);
    if (problem && edit.expectDateOnly &&
        /^modDatetime:[ \t]*\d{4}-\d\d-\d\d[ \t]*(#.*)?\r?$/m.test(nsp.data))
      problem = diff(edit.expectDateOnly, got, 'mapping', false);
    if (!problem)
      problem = checkUntouched(text, r.out, sp, edit);
    if (problem)
      problem += `\n--- new frontmatter ---\n${nsp.data}`;
    ok(label, problem);
  }

  // --dry-run must not have written anything.
  if (!fs.readFileSync(file).equals(bytes))
    ok(`${name}: --dry-run left the file alone`, 'the file changed');
}

console.log(`1..${n}`);
if (failed)
  console.log(`# ${failed} of ${n} failed`);
