/* byline-site-watcher.h: the files that define open posts' sites, watched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_SITE_WATCHER (byline_site_watcher_get_type ())

G_DECLARE_FINAL_TYPE (BylineSiteWatcher, byline_site_watcher, BYLINE, SITE_WATCHER, GObject)

BylineSiteWatcher *byline_site_watcher_new   (BylineSiteCache   *cache);
void               byline_site_watcher_watch (BylineSiteWatcher *self,
                                              BylineSite        *site);
gboolean           byline_site_watcher_is_watching (BylineSiteWatcher *self,
                                              const char        *root);

G_END_DECLS
