#!/usr/bin/env node
// hugo-site.mjs: `byline check` errs exactly where Hugo's build fails
//
// Builds a Hugo site from the corpus's Hugo posts (a minimal hugo.toml,
// bare layouts, an empty template for every shortcode they use) with the
// `hugo` on PATH, and checks that `byline check` finds no error in them; then,
// post by post, variants of a post's front matter: Hugo reads front matter
// leniently (a date it cannot read, a string where it wants a list), so
// byline check may warn but must not err where Hugo builds, and must err
// where Hugo fails (YAML that does not parse).
//
//   node hugo-site.mjs WORK_DIR
//
// BYLINE_EXE and BYLINE_CORPUS_DIR come from the environment. Output is TAP;
// a skip when hugo is not installed.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { bail, finish, ok } from './tap.mjs';

const [workArg] = process.argv.slice(2);
const work = workArg && path.resolve(workArg);
const exe = process.env.BYLINE_EXE;
const corpus = process.env.BYLINE_CORPUS_DIR;

if (!work || !exe || !corpus)
  bail('usage: hugo-site.mjs WORK_DIR, with BYLINE_EXE and BYLINE_CORPUS_DIR set');
if (!fs.existsSync(corpus))
  bail(`no corpus at ${corpus}`);

const version = spawnSync('hugo', ['version'], { encoding: 'utf8' });
if (version.status !== 0)
  bail('hugo is not installed');

const site = path.join(work, 'site');
const content = path.join(site, 'content', 'posts');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(content, { recursive: true });
fs.mkdirSync(path.join(site, 'layouts', '_default'), { recursive: true });
fs.mkdirSync(path.join(site, 'layouts', 'shortcodes'), { recursive: true });

fs.writeFileSync(path.join(site, 'hugo.toml'),
                 'baseURL = "https://example.org/"\ntitle = "byline oracle"\n' +
                 'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n');
fs.writeFileSync(path.join(site, 'layouts', '_default', 'single.html'), '{{ .Title }} {{ .Content }}\n');
fs.writeFileSync(path.join(site, 'layouts', '_default', 'list.html'),
                 '{{ range .Pages }}{{ .Title }}{{ end }}\n');

// The corpus's Hugo posts, and the shortcodes they call.
const posts = [];
for (const dir of ['adityatelange__hugo-PaperMod', 'gohugoio__hugoDocs']) {
  for (const name of fs.readdirSync(path.join(corpus, dir)).sort()) {
    if (!/\.(md|markdown)$/.test(name))
      continue;
    const text = fs.readFileSync(path.join(corpus, dir, name), 'utf8');
    // index.md is a page bundle of its own.
    const rel = name === 'index.md' ? path.join(dir, 'index.md') : `${dir}-${name}`;
    fs.mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
    fs.writeFileSync(path.join(content, rel), text);
    posts.push(text);
  }
}

const shortcodes = new Map();
for (const text of posts) {
  for (const m of text.matchAll(/\{\{[<%]\s*(\/?)\s*([\w/-]+)/g)) {
    const name = m[2];
    shortcodes.set(name, shortcodes.get(name) || m[1] === '/');
  }
}
for (const [name, paired] of shortcodes) {
  const file = path.join(site, 'layouts', 'shortcodes', `${name}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, paired ? '{{ .Inner }}\n' : '\n');
}

function hugo() {
  const r = spawnSync('hugo', ['--quiet', '-s', site, '-d', path.join(work, 'public')],
                      { encoding: 'utf8', timeout: 120000 });
  return r.status === 0 ? null : (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n')[0];
}

function byline(...args) {
  return spawnSync(exe, args, { encoding: 'utf8', timeout: 60000 });
}

{
  const why = hugo();
  const r = byline('check', path.join(site, 'content'));

  ok(why === null, `${version.stdout.trim().split(' ').slice(0, 2).join(' ')} builds the corpus's Hugo posts`, why);
  ok(r.status === 0, `byline check finds no error in them (${posts.length} posts)`,
     `exit ${r.status}`, r.stdout, r.stderr);
  const s = byline('schema', path.join(content, 'x.md'));
  ok(s.status === 0 && JSON.parse(s.stdout).source === 'built-in:hugo',
     'byline schema: Hugo\'s built-in schema', s.stdout, s.stderr);
}

const HEAD = 'title: A post\n';
const variants = [
  'date: 2024-01-02', 'date: "2024-01-02"', 'date: "not a date"', 'date: 2024-13-45',
  'lastmod: [1]', 'publishDate: 12', 'expiryDate: nope', 'draft: "yes"', 'draft: yes',
  'draft: 1', 'weight: abc', 'weight: 3', 'tags: foo', 'tags: [a, b]', 'tags: {a: b}',
  'title: [a]', 'title: twice (a duplicate key)', 'aliases: /x', 'slug: [a]', 'params: 3', 'keywords: 3', 'url: 3',
  'summary: |\n  two\n  lines', 'unknown: {any: [thing]}', 'tags: [a',
];

for (const v of variants) {
  const file = path.join(content, 'variant.md');

  // A title variant stands alone, but for the one about a duplicate key.
  const head = v.startsWith('title:') && !v.includes('duplicate') ? '' : HEAD;

  fs.writeFileSync(file, `---\n${head}${v}\n---\nBody.\n`);
  const why = hugo();
  const r = byline('check', file);
  const expected = why === null ? 0 : 1;

  ok(r.status === expected,
     `${JSON.stringify(v)} (hugo ${why === null ? 'builds' : 'fails'})`,
     `hugo: ${why === null ? 'builds' : why}`,
     `byline check exit ${r.status}: ${r.stdout}${r.stderr}`);
  fs.unlinkSync(file);
}

finish();
