/* byline-session.h: what outlives the process: the open posts and their drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-file-io.h"

typedef struct _BylineDocument BylineDocument;

G_BEGIN_DECLS

#define BYLINE_TYPE_SESSION (byline_session_get_type ())

G_DECLARE_FINAL_TYPE (BylineSession, byline_session, BYLINE, SESSION, GObject)

/* One open post: its document id, its file (none for an untitled post),
 * its window and whether its tab was selected there, and, when it has
 * unsaved changes on disk, when they were written. */
typedef struct
{
  char            *id;
  char            *uri;
  GDateTime       *draft_time;
  BylineFileStamp  base;       /* the file when the draft's text was last in */
  gboolean         has_base;   /* step with it (saved or loaded) */
  guint            window;     /* which window it was in, from 0 */
  gboolean         active;     /* its tab was the window's selected one */
} BylineSessionEntry;

void           byline_session_entry_free      (BylineSessionEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSessionEntry, byline_session_entry_free)

BylineSession *byline_session_new             (const char         *dir);
const char    *byline_session_get_dir         (BylineSession      *self);
GPtrArray     *byline_session_load            (BylineSession      *self);
void           byline_session_set_documents   (BylineSession      *self,
                                               GPtrArray          *entries);
void           byline_session_write_draft     (BylineSession      *self,
                                               const char         *id,
                                               const char         *uri,
                                               const BylineFileStamp *base,
                                               GBytes             *text);
void           byline_session_delete_draft    (BylineSession      *self,
                                               const char         *id);
GBytes        *byline_session_read_draft      (BylineSession      *self,
                                               const char         *id,
                                               GError            **error);
void           byline_session_flush           (BylineSession      *self);
void           byline_session_watch_document  (BylineSession      *self,
                                               BylineDocument     *document);
void           byline_session_unwatch_document (BylineSession     *self,
                                               BylineDocument     *document);
void           byline_session_forget_draft    (BylineSession      *self,
                                               BylineDocument     *document);

G_END_DECLS
