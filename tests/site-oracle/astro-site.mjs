#!/usr/bin/env node
// astro-site.mjs: `byline check` says what Astro's own `astro sync` says
//
// A small Astro 5 site (astro-site/, beside this script) with two collections
// and a schema that is not AstroPaper's: every field kind Byline knows (text
// with a length bound, enum, number and integer with bounds, boolean,
// z.coerce.date() and z.date(), a list of enum values, a list of text,
// image(), reference() and a list of them, a nested object, a URL, an email,
// unions,
// defaults, optional and nullable). Astro is installed from npm into the build
// directory; `astro sync` writes the JSON Schemas byline reads. Then, for
// each variant of a post, Astro's verdict (sync, through its programmatic
// API, fails when a post does not match its collection's zod schema) is
// compared with `byline check FILE` (exit 1 exactly when Astro rejects).
// The site's state (missing or stale schemas) and `byline schema` are
// checked too.
//
//   node astro-site.mjs ORACLE_DIR NPM
//
// BYLINE_EXE comes from the environment. Output is TAP; a skip when npm
// cannot install Astro.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { bail, finish, ok } from './tap.mjs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [oracleArg, npm] = process.argv.slice(2);
const oracleDir = oracleArg && path.resolve(oracleArg);
const exe = process.env.BYLINE_EXE;

if (!oracleDir || !npm || !exe)
  bail('usage: astro-site.mjs ORACLE_DIR NPM, with BYLINE_EXE set');

// --- Astro 5, installed once into the build directory ----------------------
// Astro 6 wants Node 22; this pins the 5.x line, which runs on Node 18.20+.

const ASTRO = 'astro@5';

function installed() {
  return fs.existsSync(path.join(oracleDir, 'node_modules', 'astro', 'package.json'));
}

if (!installed()) {
  fs.mkdirSync(oracleDir, { recursive: true });
  const r = spawnSync(npm, ['install', '--prefix', oracleDir, '--prefer-offline',
                            '--no-audit', '--no-fund', '--no-progress',
                            '--no-package-lock', '--loglevel=error', ASTRO],
                      { encoding: 'utf8', timeout: 600000 });
  if (r.status !== 0 || !installed()) {
    const why = (r.stderr || (r.error && r.error.message) || '').trim().split('\n')[0];
    bail(`npm install ${ASTRO} failed (offline?): ${why}`);
  }
}

const req = createRequire(path.join(oracleDir, 'package.json'));
const { sync } = await import(pathToFileURL(req.resolve('astro')).href);

// --- the site, copied fresh into the build directory -----------------------

const site = path.join(oracleDir, 'site');
fs.rmSync(site, { recursive: true, force: true });
fs.cpSync(path.join(here, 'astro-site'), site, { recursive: true });
fs.symlinkSync(path.join(oracleDir, 'node_modules'), path.join(site, 'node_modules'), 'dir');

const notes = path.join(site, 'src', 'data', 'notes');
const authors = path.join(site, 'src', 'content', 'authors');

// Astro's verdict on the site as it is now: null, or why it fails.
// Each sync gets a cache directory of its own: a sync that fails leaves its
// data store's debounced write pending, and in a shared directory that write
// races the next sync's over the same temporary file (see astro-list.mjs).
let syncs = 0;

async function astroVerdict() {
  const cacheDir = path.join(site, '.cache', String(++syncs));
  try {
    await sync({ root: site, logLevel: 'silent', cacheDir });
    return null;
  } catch (e) {
    return `${e.name}: ${String(e.message || '').replace(/\*\*/g, '').split('\n').slice(0, 3).join(' ')}`;
  }
}

function byline(...args) {
  return spawnSync(exe, args, { encoding: 'utf8', timeout: 60000, cwd: site });
}

// --- before astro sync: no schema known, so YAML only ----------------------

{
  const file = path.join(notes, 'first.md');
  const r = byline('schema', file);
  const s = r.status === 0 ? JSON.parse(r.stdout) : {};

  ok(s.generator === 'astro' && s.collection === 'notes' && s.state === 'missing' &&
     s.source === null && s.fields.length === 0,
     'before astro sync: the site says its schemas are missing, and checks YAML only', r.stdout, r.stderr);

  fs.writeFileSync(path.join(notes, 'wrong.md'), '---\nheadline: 42\n---\n');
  const c = byline('check', path.join(notes, 'wrong.md'));
  ok(c.status === 0, 'before astro sync: no other site\'s rules are applied', c.stdout, c.stderr);
  fs.unlinkSync(path.join(notes, 'wrong.md'));
}

// --- astro sync on the valid site writes the schemas -----------------------

{
  const why = await astroVerdict();

  ok(why === null, 'astro sync accepts the site as committed', why);
  if (why !== null) {
    finish();
    process.exit(1);
  }
}

{
  const r = byline('schema', path.join(notes, 'first.md'));
  const s = r.status === 0 ? JSON.parse(r.stdout) : { fields: [] };
  const f = Object.fromEntries(s.fields.map((x) => [x.name, x]));
  const expect = {
    headline: (x) => x.type === 'string' && x.required && x.maxLength === 80,
    summary: (x) => x.type === 'text' && !x.required && x.description === 'One line for lists',
    published: (x) => x.type === 'date-time' && x.required && x.coerce === true,
    updated: (x) => x.type === 'date-time' && x.nullable && !x.coerce,
    status: (x) => x.type === 'enum' && x.default === 'draft' && x.enum.join() === 'draft,review,live',
    rating: (x) => x.type === 'number' && x.minimum === 0 && x.maximum === 5,
    readingMinutes: (x) => x.type === 'integer' && x.exclusiveMinimum === 0,
    pinned: (x) => x.type === 'boolean' && x.default === false,
    topics: (x) => x.type === 'string-list' && x.enum.length === 4 && Array.isArray(x.default),
    keywords: (x) => x.type === 'string-list' && !x.enum && x.maxItems === 3,
    cover: (x) => x.type === 'image',
    author: (x) => x.type === 'reference' && x.collection === 'authors' && x.required,
    related: (x) => x.type === 'list' && x.items.type === 'reference' && x.items.collection === 'notes',
    seo: (x) => x.type === 'object' && x.fields.map((y) => y.name).join() === 'title,noindex' &&
                x.fields[0].maxLength === 60,
    link: (x) => x.type === 'url',
    byline: (x) => x.type === 'union' && x.alternatives.map((y) => y.type).join() === 'string,string-list',
    score: (x) => x.type === 'union' && x.alternatives.map((y) => y.type).join() === 'number,enum',
    stamp: (x) => x.type === 'string' && x.format === 'date-time',
    code: (x) => x.type === 'string' && typeof x.pattern === 'string',
  };

  ok(s.state === 'current' && s.collection === 'notes' &&
     s.source === path.join(site, '.astro', 'collections', 'notes.schema.json'),
     'byline schema reads .astro/collections/notes.schema.json', r.stdout, r.stderr);
  ok(s.fields.map((x) => x.name).join() === Object.keys(expect).join(),
     'byline schema keeps the keys in the order the config declares them',
     s.fields.map((x) => x.name).join());
  for (const [name, test] of Object.entries(expect))
    ok(f[name] !== undefined && test(f[name]), `byline schema: ${name}`, JSON.stringify(f[name]));

  const a = byline('schema', path.join(authors, 'grace.markdown'));
  const as = a.status === 0 ? JSON.parse(a.stdout) : {};
  ok(as.collection === 'authors' && as.fields.map((x) => x.name).join() === 'name,role,email',
     'the second collection: src/content/authors, named by the export, .markdown taken', a.stdout, a.stderr);
}

// --- post by post: Astro's verdict and byline's ----------------------------

const NOTE = 'headline: A note\npublished: 2024-01-02\nauthor: ada\n';
const long = (n, c = 'x') => c.repeat(n);

// [description, frontmatter] for a post of notes; the head above unless the
// variant starts with '!' (then the text is the whole frontmatter).
const noteVariants = [
  ['the head alone', ''],
  ['headline missing', '!published: 2024-01-02\nauthor: ada\n'],
  ['headline a number', '!headline: 42\npublished: 2024-01-02\nauthor: ada\n'],
  ['headline 80 characters', `!headline: ${long(80)}\npublished: 2024-01-02\nauthor: ada\n`],
  ['headline 81 characters', `!headline: ${long(81)}\npublished: 2024-01-02\nauthor: ada\n`],
  ['headline 40 emoji (80 UTF-16 units)', `!headline: ${long(40, '😀')}\npublished: 2024-01-02\nauthor: ada\n`],
  ['headline 41 emoji (82 UTF-16 units)', `!headline: ${long(41, '😀')}\npublished: 2024-01-02\nauthor: ada\n`],
  ['published quoted (coerce)', '!headline: H\npublished: "2024-01-02"\nauthor: ada\n'],
  ['published in words', '!headline: H\npublished: next tuesday\nauthor: ada\n'],
  ['published Jan 2, 2024', '!headline: H\npublished: Jan 2, 2024\nauthor: ada\n'],
  ['published 2024/01/02', '!headline: H\npublished: 2024/01/02\nauthor: ada\n'],
  ['published 31/12/2024', '!headline: H\npublished: 31/12/2024\nauthor: ada\n'],
  ['published a number', '!headline: H\npublished: 1704164645000\nauthor: ada\n'],
  ['published a mapping', '!headline: H\npublished: {a: 1}\nauthor: ada\n'],
  ['published 2024-13-01', '!headline: H\npublished: "2024-13-01"\nauthor: ada\n'],
  ['published missing', '!headline: H\nauthor: ada\n'],
  ['published empty (new Date(null))', '!headline: H\npublished:\nauthor: ada\n'],
  ['published true', '!headline: H\npublished: true\nauthor: ada\n'],
  ['published [2024]', '!headline: H\npublished: [2024]\nauthor: ada\n'],
  ['published 2024-01-02 10:00 +0800 quoted', '!headline: H\npublished: "2024-01-02 10:00 +0800"\nauthor: ada\n'],
  ['published version 2', '!headline: H\npublished: version 2\nauthor: ada\n'],
  ['updated quoted (z.date)', 'updated: "2024-01-03"\n'],
  ['updated a date', 'updated: 2024-01-03\n'],
  ['updated empty (nullable)', 'updated:\n'],
  ['status live', 'status: live\n'],
  ['status Live', 'status: Live\n'],
  ['status empty', 'status:\n'],
  ['rating 5', 'rating: 5\n'],
  ['rating 4.5', 'rating: 4.5\n'],
  ['rating 5.5', 'rating: 5.5\n'],
  ['rating -1', 'rating: -1\n'],
  ['rating quoted', 'rating: "3"\n'],
  ['rating .nan', 'rating: .nan\n'],
  ['readingMinutes 0', 'readingMinutes: 0\n'],
  ['readingMinutes 3', 'readingMinutes: 3\n'],
  ['readingMinutes 2.5', 'readingMinutes: 2.5\n'],
  ['readingMinutes 3.0', 'readingMinutes: 3.0\n'],
  ['pinned yes', 'pinned: yes\n'],
  ['pinned true', 'pinned: true\n'],
  ['topics [c, gtk]', 'topics: [c, gtk]\n'],
  ['topics [c, rust]', 'topics: [c, rust]\n'],
  ['topics one value', 'topics: c\n'],
  ['topics []', 'topics: []\n'],
  ['keywords [a, 1]', 'keywords: [a, 1]\n'],
  ['keywords [a, b]', 'keywords: [a, b]\n'],
  ['keywords [a, b, c, d]', 'keywords: [a, b, c, d]\n'],
  ['cover a path', 'cover: ./missing.png\n'],
  ['cover a number', 'cover: 42\n'],
  ['author a mapping', '!headline: H\npublished: 2024-01-02\nauthor: {id: ada, collection: authors}\n'],
  ['author a number', '!headline: H\npublished: 2024-01-02\nauthor: 42\n'],
  ['author a list', '!headline: H\npublished: 2024-01-02\nauthor: [ada]\n'],
  ['related [first]', 'related: [first]\n'],
  ['related one id', 'related: first\n'],
  ['seo title', 'seo:\n  title: Short\n'],
  ['seo title 61 characters', `seo:\n  title: ${long(61)}\n`],
  ['seo noindex maybe', 'seo:\n  noindex: maybe\n'],
  ['seo text', 'seo: x\n'],
  ['seo unknown key (stripped)', 'seo:\n  extra: 1\n'],
  ['link https', 'link: https://example.org/a b\n'],
  ['link not a URL', 'link: not a url\n'],
  ['link mailto', 'link: mailto:a@example.org\n'],
  ['byline text', 'byline: Ann\n'],
  ['byline a list', 'byline: [Ann, Bo]\n'],
  ['byline a number', 'byline: 3\n'],
  ['byline a list with a number', 'byline: [Ann, 3]\n'],
  ['score 3', 'score: 3\n'],
  ['score n/a', 'score: n/a\n'],
  ['score na', 'score: na\n'],
  ['stamp quoted ISO', 'stamp: "2024-01-02T03:04:05Z"\n'],
  ['stamp a YAML timestamp', 'stamp: 2024-01-02T03:04:05Z\n'],
  ['stamp a day', 'stamp: "2024-01-02"\n'],
  ['code ABC-12', 'code: ABC-12\n'],
  ['code abc-12', 'code: abc-12\n'],
  ['an unknown key', 'whatever: {any: [thing]}\n'],
  ['YAML that does not parse', 'topics: [c\n'],
];

const authorVariants = [
  ['name only', '!name: Ann\n'],
  ['name missing', '!role: guest\n'],
  ['role guest', '!name: Ann\nrole: guest\n'],
  ['role boss', '!name: Ann\nrole: boss\n'],
  ['email ok', '!name: Ann\nemail: ann@example.org\n'],
  ['email not one', '!name: Ann\nemail: ann-at-example\n'],
  ['name 41 characters', `!name: ${long(41)}\n`],
];

async function compare(dir, collection, variants, head) {
  for (const [what, text] of variants) {
    const file = path.join(dir, 'variant.md');
    const fm = text.startsWith('!') ? text.slice(1) : head + text;

    fs.writeFileSync(file, `---\n${fm}---\nBody.\n`);
    const why = await astroVerdict();
    const r = byline('check', file);
    const expected = why === null ? 0 : 1;

    ok(r.status === expected,
       `${collection}: ${what} (astro ${why === null ? 'accepts' : 'rejects'})`,
       `astro: ${why === null ? 'accepts' : why}`,
       `byline check exit ${r.status}: ${r.stdout}${r.stderr}`);
    fs.unlinkSync(file);
  }
}

await compare(notes, 'notes', noteVariants, NOTE);
await compare(authors, 'authors', authorVariants, '');

// --- a folder: the files the globs take, and only those --------------------

{
  const r = byline('check', path.join(site, 'src'));
  ok(r.status === 0 && !r.stdout.includes('_skipped'),
     'check src/: the site is clean, and _skipped.md (left out by the glob) is not read',
     r.stdout, r.stderr);
}

// --- a config newer than the schemas: stale -------------------------------

{
  const config = path.join(site, 'src', 'content.config.ts');
  const later = new Date(Date.now() + 60000);

  fs.utimesSync(config, later, later);
  const r = byline('schema', path.join(notes, 'first.md'));
  const s = r.status === 0 ? JSON.parse(r.stdout) : {};
  ok(s.state === 'stale' && s.fields.length > 0,
     'a content config newer than the schemas: the site says they are stale', r.stdout, r.stderr);
}

finish();
