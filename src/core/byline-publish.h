/* byline-publish.h: moving a post's file: Jekyll's publish, a new slug
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-site.h"

G_BEGIN_DECLS

/**
 * BylineJekyllFolder:
 * @BYLINE_JEKYLL_FOLDER_NONE: not a post whose state is its folder (not
 *   Jekyll, or outside `_posts/` and `_drafts/`)
 * @BYLINE_JEKYLL_FOLDER_DRAFTS: in a `_drafts/` folder: a draft
 * @BYLINE_JEKYLL_FOLDER_POSTS: in a `_posts/` folder: published
 *
 * Where a Jekyll post is, which says whether it is a draft.
 */
typedef enum
{
  BYLINE_JEKYLL_FOLDER_NONE,
  BYLINE_JEKYLL_FOLDER_DRAFTS,
  BYLINE_JEKYLL_FOLDER_POSTS,
} BylineJekyllFolder;

BylineJekyllFolder  byline_jekyll_folder_of      (BylineSite   *site,
                                                  const char   *path);
char               *byline_jekyll_publish_path   (BylineSite   *site,
                                                  const char   *path,
                                                  gboolean      publish,
                                                  GDateTime    *date,
                                                  GError      **error);
char               *byline_jekyll_publish        (BylineSite   *site,
                                                  const char   *path,
                                                  gboolean      publish,
                                                  GDateTime    *date,
                                                  GError      **error);
char               *byline_post_file_slug        (const char   *path);
char               *byline_post_path_for_slug    (const char   *path,
                                                  const char   *slug);
char               *byline_post_rename_slug      (const char   *path,
                                                  const char   *slug,
                                                  GError      **error);
gboolean            byline_file_move_exclusive   (const char   *from,
                                                  const char   *to,
                                                  GError      **error);

G_END_DECLS
