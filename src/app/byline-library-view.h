/* byline-library-view.h: the site's posts beside the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-library.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_LIBRARY_VIEW (byline_library_view_get_type ())

G_DECLARE_FINAL_TYPE (BylineLibraryView, byline_library_view, BYLINE, LIBRARY_VIEW, GtkWidget)

/**
 * BylineLibrarySort:
 * @BYLINE_LIBRARY_SORT_DATE: newest first (the index's own order)
 * @BYLINE_LIBRARY_SORT_TITLE: by title, as the user's language sorts
 * @BYLINE_LIBRARY_SORT_CHANGED: the file changed last first
 */
typedef enum
{
  BYLINE_LIBRARY_SORT_DATE,
  BYLINE_LIBRARY_SORT_TITLE,
  BYLINE_LIBRARY_SORT_CHANGED,
} BylineLibrarySort;

GtkWidget          *byline_library_view_new             (void);
void                byline_library_view_open_folder     (BylineLibraryView  *self,
                                                         GFile              *folder);
GFile              *byline_library_view_get_folder      (BylineLibraryView  *self);
gboolean            byline_library_view_get_loading     (BylineLibraryView  *self);
BylineLibraryIndex *byline_library_view_get_index       (BylineLibraryView  *self);
GListModel         *byline_library_view_get_model       (BylineLibraryView  *self);
void                byline_library_view_set_search_text (BylineLibraryView  *self,
                                                         const char         *text);
void                byline_library_view_set_state       (BylineLibraryView  *self,
                                                         BylineLibraryState  state);
void                byline_library_view_set_sort        (BylineLibraryView  *self,
                                                         BylineLibrarySort   sort);
BylineLibrarySort   byline_library_view_get_sort        (BylineLibraryView  *self);
gboolean            byline_library_view_activate_selected (BylineLibraryView *self);
void                byline_library_view_focus_search    (BylineLibraryView  *self);
void                byline_library_view_new_post        (BylineLibraryView  *self);
void                byline_library_view_refresh         (BylineLibraryView  *self,
                                                         GFile              *file);

G_END_DECLS
