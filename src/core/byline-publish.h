/* byline-publish.h: Jekyll's publish and unpublish, which move the file
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
gboolean            byline_file_move_exclusive   (const char   *from,
                                                  const char   *to,
                                                  GError      **error);

G_END_DECLS
