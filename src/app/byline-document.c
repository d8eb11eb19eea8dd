/* byline-document.c: one post, its text in a GtkSourceBuffer, and its file
 *
 * The buffer holds the file's text exactly: a BOM stays a character of the
 * buffer, CRLF stays CRLF, and there is no implicit trailing newline, so what
 * a save writes is the buffer byte for byte. Everything else (title, draft,
 * featured) is derived from the text by parsing the frontmatter again after
 * every change, which takes microseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-document.h"
#include "byline-slug.h"

struct _BylineDocument
{
  GtkSourceBuffer    parent_instance;

  GtkSourceFile     *source_file;
  BylineFrontmatter *frontmatter;
  char              *title;
  guint64            change_serial;

  guint              draft : 1;
  guint              featured : 1;
  guint              busy : 1;
  guint              mixed_newlines : 1;
};

G_DEFINE_FINAL_TYPE (BylineDocument, byline_document, GTK_SOURCE_TYPE_BUFFER)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_DRAFT,
  PROP_FEATURED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
byline_document_set_busy (BylineDocument *self,
                          gboolean        busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Re-read the derived values from the text; announce only real changes. */
static void
byline_document_reparse (BylineDocument *self)
{
  char *text;
  const BylineEntry *entry;
  const char *title = NULL;
  gboolean draft = FALSE;
  gboolean featured = FALSE;
  gsize len = 0;

  text = byline_document_dup_text (self, &len);
  g_clear_pointer (&self->frontmatter, byline_frontmatter_unref);
  /* One copy of the buffer per change, kept by the parse (and then shared
   * with the preview through byline_frontmatter_get_text()). */
  self->frontmatter = byline_frontmatter_parse_take (text, len);

  if ((entry = byline_frontmatter_lookup (self->frontmatter, "title")) &&
      entry->value != NULL &&
      entry->value->type == BYLINE_VALUE_STRING &&
      entry->value->string != NULL &&
      entry->value->string[0] != '\0')
    title = entry->value->string;

  if ((entry = byline_frontmatter_lookup (self->frontmatter, "draft")) &&
      entry->value != NULL &&
      entry->value->type == BYLINE_VALUE_BOOLEAN)
    draft = entry->value->boolean;

  if ((entry = byline_frontmatter_lookup (self->frontmatter, "featured")) &&
      entry->value != NULL &&
      entry->value->type == BYLINE_VALUE_BOOLEAN)
    featured = entry->value->boolean;

  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  if (self->draft != draft)
    {
      self->draft = draft;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
    }

  if (self->featured != featured)
    {
      self->featured = featured;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURED]);
    }
}

static void
byline_document_changed (GtkTextBuffer *buffer)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);

  self->change_serial++;
  byline_document_reparse (self);

  if (GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->changed != NULL)
    GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->changed (buffer);
}

static void
byline_document_finalize (GObject *object)
{
  BylineDocument *self = (BylineDocument *)object;

  g_clear_object (&self->source_file);
  g_clear_pointer (&self->frontmatter, byline_frontmatter_unref);
  g_clear_pointer (&self->title, g_free);

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

    case PROP_TITLE:
      g_value_set_string (value, byline_document_get_title (self));
      break;

    case PROP_DRAFT:
      g_value_set_boolean (value, self->draft);
      break;

    case PROP_FEATURED:
      g_value_set_boolean (value, self->featured);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
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

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DRAFT] =
    g_param_spec_boolean ("draft", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FEATURED] =
    g_param_spec_boolean ("featured", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_document_init (BylineDocument *self)
{
  self->source_file = gtk_source_file_new ();

  self->frontmatter = byline_frontmatter_parse ("", 0);
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

  return gtk_source_file_get_location (self->source_file);
}

GtkSourceFile *
byline_document_get_source_file (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->source_file;
}

/**
 * byline_document_get_title:
 *
 * Returns: (nullable): the frontmatter's `title`, or %NULL when it has none
 */
const char *
byline_document_get_title (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->title;
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
 * way AstroPaper makes a slug. */
char *
byline_document_dup_suggested_name (BylineDocument *self)
{
  g_autofree char *slug = NULL;
  GFile *file;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  if ((file = byline_document_get_file (self)))
    return g_file_get_basename (file);

  if (self->title != NULL)
    slug = byline_slug_from_title (self->title);

  if (slug == NULL || slug[0] == '\0')
    return g_strdup ("untitled-post.md");

  return g_strconcat (slug, ".md", NULL);
}

gboolean
byline_document_get_draft (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->draft;
}

gboolean
byline_document_get_featured (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->featured;
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

gboolean
byline_document_get_busy (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->busy;
}

/**
 * byline_document_get_frontmatter:
 *
 * Returns: (transfer none): the frontmatter of the current text
 */
BylineFrontmatter *
byline_document_get_frontmatter (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->frontmatter;
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

  return text;
}

/**
 * byline_document_apply_edit:
 * @edit: an edit planned on the current text (byte offsets)
 *
 * Applies @edit as one user action, so one undo reverts it.
 */
void
byline_document_apply_edit (BylineDocument       *self,
                            const BylineTextEdit *edit)
{
  GtkTextBuffer *buffer = (GtkTextBuffer *)self;
  GtkTextIter begin, end;
  const char *text;
  gsize len = 0;
  glong begin_char, end_char;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (edit != NULL);

  text = byline_frontmatter_get_text (self->frontmatter, &len);
  g_return_if_fail (edit->offset + edit->length <= len);

  begin_char = g_utf8_pointer_to_offset (text, text + edit->offset);
  end_char = begin_char + g_utf8_pointer_to_offset (text + edit->offset,
                                                    text + edit->offset + edit->length);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &begin, begin_char);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_char);
  if (edit->length > 0)
    gtk_text_buffer_delete (buffer, &begin, &end);
  if (edit->text != NULL && edit->text[0] != '\0')
    gtk_text_buffer_insert (buffer, &begin, edit->text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

/**
 * byline_document_set_boolean:
 *
 * Sets a boolean frontmatter key through the engine: one line changes (or
 * one is added), as one undoable action.
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

  if (!(edit = byline_frontmatter_plan_set_boolean (self->frontmatter, key, value, error)))
    return FALSE;

  byline_document_apply_edit (self, edit);

  return TRUE;
}

/**
 * byline_document_touch_mod_datetime:
 *
 * Sets `modDatetime` to @now, in the style the file already uses, as one
 * undoable action. Does nothing (and returns %FALSE without an error) when
 * the post has no YAML frontmatter the engine can edit.
 */
gboolean
byline_document_touch_mod_datetime (BylineDocument  *self,
                                    GDateTime       *now,
                                    GError         **error)
{
  g_autoptr(BylineTextEdit) edit = NULL;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (byline_frontmatter_get_split (self->frontmatter)->kind != BYLINE_BLOCK_YAML ||
      byline_frontmatter_get_error (self->frontmatter) != NULL)
    return FALSE;

  if (!(edit = byline_frontmatter_plan_set_timestamp (self->frontmatter, "modDatetime", now, error)))
    return FALSE;

  byline_document_apply_edit (self, edit);

  return TRUE;
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
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
}

/* TRUE when the text uses more than one kind of line break (CRLF, LF, CR).
 * GtkSourceFileSaver would write them all in one style. */
static gboolean
byline_text_has_mixed_newlines (BylineDocument *self)
{
  g_autofree char *text = byline_document_dup_text (self, NULL);
  gboolean crlf = FALSE, lf = FALSE, cr = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (p[0] == '\r' && p[1] == '\n')
        crlf = TRUE, p++;
      else if (p[0] == '\n')
        lf = TRUE;
      else if (p[0] == '\r')
        cr = TRUE;
    }

  return (crlf + lf + cr) > 1;
}

static void
byline_document_load_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GtkSourceFileLoader *loader = (GtkSourceFileLoader *)object;
  g_autoptr(GTask) task = user_data;
  BylineDocument *self = g_task_get_source_object (task);
  GtkSourceFile *source_file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GtkTextIter begin;

  byline_document_set_busy (self, FALSE);

  if (!gtk_source_file_loader_load_finish (loader, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_set_object (&self->source_file, source_file);
  self->mixed_newlines = byline_text_has_mixed_newlines (self);

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self), &begin);
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self), &begin, &begin);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_document_load_async:
 *
 * Replaces the text with @file's. The document keeps its old file until
 * the load succeeds.
 */
void
byline_document_load_async (BylineDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkSourceFileLoader) loader = NULL;
  GtkSourceFile *source_file;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_load_async);

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The post is being loaded or saved"));
      return;
    }

  source_file = gtk_source_file_new ();
  gtk_source_file_set_location (source_file, file);
  g_task_set_task_data (task, source_file, g_object_unref);

  byline_document_set_busy (self, TRUE);

  loader = gtk_source_file_loader_new (GTK_SOURCE_BUFFER (self), source_file);
  gtk_source_file_loader_load_async (loader,
                                     G_PRIORITY_DEFAULT,
                                     cancellable,
                                     NULL, NULL, NULL,
                                     byline_document_load_cb,
                                     g_steal_pointer (&task));
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
byline_document_save_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GtkSourceFileSaver *saver = (GtkSourceFileSaver *)object;
  g_autoptr(GTask) task = user_data;
  BylineDocument *self = g_task_get_source_object (task);
  GFile *old_file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  byline_document_set_busy (self, FALSE);

  if (!gtk_source_file_saver_save_finish (saver, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);

  if (old_file == NULL || !g_file_equal (old_file, byline_document_get_file (self)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  g_task_return_boolean (task, TRUE);
}

static void
byline_document_write_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GFile *target = (GFile *)object;
  g_autoptr(GTask) task = user_data;
  BylineDocument *self = g_task_get_source_object (task);
  GFile *old_file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  byline_document_set_busy (self, FALSE);

  if (!g_file_replace_contents_finish (target, result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  gtk_source_file_set_location (self->source_file, target);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);

  if (old_file == NULL || !g_file_equal (old_file, target))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_document_save_async:
 * @target: (nullable): where to save (Save As), or %NULL for the document's file
 *
 * Writes the buffer, byte for byte, with an atomic replace. On failure the
 * buffer and the document's file stay as they were.
 */
void
byline_document_save_async (BylineDocument      *self,
                            GFile               *target,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkSourceFileSaver) saver = NULL;
  GFile *file;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (!target || G_IS_FILE (target));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_save_async);

  file = byline_document_get_file (self);
  if (file != NULL)
    g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The post is being loaded or saved"));
      return;
    }

  if (target == NULL && file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The post has no file yet"));
      return;
    }

  /* A file that mixes line break styles is written as the buffer holds it,
   * with the same atomic replace the saver uses; the saver would unify the
   * breaks. Only for plain UTF-8, where the buffer's bytes are the file's. */
  if (self->mixed_newlines &&
      gtk_source_file_get_compression_type (self->source_file) == GTK_SOURCE_COMPRESSION_TYPE_NONE &&
      (gtk_source_file_get_encoding (self->source_file) == NULL ||
       gtk_source_file_get_encoding (self->source_file) == gtk_source_encoding_get_utf8 ()))
    {
      gsize len = 0;
      char *text = byline_document_dup_text (self, &len);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, len);

      byline_document_set_busy (self, TRUE);
      g_file_replace_contents_bytes_async (target ? target : file,
                                           bytes, NULL, FALSE,
                                           G_FILE_CREATE_NONE,
                                           cancellable,
                                           byline_document_write_cb,
                                           g_steal_pointer (&task));
      return;
    }

  if (target != NULL)
    saver = gtk_source_file_saver_new_with_target (GTK_SOURCE_BUFFER (self),
                                                   self->source_file, target);
  else
    saver = gtk_source_file_saver_new (GTK_SOURCE_BUFFER (self), self->source_file);

  /* The saver writes every line break in the file's newline type (from the
   * loader): the file's own breaks come back as they were, and a "\n" typed
   * with Enter takes the file's style. */
  gtk_source_file_saver_set_newline_type (saver, gtk_source_file_get_newline_type (self->source_file));
  gtk_source_file_saver_set_flags (saver, GTK_SOURCE_FILE_SAVER_FLAGS_IGNORE_MODIFICATION_TIME);

  byline_document_set_busy (self, TRUE);

  gtk_source_file_saver_save_async (saver,
                                    G_PRIORITY_DEFAULT,
                                    cancellable,
                                    NULL, NULL, NULL,
                                    byline_document_save_cb,
                                    g_steal_pointer (&task));
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
