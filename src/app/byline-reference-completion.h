/* byline-reference-completion.h: a reference field's choice of entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_REFERENCE_COMPLETION (byline_reference_completion_get_type ())

G_DECLARE_FINAL_TYPE (BylineReferenceCompletion, byline_reference_completion, BYLINE, REFERENCE_COMPLETION, GtkWidget)

GtkWidget          *byline_reference_completion_new         (GtkEditable               *editable);
void                byline_reference_completion_set_site    (BylineReferenceCompletion *self,
                                                             BylineSite                *site,
                                                             const char                *collection);
const char * const *byline_reference_completion_get_ids     (BylineReferenceCompletion *self);
GStrv               byline_reference_completion_dup_matches (BylineReferenceCompletion *self);
gboolean            byline_reference_completion_get_open    (BylineReferenceCompletion *self);
void                byline_reference_completion_choose      (BylineReferenceCompletion *self,
                                                             const char                *id);

G_END_DECLS
