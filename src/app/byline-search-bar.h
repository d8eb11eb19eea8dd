/* byline-search-bar.h: find and replace in the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_SEARCH_BAR (byline_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (BylineSearchBar, byline_search_bar, BYLINE, SEARCH_BAR, GtkWidget)

GtkSourceView *byline_search_bar_get_view        (BylineSearchBar *self);
void           byline_search_bar_set_view        (BylineSearchBar *self,
                                                  GtkSourceView   *view);
gboolean       byline_search_bar_get_search_mode (BylineSearchBar *self);
gboolean       byline_search_bar_get_replace_mode (BylineSearchBar *self);
void           byline_search_bar_show            (BylineSearchBar *self,
                                                  gboolean         replace);
void           byline_search_bar_hide            (BylineSearchBar *self);
gboolean       byline_search_bar_has_query       (BylineSearchBar *self);
void           byline_search_bar_find            (BylineSearchBar *self,
                                                  gboolean         backward);
gboolean       byline_search_bar_replace         (BylineSearchBar *self,
                                                  GError         **error);
gboolean       byline_search_bar_replace_all     (BylineSearchBar *self,
                                                  GError         **error);

G_END_DECLS
