/* byline-site-watcher.c: the files that define open posts' sites, watched
 *
 * A site is read once and cached (BylineSiteCache); when one of its files
 * changes (the config, the content config, package.json, a schema `astro
 * sync` or `astro dev` writes, the folder they go to) the cached site is
 * dropped and ::changed tells the pages of that site to find their
 * schema again. Writers touch several files in a row (astro sync writes
 * one schema per collection), so the changes of one site are gathered for
 * 300 ms and announced once.
 *
 * A path that does not exist yet (.astro/collections before the first
 * sync) is not left to GLib, which polls a missing path every 4 seconds
 * and, once a folder appears where a file was watched, does not look
 * inside it: its nearest existing folder is watched instead, and when the
 * next folder on the way appears the site's monitors are set up again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include "byline-site-watcher.h"

#define SETTLE_MS 300

typedef struct
{
  BylineSiteWatcher *watcher;   /* borrowed: it owns this */
  char              *root;
  GStrv              paths;     /* the watched files, as the site listed them */
  GPtrArray         *monitors;
  guint              settle_source;
  guint              rearm_source;
} Watch;

struct _BylineSiteWatcher
{
  GObject          parent_instance;

  BylineSiteCache *cache;    /* borrowed: process-wide */
  GHashTable      *watches;  /* root -> Watch */
};

G_DEFINE_FINAL_TYPE (BylineSiteWatcher, byline_site_watcher, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
watch_stop_monitors (Watch *watch)
{
  for (guint i = 0; i < watch->monitors->len; i++)
    {
      GFileMonitor *monitor = g_ptr_array_index (watch->monitors, i);

      g_signal_handlers_disconnect_by_data (monitor, watch);
      g_file_monitor_cancel (monitor);
    }
  g_ptr_array_set_size (watch->monitors, 0);
}

static void
watch_free (Watch *watch)
{
  watch_stop_monitors (watch);
  g_clear_handle_id (&watch->settle_source, g_source_remove);
  g_clear_handle_id (&watch->rearm_source, g_source_remove);
  g_ptr_array_unref (watch->monitors);
  g_strfreev (watch->paths);
  g_free (watch->root);
  g_free (watch);
}

static gboolean
byline_site_watcher_settled_cb (gpointer data)
{
  Watch *watch = data;
  BylineSiteWatcher *self = watch->watcher;
  g_autofree char *root = g_strdup (watch->root);

  watch->settle_source = 0;
  if (self->cache != NULL)
    byline_site_cache_invalidate (self->cache, root);
  /* Handlers may watch the site again (and so replace @watch). */
  g_signal_emit (self, signals[CHANGED], 0, root);

  return G_SOURCE_REMOVE;
}

static void watch_start_monitors (Watch *watch);

static gboolean
byline_site_watcher_rearm_cb (gpointer data)
{
  Watch *watch = data;

  watch->rearm_source = 0;
  watch_stop_monitors (watch);
  watch_start_monitors (watch);

  return G_SOURCE_REMOVE;
}

/* Whether @file is @target or a folder on the way to it. */
static gboolean
is_on_the_way (GFile      *file,
               const char *target)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gsize len;

  if (path == NULL)
    return FALSE;
  len = strlen (path);
  return strncmp (path, target, len) == 0 && (target[len] == '\0' || target[len] == G_DIR_SEPARATOR);
}

static void
byline_site_watcher_monitor_changed_cb (GFileMonitor      *monitor,
                                        GFile             *file,
                                        GFile             *other_file,
                                        GFileMonitorEvent  event,
                                        gpointer           data)
{
  Watch *watch = data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_MOVED:
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    default:
      return;
    }

  /* A folder watched for a path not there yet: only the way to it counts,
   * and once the next step of it appears, watch again from there (after
   * this handler: the monitors go). */
  {
    const char *target = g_object_get_data (G_OBJECT (monitor), "byline-target");

    if (target != NULL)
      {
        if (!is_on_the_way (file, target) && !is_on_the_way (other_file, target))
          return;
        if (watch->rearm_source == 0)
          {
            watch->rearm_source = g_idle_add_full (G_PRIORITY_HIGH, byline_site_watcher_rearm_cb,
                                                   watch, NULL);
            g_source_set_name_by_id (watch->rearm_source, "[byline] site watched again");
          }
      }
  }

  /* Each change starts the wait again: one announcement per burst. */
  g_clear_handle_id (&watch->settle_source, g_source_remove);
  watch->settle_source = g_timeout_add (SETTLE_MS, byline_site_watcher_settled_cb, watch);
  g_source_set_name_by_id (watch->settle_source, "[byline] site settled");
}

static void
watch_start_monitors (Watch *watch)
{
  for (guint i = 0; watch->paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (watch->paths[i]);
      g_autoptr(GFile) folder = NULL;
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor;

      /* A folder (.astro/collections) is watched for the files in it; a
       * file for itself; a path not there yet through its nearest
       * existing folder. */
      if (g_file_test (watch->paths[i], G_FILE_TEST_IS_DIR))
        monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      else if (g_file_test (watch->paths[i], G_FILE_TEST_EXISTS))
        monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      else
        {
          folder = g_file_get_parent (file);
          while (folder != NULL && !g_file_query_exists (folder, NULL))
            {
              GFile *up = g_file_get_parent (folder);

              g_object_unref (folder);
              folder = up;
            }
          if (folder == NULL)
            continue;
          monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
          if (monitor != NULL)
            g_object_set_data_full (G_OBJECT (monitor), "byline-target",
                                    g_strdup (watch->paths[i]), g_free);
        }
      if (monitor == NULL)
        {
          g_debug ("Cannot watch %s: %s", watch->paths[i], error->message);
          continue;
        }
      g_signal_connect (monitor, "changed",
                        G_CALLBACK (byline_site_watcher_monitor_changed_cb), watch);
      g_ptr_array_add (watch->monitors, monitor);
    }
}

static void
byline_site_watcher_finalize (GObject *object)
{
  BylineSiteWatcher *self = BYLINE_SITE_WATCHER (object);

  g_hash_table_unref (self->watches);

  G_OBJECT_CLASS (byline_site_watcher_parent_class)->finalize (object);
}

static void
byline_site_watcher_class_init (BylineSiteWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_site_watcher_finalize;

  /**
   * BylineSiteWatcher::changed:
   * @root: the root of the site
   *
   * A file that defines the site changed (and settled); the cache no longer
   * holds the site.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
byline_site_watcher_init (BylineSiteWatcher *self)
{
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) watch_free);
}

/**
 * byline_site_watcher_new:
 * @cache: (nullable): the cache to drop changed sites from
 *
 * Returns: (transfer full): a new watcher
 */
BylineSiteWatcher *
byline_site_watcher_new (BylineSiteCache *cache)
{
  BylineSiteWatcher *self = g_object_new (BYLINE_TYPE_SITE_WATCHER, NULL);

  self->cache = cache;

  return self;
}

/**
 * byline_site_watcher_watch:
 * @self: a watcher
 * @site: a site
 *
 * Watches the files byline_site_get_watched_files() lists for @site, from
 * now until the watcher goes. Watching a site again with the same files
 * costs nothing; with other files (a new collection) they replace the old.
 */
void
byline_site_watcher_watch (BylineSiteWatcher *self,
                           BylineSite        *site)
{
  const char * const *paths;
  Watch *watch;

  g_return_if_fail (BYLINE_IS_SITE_WATCHER (self));
  g_return_if_fail (site != NULL);

  paths = byline_site_get_watched_files (site);
  watch = g_hash_table_lookup (self->watches, byline_site_get_root (site));
  if (watch != NULL && g_strv_equal ((const char * const *) watch->paths, paths))
    return;

  if (watch == NULL)
    {
      watch = g_new0 (Watch, 1);
      watch->watcher = self;
      watch->root = g_strdup (byline_site_get_root (site));
      watch->monitors = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->watches, watch->root, watch);
    }
  else
    {
      watch_stop_monitors (watch);
      g_strfreev (watch->paths);
    }

  watch->paths = g_strdupv ((char **) paths);
  watch_start_monitors (watch);
}

/**
 * byline_site_watcher_is_watching:
 *
 * Returns: whether the site at @root is watched
 */
gboolean
byline_site_watcher_is_watching (BylineSiteWatcher *self,
                                 const char        *root)
{
  g_return_val_if_fail (BYLINE_IS_SITE_WATCHER (self), FALSE);

  return root != NULL && g_hash_table_contains (self->watches, root);
}
