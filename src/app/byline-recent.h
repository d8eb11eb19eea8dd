/* byline-recent.h: recent sites and posts, by their names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_RECENT_GROUP_SITE "byline-site"
#define BYLINE_RECENT_GROUP_POST "byline-post"

void   byline_recent_add_site      (GtkRecentManager *manager,
                                    BylineSite       *site);
void   byline_recent_add_post      (GtkRecentManager *manager,
                                    GFile            *file,
                                    const char       *title,
                                    const char       *site_root);
char  *byline_recent_dup_label     (GtkRecentInfo    *info);
GPtrArray *byline_recent_list      (GtkRecentManager *manager,
                                    const char       *group,
                                    guint             max);

G_END_DECLS
