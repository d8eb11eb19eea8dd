/* byline-page.h: one post's view: editor, frontmatter form, preview, notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "byline-analyzer.h"
#include "byline-document.h"
#include "byline-library.h"
#include "byline-session.h"
#include "byline-spell-checker.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PAGE (byline_page_get_type ())

G_DECLARE_FINAL_TYPE (BylinePage, byline_page, BYLINE, PAGE, GtkWidget)

BylinePage     *byline_page_new                  (BylineSession        *session);
void            byline_page_set_session          (BylinePage           *self,
                                                  BylineSession        *session);
BylineDocument *byline_page_get_document         (BylinePage           *self);
GtkSourceView  *byline_page_get_source_view      (BylinePage           *self);
BylineSpellChecker *byline_page_get_spell_checker (BylinePage          *self);
GtkWidget      *byline_page_get_form             (BylinePage           *self);
GtkWidget      *byline_page_get_preview          (BylinePage           *self);
GtkWidget      *byline_page_get_site_banner      (BylinePage           *self);
BylineAnalyzer *byline_page_get_analyzer         (BylinePage           *self);
GtkWidget      *byline_page_get_outline          (BylinePage           *self);
GtkWidget      *byline_page_get_word_count       (BylinePage           *self);
GFile          *byline_page_get_file             (BylinePage           *self);
const char     *byline_page_get_title            (BylinePage           *self);
const char     *byline_page_get_subtitle         (BylinePage           *self);
gboolean        byline_page_get_modified         (BylinePage           *self);
const char     *byline_page_get_rename_offer     (BylinePage           *self);
gboolean        byline_page_rename_file          (BylinePage           *self);
gboolean        byline_page_undo_rename          (BylinePage           *self);
gboolean        byline_page_get_draft_is_folder  (BylinePage           *self);
gboolean        byline_page_get_moving           (BylinePage           *self);
gboolean        byline_page_get_draft            (BylinePage           *self);
void            byline_page_set_draft            (BylinePage           *self,
                                                  gboolean              draft);
gboolean        byline_page_get_featured         (BylinePage           *self);
void            byline_page_set_featured         (BylinePage           *self,
                                                  gboolean              featured);
gboolean        byline_page_get_editable         (BylinePage           *self);
gboolean        byline_page_get_recovered        (BylinePage           *self);
const char     *byline_page_get_last_error       (BylinePage           *self);
gboolean        byline_page_is_pristine          (BylinePage           *self);
char           *byline_page_dup_diagnostics_at   (BylinePage           *self,
                                                  const GtkTextIter    *iter);
void            byline_page_show_error           (BylinePage           *self,
                                                  const char           *message,
                                                  gboolean              offer_save_as);
void            byline_page_go_to                (BylinePage           *self,
                                                  guint                 line,
                                                  guint                 column);
GFile          *byline_page_get_folder_hint      (BylinePage           *self);
void            byline_page_set_library          (BylinePage           *self,
                                                  BylineLibraryIndex   *library);
void            byline_page_set_folder_hint      (BylinePage           *self,
                                                  GFile                *folder);
void            byline_page_new_post             (BylinePage           *self);
void            byline_page_recover              (BylinePage           *self,
                                                  const BylineSessionEntry *entry);
void            byline_page_reload               (BylinePage           *self);
void            byline_page_keep_mine            (BylinePage           *self);
void            byline_page_discard_recovered    (BylinePage           *self);
void            byline_page_hide_encoding_notice (BylinePage           *self);
void            byline_page_forget_draft         (BylinePage           *self);
void            byline_page_load_async           (BylinePage           *self,
                                                  GFile                *file,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        byline_page_load_finish          (BylinePage           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            byline_page_save_async           (BylinePage           *self,
                                                  GFile                *target,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        byline_page_save_finish          (BylinePage           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            byline_page_save_as_async        (BylinePage           *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        byline_page_save_as_finish       (BylinePage           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
