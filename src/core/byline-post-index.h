/* byline-post-index.h: what the posts in a folder tree have in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-library.h"

G_BEGIN_DECLS

/**
 * BylinePostIndex:
 *
 * A summary of posts the library read (#BylineLibraryPost), those under one
 * folder or those of an open #BylineLibraryIndex: how many there are, which
 * tags their frontmatter uses, and which values any other list of text
 * takes (categories, keywords, an Astro collection's lists), most used
 * first. The library gathers each post's values as it reads it; an index
 * only counts them.
 * Immutable once built, reference counted, safe to share between threads.
 */
typedef struct _BylinePostIndex BylinePostIndex;

BylinePostIndex *byline_post_index_new           (GPtrArray            *posts);

BylinePostIndex *byline_post_index_scan          (GFile                *folder,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
void             byline_post_index_scan_async    (GFile                *folder,
                                                  BylineLibraryIndex   *library,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
BylinePostIndex *byline_post_index_scan_finish   (GAsyncResult         *result,
                                                  GError              **error);
GFile           *byline_post_index_find_root     (GFile                *post_folder);
BylinePostIndex *byline_post_index_ref           (BylinePostIndex      *self);
void             byline_post_index_unref         (BylinePostIndex      *self);
guint            byline_post_index_get_n_posts   (BylinePostIndex      *self);
guint            byline_post_index_get_n_tags    (BylinePostIndex      *self);
const char      *byline_post_index_get_tag       (BylinePostIndex      *self,
                                                  guint                 index,
                                                  guint                *n_posts);
char           **byline_post_index_dup_tags      (BylinePostIndex      *self);
char           **byline_post_index_dup_values    (BylinePostIndex      *self,
                                                  const char           *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePostIndex, byline_post_index_unref)

G_END_DECLS
