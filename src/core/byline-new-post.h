/* byline-new-post.h: a new post where its site wants it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_NEW_POST_ERROR (byline_new_post_error_quark ())

typedef enum
{
  BYLINE_NEW_POST_ERROR_COLLECTION,   /* no such collection, or one is needed */
  BYLINE_NEW_POST_ERROR_TITLE,        /* the title makes no file name */
  BYLINE_NEW_POST_ERROR_TEMPLATE,     /* an archetype Byline cannot evaluate */
} BylineNewPostError;

GQuark  byline_new_post_error_quark  (void);

char   *byline_new_post_plan         (BylineSite   *site,
                                      const char   *collection,
                                      const char   *title,
                                      gboolean      draft,
                                      GDateTime    *now,
                                      char        **text,
                                      GError      **error);
char   *byline_new_post_create       (BylineSite   *site,
                                      const char   *collection,
                                      const char   *title,
                                      gboolean      draft,
                                      GDateTime    *now,
                                      GError      **error);
char   *byline_new_post_frontmatter  (BylineSchema *schema,
                                      const char   *title,
                                      gboolean      draft,
                                      GDateTime    *now,
                                      GError      **error);
char   *byline_hugo_archetype_eval   (const char   *archetype,
                                      const char   *name,
                                      const char   *section,
                                      GDateTime    *date,
                                      GError      **error);

G_END_DECLS
