/* byline-file-monitor.c: tells when a file may have changed on disk
 *
 * A change on disk comes as a burst of events (a write, its attributes, a
 * close; a rename over the file; a delete and a create). Which events came
 * does not matter to the document, only that the file is worth a look once
 * they settle: #BylineFileMonitor::changed says so, once per burst, and the
 * document compares the file's stamp with the one it last read or wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include "byline-file-monitor.h"

/* How long a burst of events must have been quiet. */
#define SETTLE_DELAY_MS 100

struct _BylineFileMonitor
{
  GObject       parent_instance;

  GFile        *file;
  GFileMonitor *monitor;
  guint         settle_source;
};

G_DEFINE_FINAL_TYPE (BylineFileMonitor, byline_file_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
byline_file_monitor_settled_cb (gpointer user_data)
{
  BylineFileMonitor *self = user_data;

  self->settle_source = 0;
  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
byline_file_monitor_monitor_changed_cb (BylineFileMonitor *self,
                                        GFile             *file,
                                        GFile             *other_file,
                                        GFileMonitorEvent  event,
                                        GFileMonitor      *monitor)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (SETTLE_DELAY_MS, byline_file_monitor_settled_cb, self);
  g_source_set_name_by_id (self->settle_source, "[byline] file monitor settle");
}

static void
byline_file_monitor_stop (BylineFileMonitor *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
}

static void
byline_file_monitor_dispose (GObject *object)
{
  BylineFileMonitor *self = BYLINE_FILE_MONITOR (object);

  byline_file_monitor_stop (self);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (byline_file_monitor_parent_class)->dispose (object);
}

static void
byline_file_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineFileMonitor *self = BYLINE_FILE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_file_monitor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineFileMonitor *self = BYLINE_FILE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_FILE:
      byline_file_monitor_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_file_monitor_class_init (BylineFileMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_file_monitor_dispose;
  object_class->get_property = byline_file_monitor_get_property;
  object_class->set_property = byline_file_monitor_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineFileMonitor::changed:
   *
   * The file may have changed, moved or gone: a burst of events about it
   * is over.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
byline_file_monitor_init (BylineFileMonitor *self)
{
}

BylineFileMonitor *
byline_file_monitor_new (void)
{
  return g_object_new (BYLINE_TYPE_FILE_MONITOR, NULL);
}

/**
 * byline_file_monitor_get_file:
 *
 * Returns: (transfer none) (nullable): the file watched
 */
GFile *
byline_file_monitor_get_file (BylineFileMonitor *self)
{
  g_return_val_if_fail (BYLINE_IS_FILE_MONITOR (self), NULL);

  return self->file;
}

/**
 * byline_file_monitor_set_file:
 * @file: (nullable): the file to watch, or %NULL to stop
 *
 * Watches @file (moves into and out of its place included). A file that
 * can't be watched (on a file system without notifications) only means no
 * #BylineFileMonitor::changed.
 */
void
byline_file_monitor_set_file (BylineFileMonitor *self,
                              GFile             *file)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BYLINE_IS_FILE_MONITOR (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  byline_file_monitor_stop (self);
  g_set_object (&self->file, file);

  if (file != NULL)
    {
      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (self->monitor == NULL)
        g_debug ("Not watching %s for changes: %s", g_file_peek_path (file), error->message);
      else
        g_signal_connect_object (self->monitor, "changed",
                                 G_CALLBACK (byline_file_monitor_monitor_changed_cb),
                                 self, G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}
