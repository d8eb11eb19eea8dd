/* byline-document.h: one post, its text in a GtkSourceBuffer, and its file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "byline-frontmatter.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_DOCUMENT (byline_document_get_type ())

G_DECLARE_FINAL_TYPE (BylineDocument, byline_document, BYLINE, DOCUMENT, GtkSourceBuffer)

BylineDocument    *byline_document_new                (void);
GFile             *byline_document_get_file           (BylineDocument       *self);
GtkSourceFile     *byline_document_get_source_file    (BylineDocument       *self);
const char        *byline_document_get_title          (BylineDocument       *self);
char              *byline_document_dup_display_name   (BylineDocument       *self);
char              *byline_document_dup_suggested_name (BylineDocument       *self);
gboolean           byline_document_get_draft          (BylineDocument       *self);
gboolean           byline_document_get_featured       (BylineDocument       *self);
gboolean           byline_document_get_busy           (BylineDocument       *self);
guint64            byline_document_get_change_serial  (BylineDocument       *self);
BylineFrontmatter *byline_document_get_frontmatter    (BylineDocument       *self);
char              *byline_document_dup_text           (BylineDocument       *self,
                                                       gsize                *len);
void               byline_document_apply_edit         (BylineDocument       *self,
                                                       const BylineTextEdit *edit);
gboolean           byline_document_set_boolean        (BylineDocument       *self,
                                                       const char           *key,
                                                       gboolean              value,
                                                       GError              **error);
gboolean           byline_document_touch_mod_datetime (BylineDocument       *self,
                                                       GDateTime            *now,
                                                       GError              **error);
void               byline_document_set_template       (BylineDocument       *self,
                                                       GDateTime            *now);
void               byline_document_load_async         (BylineDocument       *self,
                                                       GFile                *file,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           byline_document_load_finish        (BylineDocument       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void               byline_document_save_async         (BylineDocument       *self,
                                                       GFile                *target,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           byline_document_save_finish        (BylineDocument       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
