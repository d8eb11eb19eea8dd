#!/usr/bin/env node
// jekyll-list.mjs: `byline list` agrees with Jekyll's site.posts, and
// `byline new` writes posts Jekyll takes
//
// Jekyll has no `list` command, so a page of the site prints site.posts
// (built with --drafts --future --unpublished): each post's path, date and
// draft flag. (A post whose front matter Jekyll cannot read is dated at build
// time by Jekyll; byline keeps its file name's date and marks it invalid, so
// its date is not compared.) On the hand-written Jekyll site in tests/data/sites/jekyll and
// the corpus's Jekyll posts, `byline list --json` must list the same posts
// with the same dates (drafts aside: Jekyll dates a draft by its file's
// mtime) and the same drafts. A file in _posts/ not named YYYY-MM-DD-title
// is one Jekyll skips: byline lists it with that warning, so the comparison
// leaves such files out and checks the warning. Then `byline new`, with and
// without --draft: Jekyll takes the post, where byline says, with its date.
// Last `byline publish` and `unpublish`: Jekyll's site.posts follows the
// moved file, dated by the post's `date` or by today.
//
//   node jekyll-list.mjs WORK_DIR
//
// BYLINE_EXE, BYLINE_SOURCE_DIR and BYLINE_CORPUS_DIR come from the
// environment. Output is TAP; a skip when jekyll is not installed.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { bail, finish, ok } from './tap.mjs';

const [workArg] = process.argv.slice(2);
const work = workArg && path.resolve(workArg);
const exe = process.env.BYLINE_EXE;
const source = process.env.BYLINE_SOURCE_DIR;
const corpus = process.env.BYLINE_CORPUS_DIR;

if (!work || !exe || !source)
  bail('usage: jekyll-list.mjs WORK_DIR, with BYLINE_EXE and BYLINE_SOURCE_DIR set');

const version = spawnSync('jekyll', ['--version'], { encoding: 'utf8' });
if (version.status !== 0)
  bail('jekyll is not installed');

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

const LISTING = '---\nlayout: null\npermalink: /posts.tsv\n---\n' +
  '{% for p in site.posts %}{{ p.path }}\t{{ p.date | date_to_xmlschema }}\t{{ p.draft }}\n{% endfor %}';

function prepare(site) {
  fs.mkdirSync(path.join(site, '_layouts'), { recursive: true });
  for (const layout of ['default', 'post', 'news_item', 'page'])
    fs.writeFileSync(path.join(site, '_layouts', `${layout}.html`), '{{ page.title }} {{ content }}\n');
  fs.writeFileSync(path.join(site, 'posts.liquid.html'), LISTING);
}

function jekyllPosts(site) {
  const out = path.join(site, '..', `${path.basename(site)}-public`);
  const r = spawnSync('jekyll', ['build', '--quiet', '--drafts', '--future', '--unpublished',
                                 '-s', site, '-d', out],
                      { encoding: 'utf8', timeout: 120000, env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0)
    return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim() };
  const text = fs.readFileSync(path.join(out, 'posts.tsv'), 'utf8');
  return {
    rows: text.split('\n').filter((l) => l.trim().length > 0).map((l) => {
      const [p, date, draft] = l.split('\t');
      return { path: p.trim(), date, draft: draft.trim() === 'true' };
    }),
  };
}

function bylineList(site) {
  const r = spawnSync(exe, ['list', '--json', site], { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0)
    return { error: `exit ${r.status}: ${r.stderr}` };
  return { rows: JSON.parse(r.stdout) };
}

const skipped = (row) => row.problems.some((p) => /YYYY-MM-DD/.test(p.message));

function compareSite(site, label) {
  const theirs = jekyllPosts(site);
  const mine = bylineList(site);
  if (theirs.error || mine.error) {
    ok(false, `${label}: jekyll build and byline list run`, theirs.error, mine.error);
    return;
  }
  const listed = mine.rows.filter((r) => !skipped(r));
  const theirPaths = theirs.rows.map((r) => r.path).sort();
  const myPaths = listed.map((r) => r.path).sort();
  ok(theirPaths.length > 0 && JSON.stringify(theirPaths) === JSON.stringify(myPaths),
     `${label}: byline list lists Jekyll's ${theirPaths.length} posts`,
     `jekyll: ${theirPaths.join(' ')}`, `byline: ${myPaths.join(' ')}`);

  const byPath = new Map(listed.map((r) => [r.path, r]));
  const dateDiffs = [];
  const draftDiffs = [];
  for (const t of theirs.rows) {
    const b = byPath.get(t.path);
    if (!b)
      continue;
    if (t.draft !== b.draft)
      draftDiffs.push(`${t.path}: jekyll ${t.draft}, byline ${b.draft}`);
    // Front matter Jekyll cannot read leaves the post dated at build time;
    // byline keeps its file name's date and marks it invalid.
    if (!t.draft && !b.invalid && new Date(t.date).getTime() !== new Date(b.published).getTime())
      dateDiffs.push(`${t.path}: jekyll ${t.date}, byline ${b.published}`);
  }
  ok(draftDiffs.length === 0, `${label}: the same drafts as Jekyll's`, ...draftDiffs);
  ok(dateDiffs.length === 0, `${label}: the same dates as Jekyll's`, ...dateDiffs);

  const mySkipped = mine.rows.filter(skipped).map((r) => r.path);
  ok(mySkipped.every((p) => !theirPaths.includes(p)),
     `${label}: what byline says Jekyll skips, Jekyll skips (${mySkipped.length})`, mySkipped.join(' '));
}

// 1. The hand-written site.
const hand = path.join(work, 'hand');
fs.cpSync(path.join(source, 'tests', 'data', 'sites', 'jekyll'), hand, { recursive: true });
prepare(hand);
compareSite(hand, 'tests/data/sites/jekyll');

// 2. The corpus's Jekyll posts.
if (corpus && fs.existsSync(corpus)) {
  const site = path.join(work, 'corpus');
  fs.mkdirSync(path.join(site, '_posts'), { recursive: true });
  fs.writeFileSync(path.join(site, '_config.yml'), 'title: byline list oracle\n');
  prepare(site);
  let n = 0;
  for (const dir of ['jekyll__jekyll', 'jekyll__minima']) {
    if (!fs.existsSync(path.join(corpus, dir)))
      continue;
    for (const name of fs.readdirSync(path.join(corpus, dir)).sort()) {
      if (!/^\d{4}-.*\.(md|markdown)$/.test(name))
        continue;
      fs.copyFileSync(path.join(corpus, dir, name), path.join(site, '_posts', name));
      n++;
    }
  }
  compareSite(site, `the corpus's ${n} Jekyll posts`);
} else {
  ok(true, '# SKIP no corpus for the second site');
}

// 3. New posts: where byline puts them, Jekyll takes them.
for (const draft of [false, true]) {
  const r = spawnSync(exe, ['new', hand, '--title', `A new ${draft ? 'draft' : 'post'}`,
                            ...(draft ? ['--draft'] : [])], { encoding: 'utf8' });
  const made = r.status === 0 ? path.relative(hand, r.stdout.trim()) : null;
  // Jekyll 4.3.1's first build after a post dated in the current second
  // gives that post its file name's date (midnight), one run in two; the
  // next builds give the date written. Let the second pass.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
  const theirs = jekyllPosts(hand);
  const row = made && (theirs.rows || []).find((t) => t.path === made);
  const expected = draft ? /^_drafts\/a-new-draft\.md$/ : /^_posts\/\d{4}-\d{2}-\d{2}-a-new-post\.md$/;
  ok(made && expected.test(made), `new${draft ? ' --draft' : ''}: ${made}`, r.stderr);
  ok(row && row.draft === draft, `new${draft ? ' --draft' : ''}: Jekyll takes it${draft ? ' as a draft' : ''}`,
     theirs.error, JSON.stringify(theirs.rows));
  if (!draft) {
    const mine = bylineList(hand).rows.find((b) => b.path === made);
    ok(row && mine && new Date(row.date).getTime() === new Date(mine.published).getTime(),
       'new: Jekyll reads the date byline wrote', row && row.date, mine && mine.published);
  }
}

// 4. Publish and unpublish: the file moves as `jekyll publish` and
// `jekyll unpublish` move it, and Jekyll's site.posts follows.
{
  const drafts = path.join(hand, '_drafts');
  fs.mkdirSync(drafts, { recursive: true });
  fs.writeFileSync(path.join(drafts, 'dated-draft.md'),
                   '---\ntitle: Dated draft\ndate: 2023-04-05 10:20:00 +0000\n---\nBody.\n');
  fs.writeFileSync(path.join(drafts, 'undated-draft.md'), '---\ntitle: Undated draft\n---\nBody.\n');
  const text = fs.readFileSync(path.join(drafts, 'dated-draft.md'), 'utf8');
  const run = (...args) => spawnSync(exe, args, { encoding: 'utf8' });
  const find = (rows, p) => (rows || []).find((t) => t.path === p);

  const dated = run('publish', path.join(drafts, 'dated-draft.md'));
  const datedPath = dated.status === 0 ? path.relative(hand, dated.stdout.trim()) : null;
  ok(datedPath === '_posts/2023-04-05-dated-draft.md', `publish names the file by the post's date: ${datedPath}`,
     dated.stderr);
  ok(!fs.existsSync(path.join(drafts, 'dated-draft.md')) && datedPath &&
     fs.readFileSync(path.join(hand, datedPath), 'utf8') === text,
     'publish moves the file and keeps its text byte for byte');

  const undated = run('publish', path.join(drafts, 'undated-draft.md'));
  const undatedPath = undated.status === 0 ? path.relative(hand, undated.stdout.trim()) : null;
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-` +
                `${String(now.getDate()).padStart(2, '0')}`;
  ok(undatedPath === `_posts/${today}-undated-draft.md`, `publish names an undated post by today: ${undatedPath}`,
     undated.stderr);

  let theirs = jekyllPosts(hand);
  const datedRow = find(theirs.rows, datedPath);
  ok(datedRow && !datedRow.draft && new Date(datedRow.date).getTime() === Date.parse('2023-04-05T10:20:00Z'),
     'Jekyll publishes the moved post, with its date', theirs.error, datedRow && JSON.stringify(datedRow));
  const undatedRow = find(theirs.rows, undatedPath);
  ok(undatedRow && !undatedRow.draft && undatedRow.date.startsWith(today),
     'Jekyll publishes the undated post, dated by its new name', undatedRow && JSON.stringify(undatedRow));

  // A name that is taken is never replaced.
  fs.writeFileSync(path.join(drafts, 'dated-draft.md'), text);
  const clash = run('publish', path.join(drafts, 'dated-draft.md'));
  ok(clash.status === 2 && fs.existsSync(path.join(drafts, 'dated-draft.md')) &&
     fs.readFileSync(path.join(hand, datedPath), 'utf8') === text,
     'publish refuses to replace an existing post', clash.stderr);
  fs.rmSync(path.join(drafts, 'dated-draft.md'));
  const again = run('publish', path.join(hand, datedPath));
  ok(again.status === 2, 'publish refuses a post that is published already', again.stderr);

  const back = run('unpublish', path.join(hand, datedPath));
  const backPath = back.status === 0 ? path.relative(hand, back.stdout.trim()) : null;
  ok(backPath === '_drafts/dated-draft.md', `unpublish moves it back: ${backPath}`, back.stderr);
  theirs = jekyllPosts(hand);
  const backRow = find(theirs.rows, backPath);
  ok(backRow && backRow.draft && !find(theirs.rows, datedPath),
     'Jekyll takes the unpublished post as a draft again', theirs.error, JSON.stringify(theirs.rows));
  const listed = bylineList(hand).rows || [];
  const mine = listed.find((b) => b.path === backPath);
  ok(mine && mine.draft, 'byline list agrees: a draft');
}

finish();
