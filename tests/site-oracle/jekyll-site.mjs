#!/usr/bin/env node
// jekyll-site.mjs: `byline check` errs exactly where Jekyll's build fails
//
// Builds a Jekyll site from the corpus's Jekyll posts (a minimal
// _config.yml and layouts) with the `jekyll` on PATH (Debian's jekyll
// package), and checks that `byline check` finds no error in them; then,
// post by post, variants of a post's front matter: byline check must exit 1
// exactly where `jekyll build` fails (a date Ruby cannot read, YAML that
// does not parse), and 0 where it builds.
//
//   node jekyll-site.mjs WORK_DIR
//
// BYLINE_EXE and BYLINE_CORPUS_DIR come from the environment. Output is TAP;
// a skip when jekyll is not installed.
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
  bail('usage: jekyll-site.mjs WORK_DIR, with BYLINE_EXE and BYLINE_CORPUS_DIR set');
if (!fs.existsSync(corpus))
  bail(`no corpus at ${corpus}`);

const version = spawnSync('jekyll', ['--version'], { encoding: 'utf8' });
if (version.status !== 0)
  bail('jekyll is not installed');

const site = path.join(work, 'site');
const posts = path.join(site, '_posts');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(posts, { recursive: true });
fs.mkdirSync(path.join(site, '_layouts'), { recursive: true });

fs.writeFileSync(path.join(site, '_config.yml'), 'title: byline oracle\nfuture: true\n');
for (const layout of ['default', 'post', 'news_item'])
  fs.writeFileSync(path.join(site, '_layouts', `${layout}.html`), '{{ page.title }} {{ content }}\n');

let n_posts = 0;
for (const dir of ['jekyll__jekyll', 'jekyll__minima']) {
  for (const name of fs.readdirSync(path.join(corpus, dir)).sort()) {
    if (!/\.(md|markdown)$/.test(name))
      continue;
    // A post not named by its date is a page.
    const to = /^\d{4}-/.test(name) ? path.join(posts, name) : path.join(site, name);
    fs.copyFileSync(path.join(corpus, dir, name), to);
    n_posts++;
  }
}

function jekyll() {
  const r = spawnSync('jekyll', ['build', '--quiet', '-s', site, '-d', path.join(work, 'public')],
                      { encoding: 'utf8', timeout: 120000, cwd: work });
  if (r.status === 0)
    return null;
  return (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').filter((l) => /rror/.test(l))[0] ||
         `exit ${r.status}`;
}

function byline(...args) {
  return spawnSync(exe, args, { encoding: 'utf8', timeout: 60000 });
}

{
  const why = jekyll();
  const r = byline('check', site);

  ok(why === null, `jekyll ${version.stdout.trim().split(' ').pop()} builds the corpus's Jekyll posts`, why);
  ok(r.status === 0, `byline check finds no error in them (${n_posts} posts)`,
     `exit ${r.status}`, r.stdout, r.stderr);
}

const HEAD = 'layout: post\ntitle: A post\n';
const variants = [
  'date: 2024-01-02', 'date: 2024-01-02 10:00:00 +0800', 'date: "2024-01-02 10:00:00 -0500"',
  'date: not a date', 'date: someday', 'date: next tuesday', 'date: "Jan 5"', 'date: 2024-13-45',
  'date: 2024-02-30', 'date: "2024-02-30"', 'date: 2024/01/02', 'date: "31/12/2024"', 'date: "12/31/2024"',
  'date: 2024-01-02T25:00:00Z',
  'published: false', 'published: no', 'published: "no"', 'tags: foo', 'tags: [a, b]',
  'categories: news releases', 'categories: [a, b]', 'permalink: /x/', 'layout: [x]',
  'title: twice (a duplicate key)', 'unknown: {any: [thing]}', 'tags: [a',
];

for (const v of variants) {
  const file = path.join(posts, '2024-01-02-variant.md');
  const head = v.startsWith('layout:') ? 'title: A post\n' : HEAD;

  fs.writeFileSync(file, `---\n${head}${v}\n---\nBody.\n`);
  const why = jekyll();
  const r = byline('check', file);
  const expected = why === null ? 0 : 1;

  ok(r.status === expected,
     `${JSON.stringify(v)} (jekyll ${why === null ? 'builds' : 'fails'})`,
     `jekyll: ${why === null ? 'builds' : why}`,
     `byline check exit ${r.status}: ${r.stdout}${r.stderr}`);
  fs.unlinkSync(file);
}

finish();
