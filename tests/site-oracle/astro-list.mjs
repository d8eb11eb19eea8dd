#!/usr/bin/env node
// astro-list.mjs: `byline list` agrees with Astro's content layer, and
// `byline new` writes entries Astro takes
//
// On the hand-written Astro site in tests/data/sites/astro (two collections
// with glob loaders, one with a `_`-prefixed folder the glob searches and a
// `_` file it leaves out, a page in no collection), `astro sync` fills the
// content layer's data store; `byline list --json` must list its entries:
// the same files, collections, titles, dates, drafts and tags. The post
// byline marks invalid must be the one `astro sync` rejects. Then `byline
// new` in each collection: `astro sync` takes the new entries, where byline
// put them, with the title byline gave.
//
//   node astro-list.mjs ORACLE_DIR NPM WORK_DIR
//
// Astro is the one astro-site.mjs installs into ORACLE_DIR (installed here
// too when missing). BYLINE_EXE and BYLINE_SOURCE_DIR come from the
// environment. Output is TAP; a skip when npm cannot fetch Astro.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { bail, finish, ok } from './tap.mjs';

const [oracleArg, npm, workArg] = process.argv.slice(2);
const oracleDir = oracleArg && path.resolve(oracleArg);
const work = workArg && path.resolve(workArg);
const exe = process.env.BYLINE_EXE;
const source = process.env.BYLINE_SOURCE_DIR;

if (!oracleDir || !npm || !work || !exe || !source)
  bail('usage: astro-list.mjs ORACLE_DIR NPM WORK_DIR, with BYLINE_EXE and BYLINE_SOURCE_DIR set');

const ASTRO = 'astro@5';
const installed = () => fs.existsSync(path.join(oracleDir, 'node_modules', 'astro', 'package.json'));
if (!installed()) {
  fs.mkdirSync(oracleDir, { recursive: true });
  const r = spawnSync(npm, ['install', '--prefix', oracleDir, '--prefer-offline', '--no-audit',
                            '--no-fund', '--no-progress', '--no-package-lock', '--loglevel=error',
                            ASTRO], { encoding: 'utf8', timeout: 600000 });
  if (r.status !== 0 || !installed())
    bail(`npm install ${ASTRO} failed (offline?): ${(r.stderr || '').trim().split('\n')[0]}`);
}

const req = createRequire(path.join(oracleDir, 'node_modules', 'astro', 'package.json'));
const { sync } = await import(pathToFileURL(req.resolve('astro')).href);
const devalue = await import(pathToFileURL(req.resolve('devalue')).href);

const site = path.join(work, 'site');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.cpSync(path.join(source, 'tests', 'data', 'sites', 'astro'), site, { recursive: true });
// Astro writes its own schemas; the data store goes into the site, not into
// the shared node_modules.
fs.rmSync(path.join(site, '.astro'), { recursive: true, force: true });
fs.writeFileSync(path.join(site, 'astro.config.mjs'),
                 "import { defineConfig } from 'astro/config';\n" +
                 "export default defineConfig({ cacheDir: './.cache' });\n");
fs.symlinkSync(path.join(oracleDir, 'node_modules'), path.join(site, 'node_modules'), 'dir');

// Each sync gets a cache directory of its own. A sync that fails leaves its
// data store's debounced write pending; in a shared directory that write
// races the next sync's over the same temporary file, and the loser throws
// from a timer, which ends this process.
let cacheDir = null;
let syncs = 0;

async function astroSync() {
  cacheDir = path.join(site, '.cache', String(++syncs));
  try {
    await sync({ root: site, logLevel: 'silent', cacheDir });
    return { ok: true };
  } catch (e) {
    return { ok: false, file: e.loc && e.loc.file, message: e.message };
  }
}

function entries() {
  const text = fs.readFileSync(path.join(cacheDir, 'data-store.json'), 'utf8');
  const store = devalue.unflatten(JSON.parse(text));
  const out = [];
  for (const [collection, map] of store) {
    if (collection.includes('::'))
      continue;
    for (const [id, entry] of map)
      out.push({ collection, id, path: entry.filePath, data: entry.data });
  }
  return out;
}

function bylineList(...options) {
  const r = spawnSync(exe, ['list', '--json', ...options, site], { encoding: 'utf8', timeout: 60000 });
  return r.status === 0 ? JSON.parse(r.stdout) : [];
}

// 1. The post byline marks invalid is the one Astro rejects.
{
  const verdict = await astroSync();
  const invalid = bylineList('--invalid').map((r) => r.path);
  ok(!verdict.ok && verdict.file && invalid.length === 1 &&
     path.relative(site, verdict.file) === invalid[0],
     'byline list --invalid names the entry astro sync rejects',
     verdict.message, `byline: ${invalid.join(' ')}`);
  if (verdict.file)
    fs.unlinkSync(verdict.file);
}

// 2. The content layer's entries, and byline's list.
function compare(label) {
  const theirs = entries();
  const mine = bylineList();
  const key = (collection, p) => `${collection}:${p}`;
  ok(JSON.stringify(theirs.map((e) => key(e.collection, e.path)).sort()) ===
     JSON.stringify(mine.map((r) => key(r.collection, r.path)).sort()),
     `${label}: byline list lists the content layer's ${theirs.length} entries, by collection`,
     `astro:  ${theirs.map((e) => key(e.collection, e.path)).sort().join(' ')}`,
     `byline: ${mine.map((r) => key(r.collection, r.path)).sort().join(' ')}`);

  const byPath = new Map(mine.map((r) => [r.path, r]));
  const diffs = [];
  for (const e of theirs) {
    const b = byPath.get(e.path);
    if (!b)
      continue;
    const title = e.data.title ?? e.data.headline;
    const date = e.data.pubDatetime ?? e.data.published;
    const tags = e.data.tags ?? [];
    if (title !== b.title)
      diffs.push(`${e.path}: title ${JSON.stringify(title)} / ${JSON.stringify(b.title)}`);
    if (new Date(date).getTime() !== new Date(b.published).getTime())
      diffs.push(`${e.path}: date ${date} / ${b.published}`);
    if (Boolean(e.data.draft) !== b.draft)
      diffs.push(`${e.path}: draft ${e.data.draft} / ${b.draft}`);
    if (Boolean(e.data.featured) !== b.featured)
      diffs.push(`${e.path}: featured ${e.data.featured} / ${b.featured}`);
    // A default (AstroPaper's ["others"]) is Astro's, not the file's.
    if (b.tags.length > 0 && JSON.stringify(tags) !== JSON.stringify(b.tags))
      diffs.push(`${e.path}: tags ${JSON.stringify(tags)} / ${JSON.stringify(b.tags)}`);
  }
  ok(diffs.length === 0, `${label}: the same titles, dates, drafts, featured and tags`, ...diffs);
}

{
  const verdict = await astroSync();
  ok(verdict.ok, 'astro sync takes the rest of the site', verdict.message);
  if (verdict.ok)
    compare('tests/data/sites/astro');
}

// 3. New entries, one per collection.
const made = [];
for (const [collection, extra] of [['blog', ['--draft']], ['notes', []]]) {
  const r = spawnSync(exe, ['new', site, '--collection', collection, '--title', `New in ${collection}`,
                            ...extra], { encoding: 'utf8' });
  made.push({ collection, path: r.status === 0 ? path.relative(site, r.stdout.trim()) : null,
              error: r.stderr });
}
ok(made[0].path === 'src/data/blog/new-in-blog.md' && made[1].path === 'src/data/notes/new-in-notes.md',
   'new: in each collection\'s folder, named by the title', JSON.stringify(made));
{
  const verdict = await astroSync();
  ok(verdict.ok, 'new: astro sync takes the new entries (the schemas\' required keys are there)',
     verdict.message);
  if (verdict.ok) {
    const theirs = entries();
    const found = made.every((m) => theirs.some((e) => e.collection === m.collection && e.path === m.path &&
                                                     (e.data.title ?? e.data.headline) === `New in ${m.collection}`));
    ok(found, 'new: the content layer holds them, with their titles');
    compare('with the new entries');
  }
}

finish();
