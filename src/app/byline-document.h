/* byline-document.h: one post, its text in a GtkSourceBuffer, and its file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "byline-file-io.h"
#include "byline-post.h"

G_BEGIN_DECLS

/* How the file on disk relates to the text the document last read or wrote. */
typedef enum
{
  BYLINE_DISK_STATE_IN_SYNC,
  BYLINE_DISK_STATE_CHANGED,   /* changed on disk while the buffer has edits */
  BYLINE_DISK_STATE_DELETED,   /* deleted or moved away */
} BylineDiskState;

typedef enum
{
  BYLINE_SAVE_FLAGS_NONE           = 0,
  BYLINE_SAVE_FLAGS_IGNORE_CHANGES = 1 << 0,  /* overwrite a file changed on disk */
} BylineSaveFlags;

#define BYLINE_DOCUMENT_ERROR (byline_document_error_quark ())

typedef enum
{
  BYLINE_DOCUMENT_ERROR_STALE,   /* an edit planned on a post the text has moved on from */
} BylineDocumentError;

/* Larger files are refused: GtkTextBuffer holds them, but nobody writes a
 * blog post this long. */
#define BYLINE_DOCUMENT_MAX_SIZE (256 * 1024 * 1024)

#define BYLINE_TYPE_DOCUMENT (byline_document_get_type ())

G_DECLARE_FINAL_TYPE (BylineDocument, byline_document, BYLINE, DOCUMENT, GtkSourceBuffer)

GQuark             byline_document_error_quark        (void);
BylineDocument    *byline_document_new                (void);
GFile             *byline_document_get_file           (BylineDocument       *self);
const char        *byline_document_get_id             (BylineDocument       *self);
void               byline_document_set_id             (BylineDocument       *self,
                                                       const char           *id);
BylineDiskState    byline_document_get_disk_state     (BylineDocument       *self);
const BylineFileStamp *byline_document_get_stamp      (BylineDocument       *self);
void               byline_document_set_base_stamp     (BylineDocument       *self,
                                                       const BylineFileStamp *base);
gsize              byline_document_get_n_invalid_bytes (BylineDocument      *self);
GBytes            *byline_document_get_snapshot       (BylineDocument       *self);
const char        *byline_document_get_title          (BylineDocument       *self);
char              *byline_document_dup_display_name   (BylineDocument       *self);
char              *byline_document_dup_suggested_name (BylineDocument       *self);
gboolean           byline_document_get_draft          (BylineDocument       *self);
gboolean           byline_document_get_featured       (BylineDocument       *self);
gboolean           byline_document_get_busy           (BylineDocument       *self);
gboolean           byline_document_get_loading        (BylineDocument       *self);
guint64            byline_document_get_change_serial  (BylineDocument       *self);
BylinePost        *byline_document_get_post           (BylineDocument       *self);
BylineSchema      *byline_document_get_schema         (BylineDocument       *self);
void               byline_document_set_schema         (BylineDocument       *self,
                                                       BylineSchema         *schema);
void               byline_document_get_body_start     (BylineDocument       *self,
                                                       GtkTextIter          *iter);
char              *byline_document_dup_text           (BylineDocument       *self,
                                                       gsize                *len);
gboolean           byline_document_apply_edit         (BylineDocument       *self,
                                                       BylinePost           *post,
                                                       const BylineTextEdit *edit,
                                                       GError              **error);
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
void               byline_document_replace_text       (BylineDocument       *self,
                                                       const char           *text,
                                                       gssize                len);
void               byline_document_set_missing_file   (BylineDocument       *self,
                                                       GFile                *file);
void               byline_document_relocate           (BylineDocument       *self,
                                                       GFile                *file);
void               byline_document_keep_mine          (BylineDocument       *self);
void               byline_document_reload_async       (BylineDocument       *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           byline_document_reload_finish      (BylineDocument       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void               byline_document_save_async         (BylineDocument       *self,
                                                       GFile                *target,
                                                       BylineSaveFlags       flags,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           byline_document_save_finish        (BylineDocument       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
