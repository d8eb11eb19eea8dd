/* byline-window.h: the window: a header bar, a search bar and a post's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "byline-document.h"
#include "byline-library-view.h"
#include "byline-page.h"
#include "byline-session.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WINDOW (byline_window_get_type ())

G_DECLARE_FINAL_TYPE (BylineWindow, byline_window, BYLINE, WINDOW, AdwApplicationWindow)

BylineWindow   *byline_window_new              (GtkApplication       *application);
BylinePage     *byline_window_get_page         (BylineWindow         *self);
BylinePage     *byline_window_add_page         (BylineWindow         *self);
GPtrArray      *byline_window_get_pages        (BylineWindow         *self);
BylinePage     *byline_window_find_page        (BylineWindow         *self,
                                                GFile                *file);
void            byline_window_select_page      (BylineWindow         *self,
                                                BylinePage           *page);
void            byline_window_open_file        (BylineWindow         *self,
                                                GFile                *file);
BylineDocument *byline_window_get_document     (BylineWindow         *self);
GFile          *byline_window_get_file         (BylineWindow         *self);
GtkSourceView  *byline_window_get_source_view  (BylineWindow         *self);
GtkWidget      *byline_window_get_form         (BylineWindow         *self);
GtkWidget      *byline_window_get_preview      (BylineWindow         *self);
const char     *byline_window_get_title_text   (BylineWindow         *self);
const char     *byline_window_get_subtitle_text(BylineWindow         *self);
const char     *byline_window_get_last_error   (BylineWindow         *self);
gboolean        byline_window_is_pristine      (BylineWindow         *self);
gboolean        byline_window_get_empty        (BylineWindow         *self);
char           *byline_window_dup_diagnostics_at (BylineWindow      *self,
                                                const GtkTextIter    *iter);
void            byline_window_new_post         (BylineWindow         *self);
void            byline_window_recover          (BylineWindow         *self,
                                                const BylineSessionEntry *entry);
void            byline_window_set_folder_hint  (BylineWindow         *self,
                                                GFile                *folder);
void            byline_window_load_async       (BylineWindow         *self,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        byline_window_load_finish      (BylineWindow         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            byline_window_save_async       (BylineWindow         *self,
                                                GFile                *target,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        byline_window_save_finish      (BylineWindow         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            byline_window_open_folder      (BylineWindow         *self,
                                                GFile                *folder);
BylineLibraryView *byline_window_get_library   (BylineWindow         *self);

G_END_DECLS
