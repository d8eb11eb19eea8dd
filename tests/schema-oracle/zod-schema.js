#!/usr/bin/env node
// zod-schema.js: `byline check` errs exactly where AstroPaper's zod schema does
//
// AstroPaper v5 validates each post's frontmatter, as js-yaml 4 reads it, with
// a zod object (src/content.config.ts). This runs that same zod object (zod 3,
// as Astro 5 bundles it) over every corpus post and over edge cases written
// here, and checks that `byline check FILE` exits 1 (an error) exactly when
// zod rejects the post, and 0 otherwise.
//
//   node zod-schema.js ORACLE_DIR NPM
//
// ORACLE_DIR is where js-yaml and zod get installed (in the build directory);
// NPM the npm to install them with. BYLINE_EXE and BYLINE_CORPUS_DIR come from
// the environment. Output is TAP.
//
// SPDX-License-Identifier: GPL-3.0-or-later

'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { createRequire } = require('module');

const [oracleArg, npm] = process.argv.slice(2);
const oracleDir = oracleArg && path.resolve(oracleArg);
const exe = process.env.BYLINE_EXE;
const corpus = process.env.BYLINE_CORPUS_DIR;

function bail(reason) {
  // TAP: a plan of zero tests with a reason is a skip, not a pass.
  console.log(`1..0 # SKIP ${reason}`);
  process.exit(0);
}

if (!oracleDir || !npm || !exe || !corpus)
  bail('usage: zod-schema.js ORACLE_DIR NPM, with BYLINE_EXE and BYLINE_CORPUS_DIR set');
if (!fs.existsSync(corpus))
  bail(`no corpus at ${corpus}`);

// --- js-yaml 4 and zod 3, installed once into the build directory ----------

function install(packages) {
  const missing = packages.filter(
    (p) => !fs.existsSync(path.join(oracleDir, 'node_modules', p.split('@')[0], 'package.json')));

  if (missing.length === 0)
    return;

  fs.mkdirSync(oracleDir, { recursive: true });
  const r = spawnSync(npm, ['install', '--prefix', oracleDir, '--prefer-offline',
                            '--no-audit', '--no-fund', '--no-progress',
                            '--no-package-lock', '--loglevel=error', ...packages],
                      { encoding: 'utf8', timeout: 300000 });
  if (r.status !== 0) {
    const why = (r.stderr || (r.error && r.error.message) || '').trim().split('\n')[0];
    bail(`npm install ${packages.join(' ')} failed (offline?): ${why}`);
  }
}

install(['js-yaml@4', 'zod@3']);

const req = createRequire(path.join(oracleDir, 'package.json'));
const jsyaml = req('js-yaml');
const { z } = req('zod');

// AstroPaper v5's schema. `image().or(z.string())` accepts exactly the strings
// (an image() that fails falls through to z.string()), so it is z.string()
// here; SITE.author is any string.
const blogSchema = z.object({
  author: z.string().default('Site Author'),
  pubDatetime: z.date(),
  modDatetime: z.date().optional().nullable(),
  title: z.string(),
  featured: z.boolean().optional(),
  draft: z.boolean().optional(),
  tags: z.array(z.string()).default(['others']),
  ogImage: z.string().optional(),
  description: z.string(),
  canonicalURL: z.string().optional(),
  hideEditPost: z.boolean().optional(),
  timezone: z.string().optional(),
});

// --- the frontmatter split, written from the rules (not from byline) --------
// A block exists only when the text starts, after an optional BOM, with a
// `---` line (trailing blanks allowed) and a later `---` line closes it; a
// closing fence at the end of the file without a newline counts.

function frontmatterOf(text) {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const open = /---[ \t]*\r?\n/y;

  open.lastIndex = start;
  if (!open.exec(text))
    return null;

  const close = /^---[ \t]*(\r?\n|$)/mg;
  close.lastIndex = open.lastIndex;
  for (let m; (m = close.exec(text)) !== null;) {
    if (m.index >= open.lastIndex)
      return text.slice(open.lastIndex, m.index);
  }
  return null;
}

// What the site's build says: null when it accepts the post, else why not.
function zodVerdict(text) {
  let data = {};
  const yaml = frontmatterOf(text);

  if (yaml !== null) {
    try {
      data = jsyaml.load(yaml);
    } catch (e) {
      return `YAML: ${e.message.split('\n')[0]}`;
    }
    if (data === undefined || data === null)
      data = {};
  }

  const r = blogSchema.safeParse(data);
  return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

// --- edge cases -------------------------------------------------------------

const HEAD = '---\ntitle: Hello\ndescription: A post.\npubDatetime: 2024-01-02T03:04:05Z\n';
const entries = [
  'draft: no', 'draft: yes', 'draft: off', 'draft: "true"', 'draft: 1', 'draft:', 'draft: True',
  'draft: TRUE', 'draft: tRue', 'featured: false # a comment', 'featured: ~', 'hideEditPost: [true]',
  'author:\n  name: Me', 'author: [a, b]', 'author:', 'author: 42', 'author: true',
  'author: 2024-01-02', 'author: !!str 2024', 'author: 0x1F', 'author: .inf', 'author: 1_000',
  'author: 1e3', 'author: -.5', "author: 'single'", 'author: null', 'author: Null', 'author: NULL',
  'author: nULL', 'author: ~',
  'tags: others', 'tags:', 'tags: {a: b}', 'tags: [a, 1]', 'tags:\n  - a\n  - true',
  'tags:\n  - a\n  - [nested]', 'tags: [a, ~]', 'tags: []', "tags: [a, '1']", 'tags:\n- a\n- b',
  'tags: [a, 2024-01-01]', 'tags: [a, !!str 1]',
  'modDatetime: "2024-01-02T03:04:05Z"', 'modDatetime: yesterday', 'modDatetime: 1704164645',
  'modDatetime:', 'modDatetime: 2024-02-30', 'modDatetime: !!timestamp 2024-01-02',
  'modDatetime: 2024-01-02T03:04:05+0800', 'modDatetime: 2024-01-02 03:04:05 -8',
  'modDatetime: 2024-01-02T03:04:05.123456789Z',
  'ogImage: 42', 'ogImage:', 'ogImage: "not a url"', 'canonicalURL: [x]', 'canonicalURL: /relative',
  'timezone:', 'timezone: 7', 'timezone: Mars/Base', 'slug: 42', 'slug: [a]', 'slug:',
  'slug: Not A Slug', 'title: again', 'base: &b {draft: true}\n<<: *b', 'x: &a no\ndraft: *a',
  'x: &a true\ndraft: *a', 'description: |\n  multi\n  line', 'description: >\n  folded',
  'title: ! 42', 'unknown: {any: [thing]}',
];
const cases = entries.map((e, i) => [`entry-${String(i).padStart(3, '0')}.md`, `${HEAD}${e}\n---\nBody\n`]);
const whole = {
  'no-frontmatter.md': 'Just a body.\n',
  'empty-block.md': '---\n---\nBody\n',
  'comment-only.md': '---\n# only a comment\n---\n',
  'null-root.md': '---\n~\n---\n',
  'list-root.md': '---\n- a\n---\n',
  'scalar-root.md': '---\ntext\n---\n',
  'flow-root.md': '---\n{title: t, description: d, pubDatetime: 2024-01-02}\n---\n',
  'syntax-error.md': '---\ntitle: [x\n---\n',
  'quoted-date.md': "---\ntitle: t\ndescription: d\npubDatetime: '2024-01-02'\n---\n",
  'number-title.md': '---\ntitle: 2024\ndescription: d\npubDatetime: 2024-01-02\n---\n',
  'tab-date.md': '---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02\t03:04:05\n---\n',
  'fence-at-eof.md': '---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02\n---',
  'bom-crlf.md': '\uFEFF---\r\ntitle: t\r\ndescription: d\r\npubDatetime: 2024-01-02\r\n---\r\n',
  'dots-do-not-close.md': '---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02\n...\n',
  'indented-mapping.md': '---\n  title: t\n  description: d\n  pubDatetime: 2024-01-02\n---\n',
  'quoted-key.md': '---\n"title": t\ndescription: d\npubDatetime: 2024-01-02\n---\n',
  'complex-key.md': '---\n? title\n: t\ndescription: d\npubDatetime: 2024-01-02\n---\n',
  'number-key.md': '---\n1: x\ntitle: t\ndescription: d\npubDatetime: 2024-01-02\n---\n',
  'duplicate-null.md': '---\ntitle: t\ntitle:\ndescription: d\npubDatetime: 2024-01-02\n---\n',
  'fence-blanks.md': '---  \ntitle: t\ndescription: d\npubDatetime: 2024-01-02\n---  \n',
  'thematic-break-body.md': '---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02\n---\n\n---\n\ntext\n',
};

const caseDir = path.join(oracleDir, 'cases');
fs.rmSync(caseDir, { recursive: true, force: true });
fs.mkdirSync(caseDir, { recursive: true });
for (const [name, text] of [...cases, ...Object.entries(whole)])
  fs.writeFileSync(path.join(caseDir, name), text);

// --- run --------------------------------------------------------------------

function postsUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory())
      out.push(...postsUnder(p));
    else if (/\.(md|mdx|markdown)$/.test(entry.name))
      out.push(p);
  }
  return out.sort();
}

const files = [...postsUnder(corpus), ...postsUnder(caseDir)];
console.log(`1..${files.length}`);

let n = 0;
let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const why = zodVerdict(text);
  // AstroPaper's rules whatever the post: the corpus holds Hugo and Jekyll
  // posts too, and a lone post without pubDatetime is checked for YAML only.
  const r = spawnSync(exe, ['check', '--schema', 'astropaper', file], { encoding: 'utf8', timeout: 60000 });
  const name = path.relative(path.dirname(corpus), file);
  const expected = why === null ? 0 : 1;

  n++;
  if (r.status === expected) {
    console.log(`ok ${n} ${name} (${why === null ? 'accepted' : 'rejected'})`);
  } else {
    failed++;
    console.log(`not ok ${n} ${name}`);
    console.log(`  # zod: ${why === null ? 'accepts' : why}`);
    console.log(`  # byline check exit ${r.status}: ${(r.stdout + r.stderr).trim().replace(/\n/g, '\n  # ')}`);
  }
}

process.exitCode = failed ? 1 : 0;
