/* byline-word-count.h: the words, characters and reading time of the post or selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-analyzer.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WORD_COUNT (byline_word_count_get_type ())

G_DECLARE_FINAL_TYPE (BylineWordCount, byline_word_count, BYLINE, WORD_COUNT, GtkWidget)

GtkWidget      *byline_word_count_new          (void);
BylineAnalyzer *byline_word_count_get_analyzer (BylineWordCount *self);
void            byline_word_count_set_analyzer (BylineWordCount *self,
                                                BylineAnalyzer  *analyzer);
const char     *byline_word_count_get_text     (BylineWordCount *self);

G_END_DECLS
