// fidelity.mjs: does `byline render` build the DOM Astro builds?
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node fidelity.mjs NODE_DIR [NPM]
//   env BYLINE_CORPUS_DIR  the posts (.md, .markdown; .mdx is skipped)
//   env BYLINE_EXE         the byline program
//
// Installs this folder's package.json into NODE_DIR (a TAP "1..0 # SKIP"
// when npm cannot: with protocol 'tap' meson counts that as skipped, while
// exit status 77 would count as an error), renders every post with @astrojs/markdown-remark configured the
// way AstroPaper's astro.config.ts configures it (remark-toc, remark-collapse
// on "Table of contents", no syntax highlighting), renders it again with
// `byline render`, parses both with parse5 and compares the normalised DOMs:
// elements, text, and the attributes below; white space folded outside <pre>.
// TAP: one line per post, the first difference on failure.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nodeDir = resolve(process.argv[2] ?? join(here, '_node'));
const corpus = process.env.BYLINE_CORPUS_DIR;
const exe = process.env.BYLINE_EXE;
const npm = process.argv[3] ?? 'npm';

// Posts whose difference is a known disagreement between the two Markdown
// parsers (micromark vs cmark-gfm), not a rendering bug: name -> reason,
// reported as TAP TODO. No corpus post needs one today. Known disagreements
// seen outside the corpus (GFM spec examples, 540 other Markdown files):
// - "<!-- a -- b -->" is a comment for micromark (CommonMark 0.31) and text
//   for cmark-gfm 0.29 (spec examples 645, 646);
// - raw "<title>" swallows the following blocks as text in rehype-raw's single
//   parse of the whole post; cmark-gfm ends the paragraph (spec example 653);
// - a raw tag name with a dot, "<a.b@c.d>", becomes <a class="b@c d"> through
//   hastscript's selector syntax in Astro;
// - micromark links "www." right after any punctuation ("“www.x.org"),
//   cmark-gfm only after white space or ( * _ ~;
// - remark-smartypants decides some quotes from parse-latin's sentences; byline
//   models its tokens and merged words but not sentence splitting, so a quote
//   glued to "?!…" and more punctuation can curl the other way (seen only in
//   random punctuation soup, 244 of 400 such snippets identical, www included).
const KNOWN = {
};

const COMPARED_ATTRIBUTES = ['href', 'src', 'alt', 'id', 'type', 'checked', 'colspan', 'align'];

if (!corpus || !exe) {
  console.log('1..0 # SKIP BYLINE_CORPUS_DIR or BYLINE_EXE not set');
  process.exit(0);
}
if (!existsSync(corpus)) {
  console.log(`1..0 # SKIP no corpus at ${corpus}`);
  process.exit(0);
}

function install () {
  if (existsSync(join(nodeDir, 'node_modules', '@astrojs', 'markdown-remark', 'package.json')) &&
      existsSync(join(nodeDir, 'node_modules', 'parse5')))
    return true;
  mkdirSync(nodeDir, { recursive: true });
  cpSync(join(here, 'package.json'), join(nodeDir, 'package.json'));
  try {
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'],
                 { cwd: nodeDir, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300000 });
    return true;
  } catch (e) {
    return false;
  }
}

if (!install()) {
  console.log('1..0 # SKIP npm install failed');
  process.exit(0);
}

const require = createRequire(join(nodeDir, 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const { createMarkdownProcessor, extractFrontmatter } = await load('@astrojs/markdown-remark');
const remarkToc = (await load('remark-toc')).default;
const remarkCollapse = (await load('remark-collapse')).default;
const parse5 = await load('parse5');

// AstroPaper v5 astro.config.ts: markdown.remarkPlugins
const processor = await createMarkdownProcessor({
  remarkPlugins: [remarkToc, [remarkCollapse, { test: 'Table of contents' }]],
  syntaxHighlight: false,
});

function findPosts (dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      out.push(...findPosts(path));
    else if (/\.(md|markdown)$/.test(name))
      out.push(path);
  }
  return out;
}

// Astro resolves `@/` (tsconfig paths) to the site's src/; byline writes the
// same file as a path relative to the post. Map Astro's side the same way.
function findSiteSrc (dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    for (const n of ['mjs', 'ts', 'js', 'mts', 'cjs', 'cts'])
      if (existsSync(join(d, `astro.config.${n}`)))
        return join(d, 'src');
    if (dirname(d) === d)
      return null;
  }
}

function resolveAlias (src, postDir) {
  if (!src.startsWith('@/'))
    return src;
  const site = findSiteSrc(postDir);
  if (!site)
    return src;
  return encodeURI(relative(resolve(postDir), join(site, src.slice(2))).split('\\').join('/'));
}

function normalise (node, ctx) {
  const out = [];
  let text = null;
  const flush = () => {
    if (text === null)
      return;
    const value = ctx.pre ? text : text.replace(/\s+/g, ' ');
    if (ctx.pre || value.trim() !== '')
      out.push(value);
    text = null;
  };
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === '#text') {
      text = (text ?? '') + child.value;
      continue;
    }
    if (child.nodeName === '#comment')
      continue;
    flush();
    const tag = child.tagName ?? child.nodeName;
    const attrs = {};
    for (const { name, value } of child.attrs ?? []) {
      if (!COMPARED_ATTRIBUTES.includes(name))
        continue;
      attrs[name] = name === 'src' ? resolveAlias(value, ctx.postDir) : value;
    }
    const inner = tag === 'template' ? child.content : child;
    out.push({ tag, attrs, children: normalise(inner, { ...ctx, pre: ctx.pre || tag === 'pre' }) });
  }
  flush();
  // Space at the edges of a block is not rendered.
  if (!ctx.pre && out.length > 0) {
    if (typeof out[0] === 'string')
      out[0] = out[0].replace(/^ /, '');
    const last = out.length - 1;
    if (typeof out[last] === 'string')
      out[last] = out[last].replace(/ $/, '');
  }
  return out.filter((n) => n !== '');
}

function show (node) {
  if (node === undefined)
    return '(nothing)';
  if (typeof node === 'string')
    return JSON.stringify(node.length > 80 ? node.slice(0, 80) + '…' : node);
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${v}"`).join('');
  return `<${node.tag}${attrs}>`;
}

function firstDifference (a, b, path) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i], y = b[i];
    if (typeof x === 'string' || typeof y === 'string' || x === undefined || y === undefined) {
      if (x !== y)
        return `${path}[${i}]: astro ${show(x)} byline ${show(y)}`;
      continue;
    }
    if (x.tag !== y.tag || JSON.stringify(x.attrs) !== JSON.stringify(y.attrs))
      return `${path}[${i}]: astro ${show(x)} byline ${show(y)}`;
    const d = firstDifference(x.children, y.children, `${path}/${x.tag}[${i}]`);
    if (d)
      return d;
  }
  return null;
}

const posts = findPosts(corpus);
let same = 0;
console.log(`1..${posts.length}`);
for (const [i, file] of posts.entries()) {
  const name = relative(corpus, file);
  const postDir = dirname(file);
  const source = readFileSync(file, 'utf8');
  const raw = extractFrontmatter(source);
  const body = raw == null ? source : source.replace(`---${raw}---`, '');
  let difference;
  try {
    const astro = (await processor.render(body)).code;
    const mine = execFileSync(exe, ['render', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const ctx = { pre: false, postDir };
    difference = firstDifference(normalise(parse5.parseFragment(astro), ctx),
                                 normalise(parse5.parseFragment(mine), ctx), '');
  } catch (e) {
    difference = `error: ${String(e.message ?? e).split('\n')[0]}`;
  }
  if (!difference) {
    same++;
    console.log(`ok ${i + 1} - ${name}`);
  } else if (KNOWN[name]) {
    console.log(`not ok ${i + 1} - ${name} # TODO ${KNOWN[name]}`);
    console.log(`# ${difference}`);
  } else {
    console.log(`not ok ${i + 1} - ${name}`);
    console.log(`# ${difference}`);
  }
}
console.log(`# ${same} of ${posts.length} posts identical`);
