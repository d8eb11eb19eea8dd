/* byline-document.c: one post, its text in a GtkSourceBuffer, and its file
 *
 * The buffer holds the file's text exactly: a BOM stays a character of the
 * buffer, CRLF stays CRLF, and there is no implicit trailing newline, so what
 * a save writes is the buffer byte for byte. Everything else (title, draft,
 * featured, the diagnostics) is derived from the text once per user
 * action, in one BylinePost: the document builds it at the end of the action
 * (a change outside any action is one) and announces it through its "post"
 * property. Every view reads that post; none parses the text. Edits planned
 * on a post come back through byline_document_apply_edit(), which refuses
 * one planned on an older post.
 *
 * Files are read and written by the core's byline-file-io on worker
 * threads, not by GtkSourceFileLoader/Saver: the loader guesses a legacy
 * encoding for a UTF-8 post with one stray byte (mojibake everywhere) or
 * writes "\FF" escapes back as text, and the saver goes through
 * g_file_replace(), which rewrites a symlinked or hard-linked file, or one in
 * a read-only folder, in place — the way files end up empty after a full
 * disk. Here a save is always a new file renamed over the old one.
 *
 * A file monitor watches the file. A change made elsewhere is applied as
 * one edit (cursor and scroll stay) when the buffer has no edits of its
 * own; otherwise the document says so through its "disk-state" and leaves
 * the choice to the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-app-enums.h"
#include "byline-document.h"
#include "byline-file-monitor.h"
#include "byline-library.h"
#include "byline-slug.h"

/* A big file goes into the buffer a slice at a time, this long at most per
 * main loop iteration, so the window keeps drawing and taking input. */
#define LOAD_SLICE_BUDGET_US 8000
#define LOAD_SLICE_BYTES     (64 * 1024)

/* Past this many characters a post holds only the head of the text, as far
 * as the frontmatter goes: copying all of a 50 MB post at every key cost
 * 130 ms. The preview pauses for such a post. */
#define WHOLE_PARSE_MAX_CHARS (4 * 1024 * 1024)
#define HEAD_PARSE_CHARS      (64 * 1024)

struct _BylineDocument
{
  GtkSourceBuffer    parent_instance;

  GFile             *file;
  char              *id;
  BylineSchema      *schema;
  BylinePost        *post;
  guint64            change_serial;

  /* The buffer's text as bytes, kept in step with every insertion and
   * deletion: copying a 1 MB post out of the buffer took 8 ms a key, a
   * copy of this takes a tenth of one. The anchor is a character offset
   * and its byte offset, at the last edit: typing happens near it, so
   * finding the byte of a character scans a few characters, not the text. */
  GString           *mirror;
  glong              anchor_char;
  gsize              anchor_byte;

  /* The file as we last read or wrote it, and how to write it back. */
  BylineFileStamp    stamp;
  BylineFileStamp    disk_stamp;
  BylineNewline      newline;
  gsize              n_invalid;
  BylineDiskState    disk_state;

  GBytes            *saved_text;    /* the text as last loaded or saved */
  GBytes            *whole_text;    /* a partial post's whole text, once asked for */
  guint64            deleted_serial; /* the change serial when the file went */
  gboolean           deleted_untouched; /* and the buffer had no edits then */

  BylineFileMonitor *monitor;
  GCancellable      *check_cancellable;

  guint              busy : 1;
  guint              loading : 1;       /* the text arrives in slices */
  guint              loading_file : 1;  /* from load_async() to its end */
  guint              check_pending : 1;
  guint              marking_saved : 1;
  guint              in_user_action : 1;
  guint              post_pending : 1;  /* changed since the post was built */
};

G_DEFINE_FINAL_TYPE (BylineDocument, byline_document, GTK_SOURCE_TYPE_BUFFER)

enum {
  PROP_0,
  PROP_FILE,
  PROP_POST,
  PROP_SCHEMA,
  PROP_BUSY,
  PROP_LOADING,
  PROP_DISK_STATE,
  PROP_N_INVALID_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (byline-document-error-quark, byline_document_error)

static void byline_document_update_post (BylineDocument *self);
static void byline_document_check_disk (BylineDocument *self);

static void
byline_document_set_busy (BylineDocument *self,
                          gboolean        busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* A change on disk seen while we loaded or saved is looked at now, against
   * the stamp that load or save left. */
  if (!busy && self->check_pending)
    byline_document_check_disk (self);
}

static void
byline_document_set_disk_state (BylineDocument  *self,
                                BylineDiskState  state)
{
  if (self->disk_state == state)
    return;
  self->disk_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISK_STATE]);
}

/* Whether @head, the first characters of a long text, holds all of its
 * frontmatter: the block closes in it, or the text has no block at all. */
static gboolean
head_holds_frontmatter (const char *head,
                        gsize       len)
{
  BylineSplit split;
  const char *line;
  gsize line_len;

  byline_frontmatter_split (head, len, &split);
  if (split.kind != BYLINE_BLOCK_NONE)
    return TRUE;

  /* A block opened but not closed within the head is broken (or being
   * typed): the whole text then, as for any post. */
  line = head + split.bom_len;
  line_len = strcspn (line, "\r\n");
  while (line_len > 0 && (line[line_len - 1] == ' ' || line[line_len - 1] == '\t'))
    line_len--;

  return !(line_len == 3 && (memcmp (line, "---", 3) == 0 || memcmp (line, "+++", 3) == 0));
}

/* The byte offset in the mirror of character @offset. */
static gsize
byline_document_mirror_byte_at (BylineDocument *self,
                                glong           offset)
{
  const char *text = self->mirror->str;
  glong c = self->anchor_char;
  gsize b = self->anchor_byte;

  if (offset < c - offset)
    c = 0, b = 0;

  while (c < offset && b < self->mirror->len)
    {
      b = g_utf8_next_char (text + b) - text;
      c++;
    }
  while (c > offset && b > 0)
    {
      b = g_utf8_prev_char (text + b) - text;
      c--;
    }

  self->anchor_char = c;
  self->anchor_byte = b;

  return b;
}

static void
byline_document_insert_text (GtkTextBuffer *buffer,
                             GtkTextIter   *pos,
                             const char    *text,
                             int            len)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);
  glong offset = gtk_text_iter_get_offset (pos);
  gsize byte;

  if (len < 0)
    len = strlen (text);

  byte = byline_document_mirror_byte_at (self, offset);
  g_string_insert_len (self->mirror, byte, text, len);
  self->anchor_char = offset + g_utf8_strlen (text, len);
  self->anchor_byte = byte + len;

  GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->insert_text (buffer, pos, text, len);
}

static void
byline_document_delete_range (GtkTextBuffer *buffer,
                              GtkTextIter   *start,
                              GtkTextIter   *end)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);
  glong first = gtk_text_iter_get_offset (start);
  glong last = gtk_text_iter_get_offset (end);
  gsize first_byte, last_byte;

  if (first > last)
    {
      glong tmp = first;

      first = last;
      last = tmp;
    }

  last_byte = byline_document_mirror_byte_at (self, last);
  first_byte = byline_document_mirror_byte_at (self, first);
  g_string_erase (self->mirror, first_byte, last_byte - first_byte);
  self->anchor_char = first;
  self->anchor_byte = first_byte;

  GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->delete_range (buffer, start, end);
}

/* A picture or a widget in the text is not text: the document never has
 * one, and refuses them rather than let the mirror drift. */
static void
byline_document_insert_paintable (GtkTextBuffer *buffer,
                                  GtkTextIter   *pos,
                                  GdkPaintable  *paintable)
{
  g_warning ("A post's text holds no pictures; not inserted");
}

static void
byline_document_insert_child_anchor (GtkTextBuffer      *buffer,
                                     GtkTextIter        *pos,
                                     GtkTextChildAnchor *anchor)
{
  g_warning ("A post's text holds no widgets; not inserted");
}

/* One post for the text as it is now; announced once. */
static void
byline_document_update_post (BylineDocument *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(BylinePost) previous = NULL;
  g_autoptr(GBytes) text = NULL;
  gboolean partial = FALSE;
  const char *data;
  gsize len = 0;

  self->post_pending = FALSE;
  g_clear_pointer (&self->whole_text, g_bytes_unref);

  if (gtk_text_buffer_get_char_count (buffer) > WHOLE_PARSE_MAX_CHARS)
    {
      data = self->mirror->str;
      len = byline_document_mirror_byte_at (self, HEAD_PARSE_CHARS);
      if (head_holds_frontmatter (data, len))
        {
          text = g_bytes_new (data, len);
          partial = TRUE;
        }
    }

  /* One copy of the text per change, shared by every view through the post
   * (the preview may read it on a worker thread). */
  if (text == NULL)
    text = g_bytes_new (self->mirror->str, self->mirror->len);

  previous = g_steal_pointer (&self->post);
  self->post = byline_post_new (text, partial, self->schema, previous, self->change_serial, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}

/* The text is now what the file holds: remember it, and say so. */
static void
byline_document_mark_saved (BylineDocument *self,
                            GBytes         *text)
{
  if (text != self->saved_text)
    {
      g_clear_pointer (&self->saved_text, g_bytes_unref);
      self->saved_text = text ? g_bytes_ref (text) : NULL;
    }

  /* The guard needn't compare: this is the saved text by definition. */
  self->marking_saved = TRUE;
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
  self->marking_saved = FALSE;
}

/* Connected first, so it runs before anyone else hears of the change.
 * GtkTextBuffer's undo history keeps the save point where the save began:
 * type during a save, then undo, and it calls the buffer unmodified while
 * it differs from the file. A text that differs from the saved one stays
 * modified. */
static void
byline_document_modified_guard_cb (GtkTextBuffer *buffer,
                                   gpointer       user_data)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);
  g_autofree char *text = NULL;
  gsize len = 0;

  if (gtk_text_buffer_get_modified (buffer) || self->saved_text == NULL ||
      self->loading || self->marking_saved)
    return;

  text = byline_document_dup_text (self, &len);
  if (len == g_bytes_get_size (self->saved_text) &&
      memcmp (text, g_bytes_get_data (self->saved_text, NULL), len) == 0)
    {
      /* Back to the text last read (a recovered draft undone): the file
       * may well be that text, and the banner would be stale. */
      if (self->disk_state == BYLINE_DISK_STATE_CHANGED)
        byline_document_check_disk (self);
      return;
    }

  g_signal_stop_emission_by_name (buffer, "modified-changed");
  gtk_text_buffer_set_modified (buffer, TRUE);
}

static void
byline_document_changed (GtkTextBuffer *buffer)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);

  self->change_serial++;
  self->post_pending = TRUE;

  /* A load fills the buffer a slice at a time and builds one post at the
   * end; a post after every slice would be quadratic. Within a user action
   * (a key, a paste, a form edit that deletes and inserts) the post waits
   * for its end: one post per action. */
  if (!self->loading && !self->in_user_action)
    byline_document_update_post (self);

  if (GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->changed != NULL)
    GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->changed (buffer);
}

/* GtkTextBuffer emits these for the outermost action only. */
static void
byline_document_begin_user_action (GtkTextBuffer *buffer)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);

  self->in_user_action = TRUE;

  if (GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->begin_user_action != NULL)
    GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->begin_user_action (buffer);
}

static void
byline_document_end_user_action (GtkTextBuffer *buffer)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);

  if (GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->end_user_action != NULL)
    GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->end_user_action (buffer);

  self->in_user_action = FALSE;
  if (self->post_pending && !self->loading)
    byline_document_update_post (self);
}

/* Until posts know their site's schema: AstroPaper's, one for every
 * document, so views can tell a post checked by another schema. */
static BylineSchema *
byline_document_default_schema (void)
{
  static gsize astropaper;

  if (g_once_init_enter (&astropaper))
    g_once_init_leave (&astropaper, (gsize) byline_schema_new_astropaper ());

  return byline_schema_ref ((BylineSchema *) astropaper);
}

static void
byline_document_finalize (GObject *object)
{
  BylineDocument *self = (BylineDocument *)object;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->monitor);
  g_clear_object (&self->file);
  g_clear_pointer (&self->saved_text, g_bytes_unref);
  g_clear_pointer (&self->whole_text, g_bytes_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->post, byline_post_unref);
  g_clear_pointer (&self->schema, byline_schema_unref);
  g_string_free (self->mirror, TRUE);

  G_OBJECT_CLASS (byline_document_parent_class)->finalize (object);
}

static void
byline_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, byline_document_get_file (self));
      break;

    case PROP_POST:
      g_value_set_boxed (value, self->post);
      break;

    case PROP_SCHEMA:
      g_value_set_pointer (value, self->schema);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading_file);
      break;

    case PROP_DISK_STATE:
      g_value_set_enum (value, self->disk_state);
      break;

    case PROP_N_INVALID_BYTES:
      g_value_set_uint64 (value, self->n_invalid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_document_class_init (BylineDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->finalize = byline_document_finalize;
  object_class->get_property = byline_document_get_property;

  buffer_class->changed = byline_document_changed;
  buffer_class->insert_text = byline_document_insert_text;
  buffer_class->delete_range = byline_document_delete_range;
  buffer_class->insert_paintable = byline_document_insert_paintable;
  buffer_class->insert_child_anchor = byline_document_insert_child_anchor;
  buffer_class->begin_user_action = byline_document_begin_user_action;
  buffer_class->end_user_action = byline_document_end_user_action;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylineDocument:post:
   *
   * The text as of the last user action, and everything derived from it.
   * Notified once per user action (a change outside any action is one), and
   * once when a file has loaded.
   */
  /**
   * BylineDocument:schema:
   *
   * The #BylineSchema the posts are checked with (see
   * byline_document_get_schema()).
   */
  properties[PROP_SCHEMA] =
    g_param_spec_pointer ("schema", NULL, NULL,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_POST] =
    g_param_spec_boxed ("post", NULL, NULL,
                        BYLINE_TYPE_POST,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylineDocument:loading:
   *
   * A file is being loaded: the text and the modified flag are not the
   * user's until it is done.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DISK_STATE] =
    g_param_spec_enum ("disk-state", NULL, NULL,
                       BYLINE_TYPE_DISK_STATE,
                       BYLINE_DISK_STATE_IN_SYNC,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_INVALID_BYTES] =
    g_param_spec_uint64 ("n-invalid-bytes", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_document_init (BylineDocument *self)
{
  self->id = g_uuid_string_random ();
  self->mirror = g_string_new (NULL);
  self->newline = BYLINE_NEWLINE_LF;
  g_signal_connect (self, "modified-changed",
                    G_CALLBACK (byline_document_modified_guard_cb), NULL);

  self->monitor = byline_file_monitor_new ();
  g_signal_connect_object (self->monitor, "changed",
                           G_CALLBACK (byline_document_check_disk),
                           self, G_CONNECT_SWAPPED);

  self->schema = byline_document_default_schema ();
  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

    self->post = byline_post_new (empty, FALSE, self->schema, NULL, 0, NULL);
  }
}

BylineDocument *
byline_document_new (void)
{
  /* The buffer must be the file: no newline added on save, none hidden on
   * load. A construct property, so it can't be set in init(). */
  return g_object_new (BYLINE_TYPE_DOCUMENT,
                       "implicit-trailing-newline", FALSE,
                       "enable-undo", TRUE,
                       NULL);
}

/**
 * byline_document_get_file:
 *
 * Returns: (transfer none) (nullable): where the post lives, %NULL until saved
 */
GFile *
byline_document_get_file (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->file;
}

/**
 * byline_document_get_id:
 *
 * Returns: a name for this document that outlives the process: its draft
 *   and its place in the session go by it
 */
const char *
byline_document_get_id (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->id;
}

void
byline_document_set_id (BylineDocument *self,
                        const char     *id)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (id != NULL && id[0] != '\0');

  g_free (self->id);
  self->id = g_strdup (id);
}

BylineDiskState
byline_document_get_disk_state (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), BYLINE_DISK_STATE_IN_SYNC);

  return self->disk_state;
}

/**
 * byline_document_get_stamp:
 *
 * Returns: the file as the text was last loaded from or saved to it
 */
const BylineFileStamp *
byline_document_get_stamp (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return &self->stamp;
}

/**
 * byline_document_set_base_stamp:
 * @base: the file as it was when the text was last in step with it
 *
 * For text recovered from a draft: when the file changed since the draft's
 * base, it says so (#BylineDocument:disk-state is CHANGED) and the next
 * save asks before overwriting that change.
 */
void
byline_document_set_base_stamp (BylineDocument        *self,
                                const BylineFileStamp *base)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (base != NULL);

  if (byline_file_stamp_equal (base, &self->stamp))
    return;

  self->disk_stamp = self->stamp;
  self->stamp = *base;
  byline_document_set_disk_state (self, BYLINE_DISK_STATE_CHANGED);
}

/**
 * byline_document_get_n_invalid_bytes:
 *
 * Returns: how many bytes of the file were not UTF-8; the buffer shows each
 *   as a private-use character and a save writes it back unchanged
 */
gsize
byline_document_get_n_invalid_bytes (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), 0);

  return self->n_invalid;
}

/**
 * byline_document_get_post:
 *
 * Returns: (transfer none): the text as of the last user action, and
 *   everything derived from it
 */
BylinePost *
byline_document_get_post (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->post;
}

/**
 * byline_document_get_schema:
 *
 * Returns: (transfer none): the schema the document's posts are checked
 *   with: the site's, once known, else AstroPaper's
 */
BylineSchema *
byline_document_get_schema (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->schema;
}

/**
 * byline_document_set_schema:
 * @schema: (nullable): the schema in force (the post's site's), or %NULL
 *   for the default
 *
 * Checks the text against @schema from now on: a new post is built and
 * announced at once (the form shows the schema's fields, the key order for
 * new keys is the schema's).
 */
void
byline_document_set_schema (BylineDocument *self,
                            BylineSchema   *schema)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  if (schema == NULL)
    schema = byline_document_default_schema ();
  else
    byline_schema_ref (schema);

  if (schema == self->schema)
    {
      byline_schema_unref (schema);
      return;
    }

  g_clear_pointer (&self->schema, byline_schema_unref);
  self->schema = schema;

  if (!self->loading)
    byline_document_update_post (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);
}

/**
 * byline_document_get_snapshot:
 *
 * Returns: (transfer full): the whole text as of the last user action,
 *   without a copy (the post's own); a post so long that it holds only its
 *   head is copied once per change, for whoever asks (a draft, a save, the
 *   look at the disk that follows the save)
 */
GBytes *
byline_document_get_snapshot (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  if (self->post_pending)
    byline_document_update_post (self);

  if (!byline_post_is_partial (self->post))
    return g_bytes_ref (byline_post_get_text (self->post));

  if (self->whole_text == NULL)
    self->whole_text = g_bytes_new (self->mirror->str, self->mirror->len);

  return g_bytes_ref (self->whole_text);
}

/**
 * byline_document_get_title:
 *
 * Returns: (nullable): the post's title, as the library lists it
 *   (byline_post_get_schema_title(): its `title`, or an Astro collection's
 *   `headline`); %NULL when it has none
 */
const char *
byline_document_get_title (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return byline_post_get_schema_title (self->post, self->schema);
}

char *
byline_document_dup_display_name (BylineDocument *self)
{
  GFile *file;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  if ((file = byline_document_get_file (self)))
    return g_file_get_basename (file);

  return g_strdup (_("Untitled post"));
}

/* The name Save As proposes: the file's own, or one made from the title the
 * way the site makes slugs (byline_slug_suggest()). */
char *
byline_document_dup_suggested_name (BylineDocument *self)
{
  g_autofree char *slug = NULL;
  GFile *file;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  if ((file = byline_document_get_file (self)))
    return g_file_get_basename (file);

  if (byline_post_get_title (self->post) != NULL)
    slug = byline_slug_suggest (byline_post_get_title (self->post));

  if (slug == NULL || slug[0] == '\0')
    return g_strdup ("untitled-post.md");

  return g_strconcat (slug, ".md", NULL);
}

gboolean
byline_document_get_draft (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return byline_post_get_draft (self->post);
}

gboolean
byline_document_get_featured (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return byline_post_get_featured (self->post);
}

/**
 * byline_document_get_change_serial:
 *
 * Returns: a number that grows with every change of the text
 */
guint64
byline_document_get_change_serial (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), 0);

  return self->change_serial;
}

static void
byline_document_set_loading_file (BylineDocument *self,
                                  gboolean        loading)
{
  if (self->loading_file == !!loading)
    return;
  self->loading_file = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * byline_document_get_loading:
 *
 * Returns: %TRUE while byline_document_load_async() is under way
 */
gboolean
byline_document_get_loading (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->loading_file;
}

gboolean
byline_document_get_busy (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->busy;
}

char *
byline_document_dup_text (BylineDocument *self,
                          gsize          *len)
{
  GtkTextIter begin, end;
  char *text;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &begin, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self), &begin, &end, TRUE);

  if (len != NULL)
    *len = strlen (text);

  /* The buffer itself, not the mirror: the tests compare the two. */
  return text;
}

/* Drops the bytes an edit would write back unchanged, so marks and the
 * cursor outside the real change stay where they are. Cuts on character
 * boundaries (the same in both texts, as the bytes before are equal). */
static void
trim_edit (const char  *text,
           gsize       *offset,
           gsize       *length,
           const char **insert,
           gsize       *insert_len)
{
  const char *old = text + *offset;
  gsize old_len = *length;
  gsize prefix = 0;
  gsize suffix = 0;

#define IS_CONTINUATION(c) ((((guchar)(c)) & 0xC0) == 0x80)
  while (prefix < old_len && prefix < *insert_len && old[prefix] == (*insert)[prefix])
    prefix++;
  while (prefix > 0 && ((prefix < old_len && IS_CONTINUATION (old[prefix])) ||
                        (prefix < *insert_len && IS_CONTINUATION ((*insert)[prefix]))))
    prefix--;

  while (suffix < old_len - prefix && suffix < *insert_len - prefix &&
         old[old_len - 1 - suffix] == (*insert)[*insert_len - 1 - suffix])
    suffix++;
  while (suffix > 0 && (IS_CONTINUATION (old[old_len - suffix]) ||
                        IS_CONTINUATION ((*insert)[*insert_len - suffix])))
    suffix--;
#undef IS_CONTINUATION

  *offset += prefix;
  *length = old_len - prefix - suffix;
  *insert += prefix;
  *insert_len = *insert_len - prefix - suffix;
}

/**
 * byline_document_apply_edit:
 * @post: the post @edit was planned on
 * @edit: an edit of @post's text (byte offsets)
 *
 * The one door edits planned on a post come back through. Applies @edit as
 * one user action, so one undo reverts it and one post follows; only the
 * bytes that change are touched.
 *
 * Returns: %TRUE when applied; %FALSE with %BYLINE_DOCUMENT_ERROR_STALE when
 *   the text moved on since @post (the edit would land in the wrong place)
 */
gboolean
byline_document_apply_edit (BylineDocument        *self,
                            BylinePost            *post,
                            const BylineTextEdit  *edit,
                            GError               **error)
{
  GtkTextBuffer *buffer = (GtkTextBuffer *)self;
  GtkTextIter begin, end;
  const char *text;
  const char *insert;
  gsize len = 0;
  gsize offset, length, insert_len;
  glong begin_char, end_char;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (post != NULL, FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (post != self->post || self->post_pending || self->busy)
    {
      g_set_error_literal (error, BYLINE_DOCUMENT_ERROR, BYLINE_DOCUMENT_ERROR_STALE,
                           _("The post changed while the edit was made; try again"));
      return FALSE;
    }

  text = byline_post_peek_text (post, &len);
  g_return_val_if_fail (edit->offset <= len && edit->length <= len - edit->offset, FALSE);

  offset = edit->offset;
  length = edit->length;
  insert = edit->text != NULL ? edit->text : "";
  insert_len = strlen (insert);
  trim_edit (text, &offset, &length, &insert, &insert_len);
  if (length == 0 && insert_len == 0)
    return TRUE;

  /* The buffer counts characters, the engine bytes. */
  begin_char = g_utf8_pointer_to_offset (text, text + offset);
  end_char = begin_char + g_utf8_pointer_to_offset (text + offset, text + offset + length);

  gtk_text_buffer_begin_user_action (buffer);
  if (length > 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &begin, begin_char);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, end_char);
      gtk_text_buffer_delete (buffer, &begin, &end);
    }
  if (insert_len > 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &begin, begin_char);
      gtk_text_buffer_insert (buffer, &begin, insert, (int) insert_len);
    }
  gtk_text_buffer_end_user_action (buffer);

  return TRUE;
}

/* Refuses to plan on a post whose frontmatter can't be edited losslessly. */
static gboolean
byline_document_check_editable (BylineDocument  *self,
                                GError         **error)
{
  if (byline_post_get_editable (self->post))
    return TRUE;

  if (byline_post_get_damaged_fence (self->post))
    g_set_error_literal (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_SYNTAX,
                         _("The frontmatter’s first line is not “---”; fix it in the editor first"));
  else if (byline_frontmatter_get_error (byline_post_get_frontmatter (self->post)) != NULL)
    g_propagate_error (error, g_error_copy (byline_frontmatter_get_error (byline_post_get_frontmatter (self->post))));
  else
    g_set_error_literal (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                         _("This frontmatter can’t be edited here; edit it in the editor"));

  return FALSE;
}

/**
 * byline_document_set_boolean:
 *
 * Sets a boolean frontmatter key through the engine: one line changes (or
 * one is added where the schema puts it), as one undoable action.
 */
gboolean
byline_document_set_boolean (BylineDocument  *self,
                             const char      *key,
                             gboolean         value,
                             GError         **error)
{
  g_autoptr(BylineTextEdit) edit = NULL;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!byline_document_check_editable (self, error))
    return FALSE;

  edit = byline_frontmatter_plan_set_boolean (byline_post_get_frontmatter (self->post),
                                              key, value, error);
  if (edit == NULL)
    return FALSE;

  return byline_document_apply_edit (self, self->post, edit, error);
}

/**
 * byline_document_touch_mod_datetime:
 *
 * Sets `modDatetime` to @now, in the style the file already uses and where
 * the schema puts it, as one undoable action. Does nothing (and returns
 * %FALSE without an error) when the post has no YAML frontmatter the engine
 * can edit.
 */
gboolean
byline_document_touch_mod_datetime (BylineDocument  *self,
                                    GDateTime       *now,
                                    GError         **error)
{
  g_autoptr(BylineTextEdit) edit = NULL;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (byline_post_get_split (self->post)->kind != BYLINE_BLOCK_YAML ||
      !byline_post_get_editable (self->post))
    return FALSE;

  /* A post that writes its dates as days gets today, not the time of the
   * save: the engine writes every time it is given. */
  if (byline_frontmatter_writes_date (byline_post_get_frontmatter (self->post), "modDatetime"))
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

      when = g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                                  g_date_time_get_day_of_month (utc), 0, 0, 0);
    }
  else
    {
      when = g_date_time_ref (now);
    }

  edit = byline_frontmatter_plan_set_timestamp (byline_post_get_frontmatter (self->post),
                                                "modDatetime", when, error);
  if (edit == NULL)
    return FALSE;

  return byline_document_apply_edit (self, self->post, edit, error);
}

/**
 * byline_document_set_template:
 *
 * Fills an empty, untitled document with the frontmatter of a new post.
 */
void
byline_document_set_template (BylineDocument *self,
                              GDateTime      *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *text = NULL;
  GtkTextIter begin;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (now != NULL);

  utc = g_date_time_to_utc (now);
  stamp = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  text = g_strdup_printf ("---\n"
                          "title: %s\n"
                          "description: %s\n"
                          "pubDatetime: %s\n"
                          "draft: true\n"
                          "tags:\n"
                          "  - others\n"
                          "---\n"
                          "\n",
                          /* Translators: the title of a new post's template */
                          _("A new post"),
                          /* Translators: the description of a new post's template */
                          _("One or two sentences about the post."),
                          stamp);

  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self), text, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self));

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &begin);
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self), &begin, &begin);
  {
    g_autoptr(GBytes) saved = g_bytes_new (text, strlen (text));

    byline_document_mark_saved (self, saved);
  }
}


/* --- files: read and written on worker threads -------------------------- */

typedef struct
{
  GFile           *file;
  GBytes          *snapshot;      /* the buffer's text when the job began */
  guint64          serial;        /* the change serial of that text */

  char            *text;          /* the file, decoded */
  gsize            len;
  gsize            pos;           /* loading: how much is in the buffer */
  gsize            n_invalid;
  BylineNewline    newline;
  BylineFileStamp  stamp;

  BylineFileStamp  expected;      /* saving: the file as we last knew it */
  gboolean         check_expected;

  /* The file against the snapshot: bytes in common at each end, and the
   * part of the snapshot between them in characters. */
  gsize            prefix;
  gsize            suffix;
  glong            prefix_chars;
  glong            old_middle_chars;
  gboolean         same;
  gboolean         read_failed;

  guint            idle_id;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_clear_handle_id (&job->idle_id, g_source_remove);
  g_clear_object (&job->file);
  g_clear_pointer (&job->snapshot, g_bytes_unref);
  g_clear_pointer (&job->text, g_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileJob, file_job_free)

static FileJob *
file_job_new (BylineDocument *self,
              GFile          *file)
{
  FileJob *job = g_new0 (FileJob, 1);

  job->file = g_object_ref (file);
  job->snapshot = byline_document_get_snapshot (self);
  job->serial = self->change_serial;
  job->newline = self->newline;
  job->n_invalid = self->n_invalid;

  return job;
}

static char *
file_job_get_path (FileJob  *job,
                   GError  **error)
{
  char *path = g_file_get_path (job->file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (job->file);

      /* Translators: %s is a location such as sftp://host/post.md */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer; Byline opens local files only"),
                   name);
    }

  return path;
}

/* Worker thread: the file, checked (a regular file, no NUL bytes, not too
 * big) and decoded (bytes that are not UTF-8 kept as raw-byte characters). */
static gboolean
file_job_read (FileJob  *job,
               GError  **error)
{
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  gsize raw_len = 0;

  if (!(path = file_job_get_path (job, error)))
    return FALSE;

  if (!(raw = byline_file_read (path, BYLINE_DOCUMENT_MAX_SIZE, &raw_len, &job->stamp, error)))
    return FALSE;

  g_clear_pointer (&job->text, g_free);
  if (!(job->text = byline_text_decode (raw, raw_len, &job->len, &job->n_invalid, error)))
    return FALSE;

  job->newline = byline_text_detect_newline (job->text, job->len);

  return TRUE;
}

/* Worker thread: where the file's text differs from the snapshot, as one
 * span, cut where the buffer can be cut (not inside a character or a CRLF). */
static void
file_job_diff (FileJob *job)
{
  gsize old_len = 0;
  const char *old = g_bytes_get_data (job->snapshot, &old_len);
  const char *new = job->text;
  gsize new_len = job->len;
  gsize min = MIN (old_len, new_len);
  gsize p = 0, s = 0;

#define IS_CONTINUATION(c) ((((guchar)(c)) & 0xC0) == 0x80)
  while (p < min && old[p] == new[p])
    p++;
  job->same = (old_len == new_len && p == new_len);
  while (p > 0 && ((p < new_len && IS_CONTINUATION (new[p])) ||
                   (p < old_len && IS_CONTINUATION (old[p]))))
    p--;
  if (p > 0 && new[p - 1] == '\r')
    p--;

  while (s < min - p && old[old_len - 1 - s] == new[new_len - 1 - s])
    s++;
  while (s > 0 && IS_CONTINUATION (new[new_len - s]))
    s--;
  if (s > 0 && new[new_len - s] == '\n')
    s--;
#undef IS_CONTINUATION

  job->prefix = p;
  job->suffix = s;
  job->prefix_chars = g_utf8_strlen (old, p);
  job->old_middle_chars = g_utf8_strlen (old + p, old_len - s - p);
}

/* Main thread: make the buffer the file's text with one edit of the part
 * that differs, so the cursor, the scroll position and undo survive. */
static void
byline_document_apply_job (BylineDocument *self,
                           FileJob        *job)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter begin, end;
  gsize insert_len = job->len - job->prefix - job->suffix;

  g_assert (job->serial == self->change_serial);

  if (job->same)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &begin, job->prefix_chars);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, job->prefix_chars + job->old_middle_chars);
  if (!gtk_text_iter_equal (&begin, &end))
    gtk_text_buffer_delete (buffer, &begin, &end);
  if (insert_len > 0)
    gtk_text_buffer_insert (buffer, &begin, job->text + job->prefix, insert_len);
  gtk_text_buffer_end_user_action (buffer);
}

/* The file's text, now the buffer's too: kept as the saved text. */
static GBytes *
file_job_steal_text (FileJob *job)
{
  return g_bytes_new_take (g_steal_pointer (&job->text), job->len);
}

static void
byline_document_adopt_file (BylineDocument *self,
                            FileJob        *job)
{
  self->stamp = job->stamp;
  self->disk_stamp = job->stamp;
  self->newline = job->newline;
  if (self->n_invalid != job->n_invalid)
    {
      self->n_invalid = job->n_invalid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INVALID_BYTES]);
    }
  byline_document_set_disk_state (self, BYLINE_DISK_STATE_IN_SYNC);
}

/* --- watching the file -------------------------------------------------- */

static void
byline_document_set_file (BylineDocument *self,
                          GFile          *file)
{
  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    {
      g_set_object (&self->file, file);
      return;
    }

  g_set_object (&self->file, file);
  /* Whatever happens to the file, it is looked at once a burst of events is
   * over: the stamp says whether it is still what we last read or wrote
   * (our own saves included), so no event has to be interpreted. */
  byline_file_monitor_set_file (self->monitor, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FileJob *job = task_data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (!(path = file_job_get_path (job, &error)) ||
      !byline_file_stamp_query (path, &job->stamp, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->stamp.exists && !byline_file_stamp_equal (&job->stamp, &job->expected))
    {
      if (file_job_read (job, &error))
        {
          file_job_diff (job);
        }
      else
        {
          /* A folder or a binary where the post was: not a text we can
           * reload, but a change all the same. */
          g_debug ("Changed on disk, and unreadable: %s", error->message);
          job->read_failed = TRUE;
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY) ||
              g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE) ||
              g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            job->stamp.exists = FALSE;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
byline_document_check_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);
  FileJob *job = g_task_get_task_data (G_TASK (result));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(GError) error = NULL;
  gboolean untouched;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not look at the post on disk: %s", error->message);
      return;
    }

  /* The stamp we compared with may be gone (a load or save happened since),
   * or the text moved on: look again. */
  if (self->busy || !byline_file_stamp_equal (&job->expected, &self->stamp))
    {
      byline_document_check_disk (self);
      return;
    }

  self->disk_stamp = job->stamp;

  /* Unsaved only because the file went away, with nothing typed since. */
  untouched = !gtk_text_buffer_get_modified (buffer) ||
              (self->disk_state == BYLINE_DISK_STATE_DELETED &&
               self->deleted_untouched &&
               self->deleted_serial == self->change_serial);

  if (!job->stamp.exists)
    {
      /* The text now lives only here: closing must ask, and the draft
       * keeps it. */
      if (self->disk_state != BYLINE_DISK_STATE_DELETED)
        {
          self->deleted_serial = self->change_serial;
          self->deleted_untouched = !gtk_text_buffer_get_modified (buffer);
          gtk_text_buffer_set_modified (buffer, TRUE);
          byline_document_set_disk_state (self, BYLINE_DISK_STATE_DELETED);
        }
      return;
    }

  if (byline_file_stamp_equal (&job->stamp, &self->stamp))
    {
      /* Moved away and back. */
      if (self->disk_state == BYLINE_DISK_STATE_DELETED && untouched)
        gtk_text_buffer_set_modified (buffer, FALSE);
      byline_document_set_disk_state (self, BYLINE_DISK_STATE_IN_SYNC);
      return;
    }

  if (job->read_failed)
    {
      byline_document_set_disk_state (self, BYLINE_DISK_STATE_CHANGED);
      return;
    }

  if (job->serial != self->change_serial)
    {
      /* Typed meanwhile: those are edits of the user's, whatever the file
       * says; don't read it all again at every key. */
      if (gtk_text_buffer_get_modified (buffer) && !untouched)
        byline_document_set_disk_state (self, BYLINE_DISK_STATE_CHANGED);
      else
        byline_document_check_disk (self);
      return;
    }

  if (job->same)
    {
      /* Changed on disk to exactly what we have (a touch, a save of the same
       * text elsewhere): nothing to tell. */
      g_autoptr(GBytes) text = file_job_steal_text (job);

      byline_document_adopt_file (self, job);
      byline_document_mark_saved (self, text);
      return;
    }

  if (untouched)
    {
      /* No edits to lose (a git checkout, a hook bumping modDatetime):
       * take the new text in place. */
      g_autoptr(GBytes) text = NULL;

      byline_document_apply_job (self, job);
      text = file_job_steal_text (job);
      byline_document_adopt_file (self, job);
      byline_document_mark_saved (self, text);
      return;
    }

  byline_document_set_disk_state (self, BYLINE_DISK_STATE_CHANGED);
}

/* Looks at the file on disk now (the file monitor calls this after every
 * burst of events): reloads it in place when the buffer has no edits, and
 * otherwise updates #BylineDocument:disk-state. */
static void
byline_document_check_disk (BylineDocument *self)
{
  g_autoptr(GTask) task = NULL;
  FileJob *job;

  if (self->file == NULL)
    return;

  if (self->busy)
    {
      self->check_pending = TRUE;
      return;
    }
  self->check_pending = FALSE;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  job = file_job_new (self, self->file);
  job->expected = self->stamp;

  task = g_task_new (self, self->check_cancellable, byline_document_check_cb, NULL);
  g_task_set_source_tag (task, byline_document_check_disk);
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * byline_document_relocate:
 * @file: where the document's file is now
 *
 * The file was moved (renamed) by us, text and all: the document follows it
 * to @file. The buffer, its unsaved changes and undo stay; the file is
 * looked at again at its new place.
 */
void
byline_document_relocate (BylineDocument *self,
                          GFile          *file)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A look at the old place, under way, would find it gone. */
  g_cancellable_cancel (self->check_cancellable);
  byline_document_set_file (self, file);
  byline_document_check_disk (self);
}

/**
 * byline_document_keep_mine:
 *
 * The user keeps the buffer over a file that changed on disk: the next save
 * overwrites that file without asking again.
 */
void
byline_document_keep_mine (BylineDocument *self)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  self->stamp = self->disk_stamp;
  byline_document_set_disk_state (self, BYLINE_DISK_STATE_IN_SYNC);
}

/* --- jobs: one at a time, on a worker thread ----------------------------- */

/* Refuses @task when a load, reload or save is under way. */
static gboolean
byline_document_refuse_if_busy (BylineDocument *self,
                                GTask          *task)
{
  if (!self->busy)
    return FALSE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The post is being loaded or saved"));
  return TRUE;
}

/* Runs @thread_func on a worker with @job as @task's data; the document is
 * busy until @done, called on the main thread with @task as user data,
 * says otherwise. */
static void
byline_document_run_job (BylineDocument      *self,
                         GTask               *task,
                         FileJob             *job,
                         GTaskThreadFunc      thread_func,
                         GAsyncReadyCallback  done)
{
  g_autoptr(GTask) worker = NULL;

  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  byline_document_set_busy (self, TRUE);

  worker = g_task_new (self, g_task_get_cancellable (task), done, g_object_ref (task));
  g_task_set_task_data (worker, job, NULL);
  g_task_run_in_thread (worker, thread_func);
}

/**
 * byline_document_get_body_start:
 * @iter: (out): where the body's first line of text is
 *
 * The start of the body: its first line that is not blank, or the end of
 * the text when the body is blank.
 */
void
byline_document_get_body_start (BylineDocument *self,
                                GtkTextIter    *iter)
{
  const char *text;
  gsize len = 0;
  gsize pos;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (iter != NULL);

  text = byline_post_peek_text (self->post, &len);
  pos = byline_post_get_body_offset (self->post);
  for (gsize p = pos; p < len && (text[p] == '\n' || text[p] == '\r' ||
                                  text[p] == ' ' || text[p] == '\t'); p++)
    if (text[p] == '\n')
      pos = p + 1;
  if (pos < len && !byline_post_is_partial (self->post) &&
      strspn (text + pos, " \t\r\n") == len - pos)
    pos = len;

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self), iter,
                                      g_utf8_pointer_to_offset (text, text + MIN (pos, len)));
}

/* --- loading ------------------------------------------------------------ */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FileJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!file_job_read (job, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
byline_document_load_done (BylineDocument *self,
                           GTask          *task)
{
  FileJob *job = g_task_get_task_data (task);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(GBytes) text = NULL;
  GtkTextIter begin;

  gtk_text_buffer_end_irreversible_action (buffer);

  self->loading = FALSE;
  byline_document_adopt_file (self, job);
  byline_document_update_post (self);

  /* Where the writing is: the body, not the fence of the frontmatter,
   * where a stray key would break the block open. */
  byline_document_get_body_start (self, &begin);
  gtk_text_buffer_select_range (buffer, &begin, &begin);
  text = file_job_steal_text (job);
  byline_document_mark_saved (self, text);

  byline_document_set_file (self, job->file);
  byline_document_set_busy (self, FALSE);
  byline_document_set_loading_file (self, FALSE);

  /* A change made while the file loaded (the watch starts only now). */
  byline_document_check_disk (self);

  g_task_return_boolean (task, TRUE);
}

/* Main thread, at idle priority (below input and drawing): the next slices
 * of the text, whole lines, for at most LOAD_SLICE_BUDGET_US. */
static gboolean
byline_document_load_slice_cb (gpointer user_data)
{
  GTask *task = user_data;
  BylineDocument *self = g_task_get_source_object (task);
  FileJob *job = g_task_get_task_data (task);
  gint64 start = g_get_monotonic_time ();

  if (g_task_return_error_if_cancelled (task))
    {
      job->idle_id = 0;
      gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self));
      self->loading = FALSE;
      byline_document_update_post (self);
      byline_document_set_busy (self, FALSE);
      byline_document_set_loading_file (self, FALSE);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  do
    {
      gsize end = MIN (job->len, job->pos + LOAD_SLICE_BYTES);
      GtkTextIter iter;

      /* Never inside a character or a CRLF; anywhere else is fine, even
       * in a line (a file may have no line breaks, or only CRs). */
      while (end < job->len && (((guchar)job->text[end] & 0xC0) == 0x80 ||
                                (job->text[end] == '\n' && job->text[end - 1] == '\r')))
        end++;

      gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &iter);
      gtk_text_buffer_insert (GTK_TEXT_BUFFER (self), &iter, job->text + job->pos, end - job->pos);
      job->pos = end;
    }
  while (job->pos < job->len && g_get_monotonic_time () - start < LOAD_SLICE_BUDGET_US);

  if (job->pos < job->len)
    return G_SOURCE_CONTINUE;

  job->idle_id = 0;
  byline_document_load_done (self, task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static void
byline_document_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);
  g_autoptr(GTask) task = user_data;
  FileJob *job = g_task_get_task_data (task);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      byline_document_set_busy (self, FALSE);
      byline_document_set_loading_file (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* From here the text is the new file's; the old one can't be undone back
   * to, like any newly opened file. */
  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, "", 0);
  job->pos = 0;

  if (job->len <= LOAD_SLICE_BYTES)
    {
      gtk_text_buffer_set_text (buffer, job->text, job->len);
      byline_document_load_done (self, task);
      return;
    }

  job->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                  byline_document_load_slice_cb,
                                  g_steal_pointer (&task), NULL);
}

/**
 * byline_document_load_async:
 *
 * Replaces the text with @file's. The file is read and checked on a worker
 * thread (a binary file, a folder or a file over %BYLINE_DOCUMENT_MAX_SIZE is
 * refused and the document is left as it was); a big text then goes into
 * the buffer in slices so the window stays responsive.
 */
void
byline_document_load_async (BylineDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_load_async);

  if (byline_document_refuse_if_busy (self, task))
    return;

  byline_document_set_loading_file (self, TRUE);
  byline_document_run_job (self, task, file_job_new (self, file),
                           read_thread, byline_document_read_cb);
}

gboolean
byline_document_load_finish (BylineDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
reload_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FileJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!file_job_read (job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  file_job_diff (job);
  g_task_return_boolean (task, TRUE);
}

static void
byline_document_reload_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);
  g_autoptr(GTask) task = user_data;
  FileJob *job = g_task_get_task_data (task);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;

  byline_document_set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Typing can't happen while busy, but an undo from a menu could. */
  if (job->serial != self->change_serial)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The post changed while it was reloaded; try again"));
      return;
    }

  /* One undoable edit: the text given up is one Undo away. */
  byline_document_apply_job (self, job);
  text = file_job_steal_text (job);
  byline_document_adopt_file (self, job);
  byline_document_mark_saved (self, text);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_document_reload_async:
 *
 * Replaces the buffer's text with the file's as one undoable edit of only
 * the part that differs, giving up the buffer's unsaved changes.
 */
void
byline_document_reload_async (BylineDocument      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_reload_async);

  if (byline_document_refuse_if_busy (self, task))
    return;

  if (self->file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The post has no file yet"));
      return;
    }

  byline_document_run_job (self, task, file_job_new (self, self->file),
                           reload_thread, byline_document_reload_cb);
}

gboolean
byline_document_reload_finish (BylineDocument  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * byline_document_replace_text:
 *
 * Replaces the whole text as one undoable user action (recovering a draft:
 * Undo then shows the file as it is on disk).
 */
void
byline_document_replace_text (BylineDocument *self,
                              const char     *text,
                              gssize          len)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(GBytes) snapshot = NULL;
  GtkTextIter begin, end;
  gsize old_len = 0;
  const char *old;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  if (len < 0)
    len = strlen (text);

  snapshot = byline_document_get_snapshot (self);
  old = g_bytes_get_data (snapshot, &old_len);
  if (old_len == (gsize)len && memcmp (old, text, len) == 0)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, text, len);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_buffer_get_start_iter (buffer, &begin);
  gtk_text_buffer_select_range (buffer, &begin, &begin);
}

/**
 * byline_document_set_missing_file:
 *
 * Makes @file the document's file although it does not exist (a recovered
 * draft whose file was deleted): the first save creates it.
 */
void
byline_document_set_missing_file (BylineDocument *self,
                                  GFile          *file)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  memset (&self->stamp, 0, sizeof self->stamp);
  self->disk_stamp = self->stamp;
  byline_document_set_file (self, file);
  byline_document_set_disk_state (self, BYLINE_DISK_STATE_DELETED);
}

/* --- saving ------------------------------------------------------------- */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FileJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  const char *text;
  gsize text_len = 0;
  gsize len = 0;

  if (!(path = file_job_get_path (job, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Line breaks in the file's own style (a new line typed with Enter in a
   * CRLF file is CRLF; a file that mixes styles keeps each as it is), and
   * bytes that were not UTF-8 back as they were. */
  text = g_bytes_get_data (job->snapshot, &text_len);
  data = byline_text_encode (text, text_len, job->newline, job->n_invalid > 0, &len);

  if (!byline_file_replace (path, data, len,
                            job->check_expected ? &job->expected : NULL,
                            &job->stamp, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
byline_document_save_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);
  g_autoptr(GTask) task = user_data;
  FileJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      byline_document_set_busy (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->stamp = job->stamp;
  self->disk_stamp = job->stamp;
  byline_document_set_disk_state (self, BYLINE_DISK_STATE_IN_SYNC);

  /* What was typed while the file was written is still unsaved (and the
   * guard keeps it so should Undo reach the old save point). */
  g_clear_pointer (&self->saved_text, g_bytes_unref);
  self->saved_text = g_bytes_ref (job->snapshot);
  if (job->serial == self->change_serial)
    byline_document_mark_saved (self, job->snapshot);

  byline_document_set_file (self, job->file);
  byline_document_set_busy (self, FALSE);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_document_save_async:
 * @target: (nullable): where to save (Save As), or %NULL for the document's file
 * @flags: %BYLINE_SAVE_FLAGS_IGNORE_CHANGES to overwrite a file that changed
 *   on disk since it was read (else that fails with %G_IO_ERROR_WRONG_ETAG)
 *
 * Writes the text as of now with an atomic replace on a worker thread; the
 * user can go on typing. On failure the buffer and the document's file stay
 * as they were, and so does the file on disk.
 */
void
byline_document_save_async (BylineDocument      *self,
                            GFile               *target,
                            BylineSaveFlags      flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FileJob *job;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (!target || G_IS_FILE (target));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_save_async);

  if (byline_document_refuse_if_busy (self, task))
    return;

  if (target == NULL && self->file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The post has no file yet"));
      return;
    }

  /* Nothing to write: the file holds this text already. Writing it again
   * would only touch its time stamp (and wake every watcher of the site). */
  if ((target == NULL || (self->file != NULL && g_file_equal (target, self->file))) &&
      !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self)) &&
      self->disk_state == BYLINE_DISK_STATE_IN_SYNC && self->stamp.exists)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  job = file_job_new (self, target ? target : self->file);
  job->expected = self->stamp;
  /* Save As onto another file was confirmed in the file chooser. */
  job->check_expected = !(flags & BYLINE_SAVE_FLAGS_IGNORE_CHANGES) &&
                        self->file != NULL && g_file_equal (job->file, self->file);

  byline_document_run_job (self, task, job, save_thread, byline_document_save_cb);
}

gboolean
byline_document_save_finish (BylineDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
