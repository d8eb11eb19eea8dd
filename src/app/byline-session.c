/* byline-session.c: what outlives the process: the open posts and their drafts
 *
 * Everything lives under $XDG_STATE_HOME/byline (~/.local/state/byline):
 *
 *   session.ini        the posts open now, in window and tab order: an id
 *                      each, the file's URI (none for an untitled post),
 *                      the window it is in and whether its tab is selected
 *   drafts/ID.md       the text of a post with unsaved changes, exactly as
 *                      the buffer holds it
 *   drafts/ID.ini      which file that draft belongs to, when it was
 *                      written, and what that file was like when the text
 *                      was last in step with it (so a change made to the
 *                      file while Byline was not running is not overwritten
 *                      unasked)
 *
 * session.ini is rewritten whenever the set of open posts changes, not just
 * at quit, so after a crash or a `kill -9` the next start finds both. All
 * writes are atomic replaces (byline_file_replace) made one at a time, in
 * the order they were asked for, on one worker thread: typing never waits
 * for the disk, and a draft deleted after a save can't be brought back by
 * an older write finishing late.
 *
 * The session also decides when a watched document's draft is written:
 * #BylineSession:draft-delay after typing pauses, and at least every two
 * delays while typing goes on; it is deleted once the document is saved or
 * its changes are discarded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-document.h"
#include "byline-file-io.h"
#include "byline-session.h"

struct _BylineSession
{
  GObject      parent_instance;

  char        *dir;
  char        *drafts_dir;
  GThreadPool *pool;

  GMutex       mutex;
  GCond        cond;
  guint        pending;

  GHashTable  *watches;      /* BylineDocument → Watch */
  guint        draft_delay;  /* ms */
};

/* A document whose unsaved text the session keeps as a draft. */
typedef struct
{
  BylineSession  *session;
  BylineDocument *document;
  guint           source;
  gint64          first_undrafted;  /* when the oldest change not in a draft was made */
} Watch;

enum {
  PROP_0,
  PROP_DRAFT_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BylineSession, byline_session, G_TYPE_OBJECT)

enum {
  DRAFT_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  JOB_WRITE_SESSION,
  JOB_WRITE_DRAFT,
  JOB_DELETE_DRAFT,
} JobKind;

typedef struct
{
  BylineSession *session;    /* unowned; finalize waits for the jobs */
  JobKind        kind;
  char          *id;
  char          *contents;   /* session.ini, or the draft's .ini */
  GBytes        *text;       /* the draft */
} Job;

static void
job_free (Job *job)
{
  g_free (job->id);
  g_free (job->contents);
  g_clear_pointer (&job->text, g_bytes_unref);
  g_free (job);
}

void
byline_session_entry_free (BylineSessionEntry *entry)
{
  g_free (entry->id);
  g_free (entry->uri);
  g_clear_pointer (&entry->draft_time, g_date_time_unref);
  g_free (entry);
}

static char *
draft_path (BylineSession *self,
            const char    *id,
            const char    *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (self->drafts_dir, name, NULL);
}

/* An id is ours (a UUID, or what an older session wrote): nothing that could
 * climb out of the drafts folder. */
static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 64)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

typedef struct
{
  BylineSession *session;
  char          *id;
  char          *message;
} Failure;

static gboolean
emit_failure_cb (gpointer user_data)
{
  Failure *failure = user_data;

  g_signal_emit (failure->session, signals[DRAFT_FAILED], 0, failure->id, failure->message);
  g_object_unref (failure->session);
  g_free (failure->id);
  g_free (failure->message);
  g_free (failure);

  return G_SOURCE_REMOVE;
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the system's reason */
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  return byline_file_replace (path, data, len, NULL, NULL, error);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  BylineSession *self = job->session;
  g_autoptr(GError) error = NULL;

  switch (job->kind)
    {
    case JOB_WRITE_SESSION:
      {
        g_autofree char *path = g_build_filename (self->dir, "session.ini", NULL);

        if (!write_file (path, job->contents, strlen (job->contents), &error))
          g_warning ("Could not remember the open posts: %s", error->message);
      }
      break;

    case JOB_WRITE_DRAFT:
      {
        g_autofree char *text_path = draft_path (self, job->id, ".md");
        g_autofree char *info_path = draft_path (self, job->id, ".ini");
        gsize len = 0;
        const char *text = g_bytes_get_data (job->text, &len);

        /* The text first: a draft without its .ini is still recovered (as
         * an untitled post), an .ini without text is nothing. */
        if (!write_file (text_path, text, len, &error) ||
            !write_file (info_path, job->contents, strlen (job->contents), &error))
          {
            Failure *failure = g_new0 (Failure, 1);

            failure->session = g_object_ref (self);
            failure->id = g_strdup (job->id);
            failure->message = g_strdup (error->message);
            g_idle_add (emit_failure_cb, failure);
          }
      }
      break;

    case JOB_DELETE_DRAFT:
      {
        g_autofree char *text_path = draft_path (self, job->id, ".md");
        g_autofree char *info_path = draft_path (self, job->id, ".ini");

        if (g_unlink (text_path) != 0 && errno != ENOENT)
          g_warning ("Could not delete the draft %s: %s", text_path, g_strerror (errno));
        g_unlink (info_path);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_mutex_lock (&self->mutex);
  self->pending--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  job_free (job);
}

static void
byline_session_push (BylineSession *self,
                     Job           *job)
{
  /* No reference: the last one must not be dropped on the worker, which
   * finalize waits for. */
  job->session = self;

  g_mutex_lock (&self->mutex);
  self->pending++;
  g_mutex_unlock (&self->mutex);

  g_thread_pool_push (self->pool, job, NULL);
}

static void
watch_free (Watch *watch)
{
  g_clear_handle_id (&watch->source, g_source_remove);
  g_signal_handlers_disconnect_by_data (watch->document, watch);
  g_free (watch);
}

static void
byline_session_dispose (GObject *object)
{
  BylineSession *self = BYLINE_SESSION (object);

  g_clear_pointer (&self->watches, g_hash_table_unref);

  G_OBJECT_CLASS (byline_session_parent_class)->dispose (object);
}

static void
byline_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylineSession *self = BYLINE_SESSION (object);

  switch (prop_id)
    {
    case PROP_DRAFT_DELAY:
      g_value_set_uint (value, self->draft_delay);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylineSession *self = BYLINE_SESSION (object);

  switch (prop_id)
    {
    case PROP_DRAFT_DELAY:
      if (self->draft_delay != g_value_get_uint (value))
        {
          self->draft_delay = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_session_finalize (GObject *object)
{
  BylineSession *self = (BylineSession *)object;

  byline_session_flush (self);
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->dir);
  g_free (self->drafts_dir);

  G_OBJECT_CLASS (byline_session_parent_class)->finalize (object);
}

static void
byline_session_class_init (BylineSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_session_dispose;
  object_class->finalize = byline_session_finalize;
  object_class->get_property = byline_session_get_property;
  object_class->set_property = byline_session_set_property;

  /**
   * BylineSession:draft-delay:
   *
   * How long after typing pauses a watched document's draft is written, in
   * milliseconds.
   */
  properties[PROP_DRAFT_DELAY] =
    g_param_spec_uint ("draft-delay", NULL, NULL,
                       0, G_MAXUINT, 1000,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineSession::draft-failed:
   * @id: the document whose draft could not be written
   * @message: why, for the user
   */
  signals[DRAFT_FAILED] =
    g_signal_new ("draft-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
byline_session_init (BylineSession *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  /* One thread, exclusive: jobs run in the order they were pushed. */
  self->pool = g_thread_pool_new (run_job, NULL, 1, TRUE, NULL);
  self->watches = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) watch_free);
  self->draft_delay = 1000;
}

/**
 * byline_session_new:
 * @dir: (nullable): the folder to keep the session in, or %NULL for
 *   $XDG_STATE_HOME/byline
 */
BylineSession *
byline_session_new (const char *dir)
{
  BylineSession *self = g_object_new (BYLINE_TYPE_SESSION, NULL);

  if (dir != NULL)
    self->dir = g_strdup (dir);
  else
    self->dir = g_build_filename (g_get_user_state_dir (), "byline", NULL);
  self->drafts_dir = g_build_filename (self->dir, "drafts", NULL);

  return self;
}

const char *
byline_session_get_dir (BylineSession *self)
{
  g_return_val_if_fail (BYLINE_IS_SESSION (self), NULL);

  return self->dir;
}

static BylineSessionEntry *
entry_new (BylineSession *self,
           const char    *id,
           const char    *uri)
{
  BylineSessionEntry *entry = g_new0 (BylineSessionEntry, 1);
  g_autofree char *text_path = draft_path (self, id, ".md");
  g_autofree char *info_path = draft_path (self, id, ".ini");
  g_autoptr(GKeyFile) info = g_key_file_new ();

  entry->id = g_strdup (id);
  entry->uri = (uri != NULL && uri[0] != '\0') ? g_strdup (uri) : NULL;

  if (g_file_test (text_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *written = NULL;
      g_autofree char *draft_uri = NULL;
      GStatBuf st;

      if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
        {
          written = g_key_file_get_string (info, "Draft", "written", NULL);
          draft_uri = g_key_file_get_string (info, "Draft", "uri", NULL);
          if (g_key_file_has_group (info, "Base"))
            {
              entry->has_base = TRUE;
              entry->base.exists = g_key_file_get_boolean (info, "Base", "exists", NULL);
              entry->base.dev = g_key_file_get_uint64 (info, "Base", "dev", NULL);
              entry->base.ino = g_key_file_get_uint64 (info, "Base", "ino", NULL);
              entry->base.size = g_key_file_get_uint64 (info, "Base", "size", NULL);
              entry->base.mtime_ns = g_key_file_get_int64 (info, "Base", "mtime-ns", NULL);
            }
        }

      if (written != NULL)
        entry->draft_time = g_date_time_new_from_iso8601 (written, NULL);
      if (entry->draft_time == NULL && g_stat (text_path, &st) == 0)
        entry->draft_time = g_date_time_new_from_unix_local (st.st_mtime);
      if (entry->draft_time == NULL)
        entry->draft_time = g_date_time_new_now_local ();

      /* The draft knows its file even when the session doesn't (a crash
       * between a Save As and the session's next write). */
      if (draft_uri != NULL && draft_uri[0] != '\0')
        {
          g_free (entry->uri);
          entry->uri = g_steal_pointer (&draft_uri);
        }
    }

  return entry;
}

/* Whether @info_name (ID.ini) has its ID.md. */
static gboolean
draft_exists (BylineSession *self,
              const char    *info_name)
{
  g_autofree char *id = g_strndup (info_name, strlen (info_name) - 4);
  g_autofree char *text_path = draft_path (self, id, ".md");

  return g_file_test (text_path, G_FILE_TEST_EXISTS);
}

/**
 * byline_session_load:
 *
 * Reads the session: the posts that were open, in order, then any draft
 * that no session entry names (never drop unsaved text on the floor).
 * Small files, read once at startup; leftovers of a crash in the drafts
 * folder are removed.
 *
 * Returns: (transfer container) (element-type BylineSessionEntry): entries
 */
GPtrArray *
byline_session_load (BylineSession *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_session_entry_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (BYLINE_IS_SESSION (self), NULL);

  path = g_build_filename (self->dir, "session.ini", NULL);
  if (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
    ids = g_key_file_get_string_list (keyfile, "Session", "documents", NULL, NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *uri = NULL;
      BylineSessionEntry *entry;

      if (!id_is_valid (ids[i]) || g_hash_table_contains (seen, ids[i]))
        continue;
      g_hash_table_add (seen, g_strdup (ids[i]));

      uri = g_key_file_get_string (keyfile, ids[i], "uri", NULL);
      entry = entry_new (self, ids[i], uri);
      /* A session written before tabs: one post a window. */
      if (g_key_file_has_key (keyfile, ids[i], "window", NULL))
        entry->window = g_key_file_get_integer (keyfile, ids[i], "window", NULL);
      else
        entry->window = i;
      entry->active = g_key_file_get_boolean (keyfile, ids[i], "active", NULL);
      g_ptr_array_add (entries, entry);
    }

  if ((dir = g_dir_open (self->drafts_dir, 0, NULL)))
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *id = NULL;

          /* What a crash mid-write leaves: a temporary file of
           * byline_file_replace(), or a draft's .ini without its text. */
          if (name[0] == '.' ||
              (g_str_has_suffix (name, ".ini") && !draft_exists (self, name)))
            {
              g_autofree char *stale = g_build_filename (self->drafts_dir, name, NULL);

              g_unlink (stale);
              continue;
            }

          if (!g_str_has_suffix (name, ".md"))
            continue;
          id = g_strndup (name, strlen (name) - 3);
          if (id_is_valid (id) && !g_hash_table_contains (seen, id))
            g_ptr_array_add (orphans, g_steal_pointer (&id));
        }
    }

  /* Readdir order is the file system's; a stable order for the user. */
  g_ptr_array_sort (orphans, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < orphans->len; i++)
    {
      const char *id = g_ptr_array_index (orphans, i);

      g_hash_table_add (seen, g_strdup (id));
      g_ptr_array_add (entries, entry_new (self, id, NULL));
    }

  return g_steal_pointer (&entries);
}

/**
 * byline_session_set_documents:
 * @entries: (element-type BylineSessionEntry): the posts open now (only
 *   the ids and URIs are read)
 *
 * Remembers which posts are open, on disk at once (well, on the worker
 * thread's next turn), so a crash can't lose the list.
 */
void
byline_session_set_documents (BylineSession *self,
                              GPtrArray     *entries)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  Job *job;

  g_return_if_fail (BYLINE_IS_SESSION (self));
  g_return_if_fail (entries != NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      BylineSessionEntry *entry = g_ptr_array_index (entries, i);

      if (!id_is_valid (entry->id))
        continue;
      g_ptr_array_add (ids, entry->id);
      if (entry->uri != NULL)
        g_key_file_set_string (keyfile, entry->id, "uri", entry->uri);
      g_key_file_set_integer (keyfile, entry->id, "window", entry->window);
      if (entry->active)
        g_key_file_set_boolean (keyfile, entry->id, "active", TRUE);
    }

  g_key_file_set_string_list (keyfile, "Session", "documents",
                              (const char * const *)ids->pdata, ids->len);

  job = g_new0 (Job, 1);
  job->kind = JOB_WRITE_SESSION;
  job->contents = g_key_file_to_data (keyfile, NULL, NULL);
  byline_session_push (self, job);
}

/**
 * byline_session_write_draft:
 * @uri: (nullable): the post's file, %NULL for an untitled post
 * @base: (nullable): that file when the text was last loaded or saved
 * @text: the buffer's text
 *
 * Queues a write of the draft; a failure is reported by
 * #BylineSession::draft-failed.
 */
void
byline_session_write_draft (BylineSession         *self,
                            const char            *id,
                            const char            *uri,
                            const BylineFileStamp *base,
                            GBytes                *text)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *written = g_date_time_format_iso8601 (now);
  Job *job;

  g_return_if_fail (BYLINE_IS_SESSION (self));
  g_return_if_fail (id_is_valid (id));
  g_return_if_fail (text != NULL);

  g_key_file_set_string (info, "Draft", "uri", uri ? uri : "");
  g_key_file_set_string (info, "Draft", "written", written);
  if (base != NULL)
    {
      g_key_file_set_boolean (info, "Base", "exists", base->exists);
      g_key_file_set_uint64 (info, "Base", "dev", base->dev);
      g_key_file_set_uint64 (info, "Base", "ino", base->ino);
      g_key_file_set_uint64 (info, "Base", "size", base->size);
      g_key_file_set_int64 (info, "Base", "mtime-ns", base->mtime_ns);
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_WRITE_DRAFT;
  job->id = g_strdup (id);
  job->text = g_bytes_ref (text);
  job->contents = g_key_file_to_data (info, NULL, NULL);
  byline_session_push (self, job);
}

void
byline_session_delete_draft (BylineSession *self,
                             const char    *id)
{
  Job *job;

  g_return_if_fail (BYLINE_IS_SESSION (self));
  g_return_if_fail (id_is_valid (id));

  job = g_new0 (Job, 1);
  job->kind = JOB_DELETE_DRAFT;
  job->id = g_strdup (id);
  byline_session_push (self, job);
}

/**
 * byline_session_read_draft:
 *
 * Returns: (transfer full) (nullable): the draft's text, valid UTF-8
 */
GBytes *
byline_session_read_draft (BylineSession  *self,
                           const char     *id,
                           GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  gsize raw_len = 0;
  gsize len = 0;
  gsize n_invalid = 0;

  g_return_val_if_fail (BYLINE_IS_SESSION (self), NULL);
  g_return_val_if_fail (id_is_valid (id), NULL);

  /* Finish queued writes first: the draft on disk is then the latest. */
  byline_session_flush (self);

  path = draft_path (self, id, ".md");
  if (!(raw = byline_file_read (path, 0, &raw_len, NULL, error)))
    return NULL;

  /* Drafts are written from the buffer, so UTF-8; a damaged one is still
   * read, not refused. */
  if (!(text = byline_text_decode (raw, raw_len, &len, &n_invalid, error)))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&text), len);
}

/**
 * byline_session_flush:
 *
 * Waits until every queued write is on disk (at quit, and in tests).
 */
void
byline_session_flush (BylineSession *self)
{
  g_return_if_fail (BYLINE_IS_SESSION (self));

  g_mutex_lock (&self->mutex);
  while (self->pending > 0)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

/* --- drafts of watched documents ----------------------------------------- */

static void
watch_write_draft (Watch *watch)
{
  BylineDocument *document = watch->document;
  GFile *file = byline_document_get_file (document);
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;
  g_autoptr(GBytes) text = NULL;

  g_clear_handle_id (&watch->source, g_source_remove);
  watch->first_undrafted = 0;

  if (byline_document_get_loading (document) ||
      !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    return;

  /* The post's copy of the text: no copy here, the write is on a worker. */
  text = byline_document_get_snapshot (document);
  byline_session_write_draft (watch->session, byline_document_get_id (document), uri,
                              file != NULL ? byline_document_get_stamp (document) : NULL,
                              text);
}

static gboolean
watch_timeout_cb (gpointer user_data)
{
  Watch *watch = user_data;

  watch->source = 0;
  watch_write_draft (watch);

  return G_SOURCE_REMOVE;
}

/* A draft is written once typing pauses for the draft delay; typing without
 * a pause still gets one every two delays or so. */
static void
watch_queue (Watch *watch)
{
  guint delay = watch->session->draft_delay;
  gint64 now = g_get_monotonic_time ();

  if (watch->first_undrafted == 0)
    watch->first_undrafted = now;
  else if (watch->source != 0 && now - watch->first_undrafted >= 2 * (gint64) delay * 1000)
    return;

  g_clear_handle_id (&watch->source, g_source_remove);
  watch->source = g_timeout_add (delay, watch_timeout_cb, watch);
  g_source_set_name_by_id (watch->source, "[byline] draft");
}

static void
byline_session_document_changed_cb (BylineDocument *document,
                                    GParamSpec     *pspec,
                                    Watch          *watch)
{
  /* A post being loaded has no changes of the user's, whatever the
   * modified flag says while the text arrives. */
  if (byline_document_get_loading (document))
    return;

  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    {
      watch_queue (watch);
    }
  else if (watch->source != 0 || watch->first_undrafted != 0 || pspec == NULL)
    {
      /* Saved or discarded: the draft has nothing left to keep. */
      g_clear_handle_id (&watch->source, g_source_remove);
      watch->first_undrafted = 0;
      byline_session_delete_draft (watch->session, byline_document_get_id (document));
    }
}

static void
byline_session_document_modified_changed_cb (BylineDocument *document,
                                             Watch          *watch)
{
  byline_session_document_changed_cb (document, NULL, watch);
}

/**
 * byline_session_watch_document:
 * @document: a document to keep drafts of
 *
 * From now on, unsaved changes of @document are written to its draft
 * #BylineSession:draft-delay after typing pauses, and the draft goes once
 * the document is saved or its changes are discarded. Call
 * byline_session_unwatch_document() before @document goes away.
 */
void
byline_session_watch_document (BylineSession  *self,
                               BylineDocument *document)
{
  Watch *watch;

  g_return_if_fail (BYLINE_IS_SESSION (self));
  g_return_if_fail (BYLINE_IS_DOCUMENT (document));

  if (g_hash_table_contains (self->watches, document))
    return;

  watch = g_new0 (Watch, 1);
  watch->session = self;
  watch->document = document;
  g_signal_connect (document, "notify::post",
                    G_CALLBACK (byline_session_document_changed_cb), watch);
  g_signal_connect (document, "modified-changed",
                    G_CALLBACK (byline_session_document_modified_changed_cb), watch);
  g_hash_table_insert (self->watches, document, watch);
}

/**
 * byline_session_unwatch_document:
 *
 * Stops keeping drafts of @document; a draft written already stays (the
 * next start recovers it).
 */
void
byline_session_unwatch_document (BylineSession  *self,
                                 BylineDocument *document)
{
  g_return_if_fail (BYLINE_IS_SESSION (self));

  if (self->watches != NULL)
    g_hash_table_remove (self->watches, document);
}

/**
 * byline_session_forget_draft:
 *
 * The user gave up @document's unsaved changes (Discard): its draft goes
 * now, and no pending write brings it back.
 */
void
byline_session_forget_draft (BylineSession  *self,
                             BylineDocument *document)
{
  Watch *watch;

  g_return_if_fail (BYLINE_IS_SESSION (self));
  g_return_if_fail (BYLINE_IS_DOCUMENT (document));

  if ((watch = g_hash_table_lookup (self->watches, document)) != NULL)
    {
      g_clear_handle_id (&watch->source, g_source_remove);
      watch->first_undrafted = 0;
    }

  byline_session_delete_draft (self, byline_document_get_id (document));
}
