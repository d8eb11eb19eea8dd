/* byline-analyzer.h: a post's word counts and outline, kept current on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-analysis.h"
#include "byline-post.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ANALYZER (byline_analyzer_get_type ())

G_DECLARE_FINAL_TYPE (BylineAnalyzer, byline_analyzer, BYLINE, ANALYZER, GObject)

BylineAnalyzer    *byline_analyzer_new               (void);
void               byline_analyzer_set_post          (BylineAnalyzer *self,
                                                      BylinePost     *post);
void               byline_analyzer_set_selection     (BylineAnalyzer *self,
                                                      const char     *text);
BylineAnalysis    *byline_analyzer_get_analysis      (BylineAnalyzer *self);
BylineAnalysis    *byline_analyzer_get_selection     (BylineAnalyzer *self);
BylineReadingRule  byline_analyzer_get_reading_rule  (BylineAnalyzer *self);
guint64            byline_analyzer_get_serial        (BylineAnalyzer *self);
gboolean           byline_analyzer_get_too_large     (BylineAnalyzer *self);

G_END_DECLS
