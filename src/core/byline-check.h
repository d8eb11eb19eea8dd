/* byline-check.h: which files of a folder are posts, and what is wrong with one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-frontmatter.h"
#include "byline-schema.h"
#include "byline-site.h"

G_BEGIN_DECLS

/**
 * BylineEntryCache:
 *
 * The entry ids of each collection of each site, read once, for checking
 * the references posts make (`byline_schema_check_references()`).
 * Thread-safe: one cache serves every worker of a scan.
 */
typedef struct _BylineEntryCache BylineEntryCache;

BylineEntryCache *byline_entry_cache_new    (void);
void              byline_entry_cache_free   (BylineEntryCache  *self);

GPtrArray        *byline_check_post         (BylineSite        *site,
                                             const char        *path,
                                             BylineSchema      *schema,
                                             BylineFrontmatter *frontmatter,
                                             GDateTime         *now,
                                             BylineEntryCache  *entries);

gboolean          byline_collect_posts      (const char        *dir,
                                             BylineSiteCache   *sites,
                                             GHashTable        *visited,
                                             GPtrArray         *paths,
                                             GPtrArray         *errors,
                                             GCancellable      *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineEntryCache, byline_entry_cache_free)

G_END_DECLS
