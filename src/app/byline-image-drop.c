/* byline-image-drop.c: images pasted into or dropped on the editor, put where the site wants them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ctrl+V of image data (a screenshot) and image files dropped on the editor
 * become a file where the post's site keeps images (byline_image_place_new
 * decides, per generator) and `![name](reference)` at the cursor, in one
 * user action (one Undo removes the text; the file stays, and the toast
 * says so), with the alt text selected for typing. PNG, JPEG and WebP data
 * is written as it came; other image data is written as PNG. A dropped
 * image the site already has is referenced, not copied. The file work runs
 * on a worker.
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-image-drop.h"
#include "byline-image-place.h"
#include "byline-site.h"

struct _BylineImageDrop
{
  GObject         parent_instance;

  GtkTextView    *view;       /* weak */
  BylineDocument *document;   /* weak */
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (BylineImageDrop, byline_image_drop, G_TYPE_OBJECT)

enum {
  INSERTED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct { const char *mime; const char *extension; } kept_formats[] = {
  { "image/png", "png" },
  { "image/jpeg", "jpg" },
  { "image/webp", "webp" },
};

typedef struct
{
  GWeakRef  drop;
  char     *post_path;
  char     *name;
  char     *extension;
  GFile    *source;      /* a dropped file, or */
  GBytes   *bytes;       /* pasted data */
  BylineImagePlace *place;
} Job;

/* Where the reference goes: a mark, touched on the main thread only (the
 * task's data may be freed on the worker), so it travels as the
 * callback's data. */
static void
mark_release (GtkTextMark *mark)
{
  GtkTextBuffer *buffer = gtk_text_mark_get_buffer (mark);

  if (buffer != NULL)
    gtk_text_buffer_delete_mark (buffer, mark);
  g_object_unref (mark);
}

static void
job_free (Job *job)
{
  g_weak_ref_clear (&job->drop);
  g_free (job->post_path);
  g_free (job->name);
  g_free (job->extension);
  g_clear_object (&job->source);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->place, byline_image_place_free);
  g_free (job);
}

static void
byline_image_drop_job_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(BylineSite) site = byline_site_find (job->post_path, NULL);
  g_autofree char *source_path = job->source != NULL ? g_file_get_path (job->source) : NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  job->place = byline_image_place_new (site, job->post_path, job->name, job->extension, source_path);
  if (!job->place->copy)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  target = g_file_new_for_path (job->place->path);
  folder = g_file_get_parent (target);
  if (!g_file_make_directory_with_parents (folder, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  /* never over a file: the name was free a moment ago, and must still be */
  if (job->source != NULL)
    g_file_copy (job->source, target, G_FILE_COPY_NONE, cancellable, NULL, NULL, &error);
  else
    {
      g_autoptr(GFileOutputStream) out = g_file_create (target, G_FILE_CREATE_NONE, cancellable, &error);

      if (out != NULL &&
          g_output_stream_write_all (G_OUTPUT_STREAM (out),
                                     g_bytes_get_data (job->bytes, NULL), g_bytes_get_size (job->bytes),
                                     NULL, cancellable, &error))
        g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error);
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* `![name](reference)` at the mark, in one user action, the name selected */
static void
insert_reference (BylineImageDrop *self,
                  Job             *job,
                  GtkTextMark     *mark)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autofree char *text = g_strdup_printf ("![%s](%s)", job->name, job->place->reference);
  GtkTextIter iter, alt_start, alt_end;
  int offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  offset = gtk_text_iter_get_offset (&iter);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive (buffer, &iter, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_buffer_get_iter_at_offset (buffer, &alt_start, offset + 2);
  gtk_text_buffer_get_iter_at_offset (buffer, &alt_end, offset + 2 + g_utf8_strlen (job->name, -1));
  gtk_text_buffer_select_range (buffer, &alt_end, &alt_start);
  if (self->view != NULL)
    {
      gtk_text_view_scroll_mark_onscreen (self->view, gtk_text_buffer_get_insert (buffer));
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
}

static void
byline_image_drop_job_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(BylineImageDrop) self = g_weak_ref_get (&job->drop);
  GtkTextMark *mark = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The image could not be copied: %s"), error->message);

          g_signal_emit (self, signals[FAILED], 0, message);
        }
    }
  else if (self != NULL && self->document != NULL && !gtk_text_mark_get_deleted (mark))
    {
      insert_reference (self, job, mark);
      g_signal_emit (self, signals[INSERTED], 0, job->place->path, job->place->copy);
    }
  mark_release (mark);
}

/* The post's slug as a file name: its file's name, or its bundle's */
static char *
post_name (const char *post_path)
{
  g_autofree char *base = g_path_get_basename (post_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  if (g_strcmp0 (base, "index") == 0 || g_strcmp0 (base, "_index") == 0)
    {
      g_autofree char *dir = g_path_get_dirname (post_path);

      return g_path_get_basename (dir);
    }
  return g_steal_pointer (&base);
}

static void
start_job (BylineImageDrop *self,
           GFile           *source,
           GBytes          *bytes,
           const char      *extension)
{
  GFile *file = self->document != NULL ? byline_document_get_file (self->document) : NULL;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(GTask) task = NULL;
  GtkTextIter iter;
  GtkTextMark *mark;
  Job *job;

  if (file == NULL || !g_file_is_native (file))
    {
      g_signal_emit (self, signals[FAILED], 0,
                     _("Save the post first: images go where its site keeps them"));
      return;
    }

  job = g_new0 (Job, 1);
  g_weak_ref_init (&job->drop, self);
  job->post_path = g_file_get_path (file);
  job->name = post_name (job->post_path);
  job->extension = g_strdup (extension);
  job->source = source != NULL ? g_object_ref (source) : NULL;
  job->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE));

  task = g_task_new (NULL, self->cancellable, byline_image_drop_job_cb, mark);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, byline_image_drop_job_thread);
}

/* --- dropping -------------------------------------------------------------- */

static const char *
image_extension (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *type = g_content_type_guess (base, NULL, 0, NULL);
  const char *dot = strrchr (base, '.');
  g_autofree char *lower = NULL;

  if (!g_content_type_is_mime_type (type, "image/*") || dot == NULL || dot[1] == '\0')
    return NULL;
  lower = g_ascii_strdown (dot + 1, -1);
  return g_intern_string (lower);
}

/**
 * byline_image_drop_insert_file:
 * @file: an image file
 *
 * Puts @file where the site keeps images (or refers to it where it is, when
 * the site has it already) and inserts a reference to it at the cursor.
 */
void
byline_image_drop_insert_file (BylineImageDrop *self,
                               GFile           *file)
{
  const char *extension;

  g_return_if_fail (BYLINE_IS_IMAGE_DROP (self));
  g_return_if_fail (G_IS_FILE (file));

  extension = image_extension (file);
  if (extension == NULL)
    return;
  start_job (self, file, NULL, extension);
}

/**
 * byline_image_drop_insert_bytes:
 * @bytes: image data
 * @extension: its format's extension (`png`, `jpg`, `webp`)
 *
 * Writes @bytes where the site keeps images and inserts a reference to it
 * at the cursor.
 */
void
byline_image_drop_insert_bytes (BylineImageDrop *self,
                                GBytes          *bytes,
                                const char      *extension)
{
  g_return_if_fail (BYLINE_IS_IMAGE_DROP (self));
  g_return_if_fail (bytes != NULL && extension != NULL);

  start_job (self, NULL, bytes, extension);
}

static gboolean
byline_image_drop_target_drop_cb (GtkDropTarget   *target,
                                  const GValue    *value,
                                  double           x,
                                  double           y,
                                  BylineImageDrop *self)
{
  GSList *files;
  gboolean any = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->view == NULL)
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    any |= image_extension (l->data) != NULL;
  if (any)
    {
      GtkTextIter iter;
      int bx, by;

      /* where it was dropped */
      gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
      gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
      gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->document), &iter);
      for (GSList *l = files; l != NULL; l = l->next)
        byline_image_drop_insert_file (self, l->data);
    }
  g_slist_free (files);
  return any;
}

/* --- pasting --------------------------------------------------------------- */

typedef struct
{
  GWeakRef    drop;
  const char *extension;
} PasteData;

static void
paste_data_free (PasteData *data)
{
  g_weak_ref_clear (&data->drop);
  g_free (data);
}

static void
byline_image_drop_splice_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  PasteData *data = user_data;
  g_autoptr(BylineImageDrop) self = g_weak_ref_get (&data->drop);
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) >= 0 && self != NULL)
    {
      g_autoptr(GBytes) bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (object));

      byline_image_drop_insert_bytes (self, bytes, data->extension);
    }
  paste_data_free (data);
}

static void
byline_image_drop_read_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  PasteData *data = user_data;
  const char *mime = NULL;
  g_autoptr(GInputStream) in = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, &mime, NULL);
  g_autoptr(GOutputStream) out = NULL;

  if (in == NULL)
    {
      paste_data_free (data);
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (kept_formats); i++)
    if (g_strcmp0 (mime, kept_formats[i].mime) == 0)
      data->extension = kept_formats[i].extension;
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, in,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, byline_image_drop_splice_cb, data);
}

static void
byline_image_drop_texture_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  PasteData *data = user_data;
  g_autoptr(BylineImageDrop) self = g_weak_ref_get (&data->drop);
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, NULL);

  if (texture != NULL && self != NULL)
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);

      byline_image_drop_insert_bytes (self, png, "png");
    }
  paste_data_free (data);
}

/* Image data on the clipboard, and no text: the image is pasted (text
 * wins, as a text editor's paste must). */
static void
byline_image_drop_view_paste_clipboard_cb (GtkTextView     *view,
                                           BylineImageDrop *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  const char *mimes[G_N_ELEMENTS (kept_formats) + 1] = { NULL, };
  gsize n = 0;
  PasteData *data;

  if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) ||
      gdk_content_formats_contain_mime_type (formats, "text/plain") ||
      gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (kept_formats); i++)
    if (gdk_content_formats_contain_mime_type (formats, kept_formats[i].mime))
      mimes[n++] = kept_formats[i].mime;
  if (n == 0 && !gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    return;

  g_signal_stop_emission_by_name (view, "paste-clipboard");
  data = g_new0 (PasteData, 1);
  g_weak_ref_init (&data->drop, self);
  /* as it came when it came as PNG, JPEG or WebP: never re-encoded */
  if (n > 0)
    gdk_clipboard_read_async (clipboard, mimes, G_PRIORITY_DEFAULT, self->cancellable,
                              byline_image_drop_read_cb, data);
  else
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, byline_image_drop_texture_cb, data);
}

/* --- GObject --------------------------------------------------------------- */

static void
byline_image_drop_dispose (GObject *object)
{
  BylineImageDrop *self = BYLINE_IMAGE_DROP (object);

  g_cancellable_cancel (self->cancellable);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  if (self->document != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->document), (gpointer *) &self->document);
      self->document = NULL;
    }

  G_OBJECT_CLASS (byline_image_drop_parent_class)->dispose (object);
}

static void
byline_image_drop_finalize (GObject *object)
{
  BylineImageDrop *self = BYLINE_IMAGE_DROP (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_image_drop_parent_class)->finalize (object);
}

static void
byline_image_drop_class_init (BylineImageDropClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_image_drop_dispose;
  object_class->finalize = byline_image_drop_finalize;

  /**
   * BylineImageDrop::inserted:
   * @path: the image's file
   * @copied: whether it was copied (or written) there
   *
   * A reference to an image was inserted.
   */
  signals[INSERTED] =
    g_signal_new ("inserted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * BylineImageDrop::failed:
   * @message: what went wrong, for the user
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
byline_image_drop_init (BylineImageDrop *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * byline_image_drop_new:
 * @view: the editor
 * @document: its buffer
 *
 * Returns: (transfer full): an object that takes images pasted into or
 *   dropped on @view while it lives (it holds neither)
 */
BylineImageDrop *
byline_image_drop_new (GtkTextView    *view,
                       BylineDocument *document)
{
  BylineImageDrop *self;
  GtkDropTarget *target;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  self = g_object_new (BYLINE_TYPE_IMAGE_DROP, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->document = document;
  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &self->document);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (byline_image_drop_target_drop_cb), self, 0);
  /* before the text view's own targets, which would take the file list
   * as its URIs' text */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (target));
  g_signal_connect_object (view, "paste-clipboard",
                           G_CALLBACK (byline_image_drop_view_paste_clipboard_cb), self, 0);
  return self;
}

/* --- images dropped elsewhere ------------------------------------------------ */

/**
 * byline_image_drop_get_extension:
 * @file: a file
 *
 * Returns: (nullable): @file's extension, lower case, when its name says it
 *   is an image; %NULL for anything else
 */
const char *
byline_image_drop_get_extension (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return image_extension (file);
}

static void
byline_image_drop_place_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GTask *outer = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_pointer (outer, g_steal_pointer (&job->place), (GDestroyNotify) byline_image_place_free);
  g_object_unref (outer);
}

/**
 * byline_image_drop_place_file_async:
 * @post_path: the post
 * @file: an image file (see byline_image_drop_get_extension())
 * @cancellable: (nullable): a cancellable
 * @callback: called when the image is where the site keeps images
 * @user_data: for @callback
 *
 * Puts @file where the post's site keeps images, by the rules a drop on
 * the editor follows (byline_image_place_new(): named after the post; an
 * image the site has already stays where it is), on a worker.
 */
void
byline_image_drop_place_file_async (const char          *post_path,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *outer;
  g_autoptr(GTask) task = NULL;
  const char *extension;
  Job *job;

  g_return_if_fail (post_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, byline_image_drop_place_file_async);
  extension = image_extension (file);
  if (extension == NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("This file is not an image"));
      g_object_unref (outer);
      return;
    }

  job = g_new0 (Job, 1);
  g_weak_ref_init (&job->drop, NULL);
  job->post_path = g_strdup (post_path);
  job->name = post_name (job->post_path);
  job->extension = g_strdup (extension);
  job->source = g_object_ref (file);

  task = g_task_new (NULL, cancellable, byline_image_drop_place_cb, outer);
  g_task_set_source_tag (task, byline_image_drop_place_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, byline_image_drop_job_thread);
}

/**
 * byline_image_drop_place_file_finish:
 * @result: the result
 * @error: where a failure goes
 *
 * Returns: (transfer full) (nullable): where the image is, and how the post
 *   refers to it
 */
BylineImagePlace *
byline_image_drop_place_file_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
