// make-fixtures.mjs: regenerate tests/data/markdown/*.html with Astro itself
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node make-fixtures.mjs NODE_DIR FIXTURE_DIR
// NODE_DIR holds this folder's package.json installed (fidelity.mjs makes
// one). Each FIXTURE_DIR/NAME.md is rendered by @astrojs/markdown-remark
// configured as AstroPaper (see fidelity.mjs) into NAME.html: the expected
// output test-markdown compares `byline` with.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [nodeDir, fixtureDir] = process.argv.slice(2).map((p) => resolve(p));
const require = createRequire(join(nodeDir, 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const { createMarkdownProcessor } = await load('@astrojs/markdown-remark');
const remarkToc = (await load('remark-toc')).default;
const remarkCollapse = (await load('remark-collapse')).default;

const processor = await createMarkdownProcessor({
  remarkPlugins: [remarkToc, [remarkCollapse, { test: 'Table of contents' }]],
  syntaxHighlight: false,
});

for (const name of readdirSync(fixtureDir).filter((n) => n.endsWith('.md')).sort()) {
  const body = readFileSync(join(fixtureDir, name), 'utf8');
  const { code } = await processor.render(body);
  writeFileSync(join(fixtureDir, name.replace(/\.md$/, '.html')), code + '\n');
  console.log(name);
}
