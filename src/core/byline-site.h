/* byline-site.h: the site a post belongs to, its collections and their schemas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-frontmatter.h"
#include "byline-schema.h"

G_BEGIN_DECLS

#define BYLINE_SITE_ERROR (byline_site_error_quark ())

typedef enum
{
  BYLINE_SITE_ERROR_NOT_FOUND,   /* no site above the post: a lone post */
} BylineSiteError;

typedef enum
{
  BYLINE_GENERATOR_NONE,
  BYLINE_GENERATOR_ASTRO,
  BYLINE_GENERATOR_HUGO,
  BYLINE_GENERATOR_JEKYLL,
} BylineGenerator;

/**
 * BylineSiteSchemaState:
 * @BYLINE_SITE_SCHEMAS_BUILT_IN: the site's rules are built into Byline
 *   (Hugo, Jekyll, an AstroPaper site whose schemas are not written yet)
 * @BYLINE_SITE_SCHEMAS_CURRENT: read from the JSON Schemas `astro sync`
 *   wrote, which are newer than the content config
 * @BYLINE_SITE_SCHEMAS_MISSING: an Astro site whose schemas are not written:
 *   posts are checked for YAML only until `astro sync` runs
 * @BYLINE_SITE_SCHEMAS_STALE: the schemas are older than the content config:
 *   they are used, but may no longer be the site's
 * @BYLINE_SITE_SCHEMAS_NONE: the site declares no schema (Astro collections
 *   without one)
 */
typedef enum
{
  BYLINE_SITE_SCHEMAS_BUILT_IN,
  BYLINE_SITE_SCHEMAS_CURRENT,
  BYLINE_SITE_SCHEMAS_MISSING,
  BYLINE_SITE_SCHEMAS_STALE,
  BYLINE_SITE_SCHEMAS_NONE,
} BylineSiteSchemaState;

/**
 * BylineSite:
 *
 * A static site, read once from its files: its root, its generator, its
 * collections (which posts each takes) and their schemas. Immutable,
 * reference counted, safe to share between threads. Reading it is blocking
 * file I/O: do it on a worker thread, or through a #BylineSiteCache.
 */
typedef struct _BylineSite BylineSite;

GQuark                 byline_site_error_quark        (void);
const char            *byline_generator_to_string     (BylineGenerator  generator);

BylineSite            *byline_site_find               (const char      *post_path,
                                                       GError         **error);
BylineSite            *byline_site_load               (const char      *root,
                                                       BylineGenerator  generator,
                                                       GError         **error);
BylineSite            *byline_site_ref                (BylineSite      *self);
void                   byline_site_unref              (BylineSite      *self);

const char            *byline_site_get_root           (BylineSite      *self);
char                  *byline_site_dup_title          (BylineSite      *self);
char                  *byline_site_dup_language       (BylineSite      *self);
BylineGenerator        byline_site_get_generator      (BylineSite      *self);
const char            *byline_site_get_config_path    (BylineSite      *self);
const char            *byline_site_get_content_config (BylineSite      *self);
BylineSiteSchemaState  byline_site_get_schema_state   (BylineSite      *self);
gboolean               byline_site_is_astropaper      (BylineSite      *self);
const char * const    *byline_site_get_watched_files  (BylineSite      *self);
gboolean               byline_site_is_current         (BylineSite      *self);
char                 **byline_site_sync_command       (BylineSite      *self);

guint                  byline_site_get_n_collections  (BylineSite      *self);
const char            *byline_site_get_collection     (BylineSite      *self,
                                                       guint            index,
                                                       const char     **base);
char                  *byline_site_find_collection    (BylineSite      *self,
                                                       const char      *post_path);
BylineSchema          *byline_site_get_schema_for     (BylineSite      *self,
                                                       const char      *post_path,
                                                       char           **collection_name);
char                  *byline_site_dup_collection_folder (BylineSite   *self,
                                                       const char      *post_path);
GDateTime             *byline_site_dup_path_date      (BylineSite      *self,
                                                       const char      *post_path);
char                 **byline_site_dup_entry_ids      (BylineSite      *self,
                                                       const char      *collection,
                                                       GCancellable    *cancellable,
                                                       GError         **error);
void                   byline_site_dup_entry_ids_async (BylineSite         *self,
                                                        const char         *collection,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
char                 **byline_site_dup_entry_ids_finish (GAsyncResult      *result,
                                                        GError           **error);
char                  *byline_site_resolve_image      (BylineSite      *self,
                                                       const char      *post_path,
                                                       const char      *value);
char                  *byline_site_image_value        (BylineSite      *self,
                                                       const char      *post_path,
                                                       const char      *image_path);
gboolean               byline_site_takes_file         (BylineSite      *self,
                                                       const char      *path);
GPtrArray             *byline_site_check_path         (BylineSite      *self,
                                                       const char      *post_path);

BylineSchema          *byline_schema_for_post         (BylineSite        *site,
                                                       const char        *post_path,
                                                       BylineFrontmatter *frontmatter,
                                                       char             **collection_name);
gboolean               byline_is_post_file_name       (const char      *name);

/**
 * BylineSiteCache:
 *
 * Sites by root, for an application that opens many posts of one site. A
 * lookup re-reads a site whose files changed since it was read (one stat()
 * per watched file), so a stale site is never returned; _invalidate() drops
 * one at once, for a file monitor. Thread-safe.
 */
typedef struct _BylineSiteCache BylineSiteCache;

BylineSiteCache       *byline_site_cache_new          (void);
void                   byline_site_cache_free         (BylineSiteCache *self);
BylineSite            *byline_site_cache_lookup       (BylineSiteCache *self,
                                                       const char      *post_path,
                                                       GError         **error);
BylineSite            *byline_site_cache_lookup_in    (BylineSiteCache *self,
                                                       const char      *dir,
                                                       BylineSite      *parent_site);
void                   byline_site_cache_invalidate   (BylineSiteCache *self,
                                                       const char      *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSite, byline_site_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSiteCache, byline_site_cache_free)

G_END_DECLS
