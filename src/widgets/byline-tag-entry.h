/* byline-tag-entry.h: edit a list of tags as chips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_TAG_ENTRY (byline_tag_entry_get_type ())

G_DECLARE_FINAL_TYPE (BylineTagEntry, byline_tag_entry, BYLINE, TAG_ENTRY, GtkWidget)

GtkWidget          *byline_tag_entry_new             (void);
const char * const *byline_tag_entry_get_tags        (BylineTagEntry     *self);
void                byline_tag_entry_set_tags        (BylineTagEntry     *self,
                                                      const char * const *tags);
gboolean            byline_tag_entry_add_tag         (BylineTagEntry     *self,
                                                      const char         *tag);
gboolean            byline_tag_entry_remove_tag      (BylineTagEntry     *self,
                                                      const char         *tag);
void                byline_tag_entry_set_suggestions (BylineTagEntry     *self,
                                                      const char * const *suggestions);
GtkWidget          *byline_tag_entry_get_entry       (BylineTagEntry     *self);
GtkWidget          *byline_tag_entry_get_suggestion_box (BylineTagEntry  *self);

G_END_DECLS
