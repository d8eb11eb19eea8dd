#!/usr/bin/env node
// hugo-list.mjs: `byline list` agrees with `hugo list`, and `byline new`
// writes posts Hugo takes
//
// On the hand-written Hugo site in tests/data/sites/hugo (YAML and TOML front
// matter, a page bundle with a resource, sections' _index.md, a future
// publishDate, an undated page) and on a site made of the corpus's Hugo posts,
// `byline list --json` must list the pages `hugo list all` lists, with the same
// dates and draft flags, `--drafts` what `hugo list drafts` lists, and
// `--scheduled` what `hugo list future` lists but drafts. Then `byline new`:
// its post is in `hugo list all` (a single file, a bundle where the section
// uses bundles), its title and draft flag are Hugo's reading of it, `byline
// check` accepts it, and from the same archetype it writes what `hugo new`
// writes, but for the date.
//
//   node hugo-list.mjs WORK_DIR
//
// BYLINE_EXE, BYLINE_SOURCE_DIR and BYLINE_CORPUS_DIR come from the
// environment. Output is TAP; a skip when hugo is not installed.
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
  bail('usage: hugo-list.mjs WORK_DIR, with BYLINE_EXE and BYLINE_SOURCE_DIR set');

const version = spawnSync('hugo', ['version'], { encoding: 'utf8' });
if (version.status !== 0)
  bail('hugo is not installed');

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

function run(cmd, args, cwd) {
  return spawnSync(cmd, args, { encoding: 'utf8', timeout: 120000, cwd });
}

function byline(...args) {
  return run(exe, args);
}

// hugo list's CSV: path,slug,title,date,expiryDate,publishDate,draft,permalink
function parseCsvLine(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; }
    else field += c;
  }
  out.push(field);
  return out;
}

function hugoList(site, what) {
  const r = run('hugo', ['list', what, '-s', site]);
  if (r.status !== 0)
    return { error: r.stderr || r.stdout };
  const lines = r.stdout.split('\n').filter((l) => l.length > 0);
  if (what !== 'all')   // drafts: path; future: path,publishDate (no header in 0.111)
    return { rows: lines.filter((l) => !l.startsWith('path')).map((l) => ({ path: parseCsvLine(l)[0] })) };
  const header = parseCsvLine(lines[0]);
  return {
    rows: lines.slice(1).map((l) => {
      const f = parseCsvLine(l);
      return Object.fromEntries(header.map((h, i) => [h, f[i]]));
    }),
  };
}

function instant(text) {
  if (!text || text.startsWith('0001-01-01'))
    return null;
  return new Date(text).getTime();
}

function bylineList(site, ...options) {
  const r = byline('list', '--json', ...options, site);
  if (r.status !== 0)
    return { error: `exit ${r.status}: ${r.stderr}` };
  return { rows: JSON.parse(r.stdout) };
}

function sameSet(a, b) {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]) && a.length === b.length;
}

function compareSite(site, label) {
  const all = hugoList(site, 'all');
  const mine = bylineList(site);

  if (all.error || mine.error) {
    ok(false, `${label}: hugo list all and byline list run`, all.error, mine.error);
    return;
  }
  ok(all.rows.length > 0, `${label}: hugo lists ${all.rows.length} pages`);
  ok(sameSet(all.rows.map((r) => r.path), mine.rows.map((r) => r.path)),
     `${label}: byline list lists the pages hugo list all lists`,
     `hugo:   ${all.rows.map((r) => r.path).sort().join(' ')}`,
     `byline: ${mine.rows.map((r) => r.path).sort().join(' ')}`);

  const byPath = new Map(mine.rows.map((r) => [r.path, r]));
  const dateDiffs = [];
  const draftDiffs = [];
  for (const h of all.rows) {
    const b = byPath.get(h.path);
    if (!b)
      continue;
    if (instant(h.date) !== instant(b.published))
      dateDiffs.push(`${h.path}: hugo ${h.date}, byline ${b.published}`);
    if ((h.draft === 'true') !== b.draft)
      draftDiffs.push(`${h.path}: hugo ${h.draft}, byline ${b.draft}`);
  }
  ok(dateDiffs.length === 0, `${label}: the same dates as Hugo's`, ...dateDiffs);
  ok(draftDiffs.length === 0, `${label}: the same drafts as Hugo's`, ...draftDiffs);

  // hugo list drafts builds drafts but not expired pages: an expired draft is
  // a draft all the same for byline, which says it expired.
  const drafts = hugoList(site, 'drafts');
  const myDrafts = bylineList(site, '--drafts');
  const expired = new Set(mine.rows.filter((r) => r.expired).map((r) => r.path));
  const expiredDiffs = all.rows.filter((h) => instant(h.expiryDate) !== null &&
                                              (instant(h.expiryDate) <= Date.now()) !== expired.has(h.path));
  ok(expiredDiffs.length === 0, `${label}: the same expired pages as Hugo's expiryDate says`,
     ...expiredDiffs.map((h) => `${h.path}: ${h.expiryDate}`));
  ok(!drafts.error && !myDrafts.error &&
     sameSet(drafts.rows.map((r) => r.path),
             myDrafts.rows.filter((r) => !r.expired).map((r) => r.path)),
     `${label}: byline list --drafts is hugo list drafts (expired drafts aside)`,
     drafts.error, myDrafts.error,
     `hugo: ${drafts.rows?.map((r) => r.path).join(' ')}`,
     `byline: ${myDrafts.rows?.map((r) => r.path).join(' ')}`);

  const future = hugoList(site, 'future');
  const myFuture = bylineList(site, '--scheduled');
  const draftSet = new Set((drafts.rows || []).map((r) => r.path));
  const futureNotDraft = (future.rows || []).map((r) => r.path).filter((p) => !draftSet.has(p));
  ok(!future.error && !myFuture.error &&
     sameSet(futureNotDraft, myFuture.rows.map((r) => r.path)),
     `${label}: byline list --scheduled is hugo list future, drafts aside`,
     future.error, myFuture.error,
     `hugo: ${futureNotDraft.join(' ')}`,
     `byline: ${myFuture.rows?.map((r) => r.path).join(' ')}`);
}

// 1. The hand-written site.
const handSite = path.join(work, 'hand');
fs.cpSync(path.join(source, 'tests', 'data', 'sites', 'hugo'), handSite, { recursive: true });
compareSite(handSite, 'tests/data/sites/hugo');

// 2. A site of the corpus's Hugo posts, as hugo-site.mjs builds it.
if (corpus && fs.existsSync(corpus)) {
  const site = path.join(work, 'corpus');
  const content = path.join(site, 'content', 'posts');
  fs.mkdirSync(content, { recursive: true });
  fs.mkdirSync(path.join(site, 'layouts', 'shortcodes'), { recursive: true });
  fs.writeFileSync(path.join(site, 'hugo.toml'),
                   'baseURL = "https://example.org/"\ntitle = "byline list oracle"\n' +
                   'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n');
  const texts = [];
  for (const dir of ['adityatelange__hugo-PaperMod', 'gohugoio__hugoDocs']) {
    if (!fs.existsSync(path.join(corpus, dir)))
      continue;
    for (const name of fs.readdirSync(path.join(corpus, dir)).sort()) {
      if (!/\.(md|markdown)$/.test(name))
        continue;
      const text = fs.readFileSync(path.join(corpus, dir, name), 'utf8');
      const rel = name === 'index.md' ? path.join(dir, 'index.md') : `${dir}-${name}`;
      fs.mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
      fs.writeFileSync(path.join(content, rel), text);
      texts.push(text);
    }
  }
  const shortcodes = new Map();
  for (const text of texts)
    for (const m of text.matchAll(/\{\{[<%]\s*(\/?)\s*([\w/-]+)/g))
      shortcodes.set(m[2], shortcodes.get(m[2]) || m[1] === '/');
  for (const [name, paired] of shortcodes) {
    const file = path.join(site, 'layouts', 'shortcodes', `${name}.html`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, paired ? '{{ .Inner }}\n' : '\n');
  }
  compareSite(site, `the corpus's ${texts.length} Hugo posts`);
} else {
  ok(true, '# SKIP no corpus for the second site');
}

// 3. New posts.
function newPost(site, ...args) {
  const r = byline('new', site, ...args);
  return r.status === 0 ? { path: r.stdout.trim() } : { error: `exit ${r.status}: ${r.stderr}` };
}

function listed(site, rel) {
  const all = hugoList(site, 'all');
  return (all.rows || []).find((r) => r.path === rel);
}

{
  const made = newPost(handSite, '--title', 'Hello, Hugo: a "new" post');
  const rel = made.path && path.relative(handSite, made.path);
  ok(rel === 'content/posts/hello-hugo-a-new-post.md', 'new: content/posts/SLUG.md', made.error, rel);
  const row = rel && listed(handSite, rel);
  ok(row && row.title === 'Hello, Hugo: a "new" post' && row.draft === 'true',
     'new: hugo list all lists it, with its title, a draft as the archetype says', JSON.stringify(row));
  const text = made.path ? fs.readFileSync(made.path, 'utf8') : '';
  ok(text.startsWith('+++\n'), 'new: TOML, as the site\'s archetype is', text);
  const check = byline('check', made.path || '');
  ok(check.status === 0, 'new: byline check accepts it', check.stdout, check.stderr);

  const again = newPost(handSite, '--title', 'Hello, Hugo: a "new" post');
  ok(again.path && path.relative(handSite, again.path) === 'content/posts/hello-hugo-a-new-post-2.md' &&
     fs.readFileSync(made.path, 'utf8') === text,
     'new: a taken name is never replaced: -2', again.error, again.path);
}

{
  // A section of bundles, an archetype of its own in YAML, and hugo new's output.
  const site = path.join(work, 'bundles');
  fs.mkdirSync(path.join(site, 'content', 'posts', 'one'), { recursive: true });
  fs.mkdirSync(path.join(site, 'content', 'posts', 'two'), { recursive: true });
  fs.mkdirSync(path.join(site, 'archetypes'), { recursive: true });
  fs.writeFileSync(path.join(site, 'hugo.yaml'), 'baseURL: https://example.org/\ntitle: bundles\n');
  fs.writeFileSync(path.join(site, 'content', 'posts', 'one', 'index.md'), '---\ntitle: One\ndate: 2024-01-01\n---\n');
  fs.writeFileSync(path.join(site, 'content', 'posts', 'two', 'index.md'), '---\ntitle: Two\ndate: 2024-01-02\n---\n');
  fs.writeFileSync(path.join(site, 'content', 'posts', 'lone.md'), '---\ntitle: Lone\ndate: 2024-01-03\n---\n');
  fs.writeFileSync(path.join(site, 'archetypes', 'posts.md'),
                   '---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\n' +
                   'slug: {{ .Name }}\ndate: {{ .Date }}\ndraft: false\n' +
                   '{{/* a comment */}}tags: []\n---\n\nWrite about {{ .Name | humanize }}.\n');

  const made = newPost(site, '--title', 'Zz top', '--draft');
  const rel = made.path && path.relative(site, made.path);
  ok(rel === 'content/posts/zz-top/index.md', 'new: a page bundle where the section has bundles',
     made.error, rel);
  const row = rel && listed(site, rel);
  ok(row && row.title === 'Zz top' && row.draft === 'true', 'new --draft: hugo lists it as a draft',
     JSON.stringify(row));

  const twin = path.join(work, 'bundles-hugo-new');
  fs.cpSync(site, twin, { recursive: true });
  const theirs = run('hugo', ['new', 'posts/zz-top-hugo/index.md', '-s', twin]);
  const theirFile = path.join(twin, 'content', 'posts', 'zz-top-hugo', 'index.md');
  const hugoText = fs.existsSync(theirFile) ? fs.readFileSync(theirFile, 'utf8') : null;
  const mine = newPost(site, '--title', 'Zz Top Hugo');
  const myText = mine.path ? fs.readFileSync(mine.path, 'utf8') : '';
  const noDate = (t) => (t || '').replace(/^date: .*$/m, 'date: X');
  ok(hugoText !== null && noDate(hugoText) === noDate(myText),
     'new: from the same archetype, what hugo new writes (but the date)',
     theirs.stderr, `hugo:\n${hugoText}`, `byline:\n${myText}`);
  const dateLine = myText.match(/^date: (.*)$/m);
  ok(dateLine && Math.abs(new Date(dateLine[1]).getTime() - Date.now()) < 120000,
     'new: .Date is now, in RFC 3339', dateLine && dateLine[1]);
}

finish();
