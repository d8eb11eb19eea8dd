/* byline-library.h: every post of a site, read on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-check.h"
#include "byline-post.h"
#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_LIBRARY_POST (byline_library_post_get_type ())

G_DECLARE_FINAL_TYPE (BylineLibraryPost, byline_library_post, BYLINE, LIBRARY_POST, GObject)

BylineLibraryPost  *byline_library_post_read             (BylineSite         *site,
                                                          const char         *path,
                                                          GDateTime          *now,
                                                          BylineEntryCache   *entries);
const char         *byline_library_post_get_path         (BylineLibraryPost  *self);
const char         *byline_library_post_get_relative_path (BylineLibraryPost *self);
const char         *byline_library_post_get_collection   (BylineLibraryPost  *self);
const char         *byline_library_post_get_title        (BylineLibraryPost  *self);
const char         *byline_library_post_get_display_title (BylineLibraryPost *self);
const char         *byline_library_post_get_title_key    (BylineLibraryPost  *self);
const char         *byline_library_post_get_description  (BylineLibraryPost  *self);
GDateTime          *byline_library_post_get_published    (BylineLibraryPost  *self);
GDateTime          *byline_library_post_get_modified     (BylineLibraryPost  *self);
gint64              byline_library_post_get_mtime        (BylineLibraryPost  *self);
gboolean            byline_library_post_get_draft        (BylineLibraryPost  *self);
gboolean            byline_library_post_get_featured     (BylineLibraryPost  *self);
gboolean            byline_library_post_get_scheduled    (BylineLibraryPost  *self);
gboolean            byline_library_post_get_expired      (BylineLibraryPost  *self);
const char * const *byline_library_post_get_tags         (BylineLibraryPost  *self);
const char * const *byline_library_post_get_list_values  (BylineLibraryPost  *self);
gboolean            byline_library_post_has_tag          (BylineLibraryPost  *self,
                                                          const char         *tag);
gboolean            byline_library_post_has_folded_tag   (BylineLibraryPost  *self,
                                                          const char         *folded_tag);
GPtrArray          *byline_library_post_get_problems     (BylineLibraryPost  *self);
guint               byline_library_post_get_n_errors     (BylineLibraryPost  *self);
gboolean            byline_library_post_get_invalid      (BylineLibraryPost  *self);
gboolean            byline_library_post_matches_words    (BylineLibraryPost  *self,
                                                          const char * const *words);
int                 byline_library_post_compare          (BylineLibraryPost  *a,
                                                          BylineLibraryPost  *b);

char              **byline_library_split_search          (const char         *text);
char               *byline_library_fold                  (const char         *text,
                                                          gssize              len);
const char         *byline_schema_get_title_key          (BylineSchema       *schema);
const char         *byline_post_get_schema_title         (BylinePost         *post,
                                                          BylineSchema       *schema);

/**
 * BylineLibraryState:
 * @BYLINE_LIBRARY_STATE_ANY: every post
 * @BYLINE_LIBRARY_STATE_DRAFTS: drafts
 * @BYLINE_LIBRARY_STATE_PUBLISHED: what the site publishes now: neither
 *   drafts, nor scheduled, nor expired (Hugo's expiryDate passed)
 * @BYLINE_LIBRARY_STATE_SCHEDULED: not drafts, published in the future
 */
typedef enum
{
  BYLINE_LIBRARY_STATE_ANY,
  BYLINE_LIBRARY_STATE_DRAFTS,
  BYLINE_LIBRARY_STATE_PUBLISHED,
  BYLINE_LIBRARY_STATE_SCHEDULED,
} BylineLibraryState;

/**
 * BylineLibraryFilter:
 * @state: which posts by their state
 * @collection: (nullable): only this collection's
 * @tag: (nullable): only posts with this tag, from byline_library_intern_tag()
 *   (tags compare case-insensitively)
 * @featured_only: only featured posts
 * @invalid_only: only posts whose frontmatter does not parse or fails the
 *   schema (byline_library_post_get_invalid())
 * @words: (nullable) (array zero-terminated=1): casefolded words, from
 *   byline_library_split_search(), each in the title, description or body
 *
 * What the CLI's options and the window's filters ask of a post.
 */
typedef struct
{
  BylineLibraryState  state;
  const char         *collection;
  const char         *tag;
  gboolean            featured_only;
  gboolean            invalid_only;
  const char * const *words;
} BylineLibraryFilter;

const char         *byline_library_intern_tag            (const char                *tag);
gboolean            byline_library_filter_matches        (const BylineLibraryFilter *filter,
                                                          BylineLibraryPost         *post);

GPtrArray          *byline_library_scan                  (BylineSite         *site,
                                                          GDateTime          *now,
                                                          GCancellable       *cancellable,
                                                          GError            **error);
GPtrArray          *byline_library_scan_folder           (const char         *folder,
                                                          guint               max_posts,
                                                          GCancellable       *cancellable,
                                                          GError            **error);

#define BYLINE_TYPE_LIBRARY_INDEX (byline_library_index_get_type ())

G_DECLARE_FINAL_TYPE (BylineLibraryIndex, byline_library_index, BYLINE, LIBRARY_INDEX, GObject)

BylineLibraryIndex *byline_library_index_new             (void);
BylineSite         *byline_library_index_get_site        (BylineLibraryIndex  *self);
gboolean            byline_library_index_get_loading     (BylineLibraryIndex  *self);
void                byline_library_index_load_async      (BylineLibraryIndex  *self,
                                                          const char          *dir,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            byline_library_index_load_finish     (BylineLibraryIndex  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                byline_library_index_update_async    (BylineLibraryIndex  *self,
                                                          const char * const  *paths,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            byline_library_index_update_finish   (BylineLibraryIndex  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
gboolean            byline_library_index_remove          (BylineLibraryIndex  *self,
                                                          const char          *path);
BylineLibraryPost  *byline_library_index_lookup          (BylineLibraryIndex  *self,
                                                          const char          *path);
GPtrArray          *byline_library_index_dup_posts_in    (BylineLibraryIndex  *self,
                                                          const char          *dir);
char              **byline_library_index_dup_tags        (BylineLibraryIndex  *self);

G_END_DECLS
