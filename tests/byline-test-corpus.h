/* byline-test-corpus.h: the real posts the tests and benchmarks run over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BYLINE_TEST_CORPUS_MARKDOWN = 0,      /* .md and .markdown */
  BYLINE_TEST_CORPUS_WITH_MDX = 1 << 0, /* and .mdx */
} BylineTestCorpusFlags;

GPtrArray *byline_test_corpus_files (BylineTestCorpusFlags flags);

G_END_DECLS
