/* byline-image-picker.c: an image field's thumbnail and file chooser
 *
 * Sits at the end of an image field's row: a thumbnail of the file the
 * value names, found as the site finds it (byline_site_resolve_image():
 * relative to the post, `@/…` through the site's alias for src/, `/…` in
 * public/), and a button that opens a file chooser. A chosen file is
 * announced with ::chosen as the value the site wants
 * (byline_site_image_value()); the form writes it like a typed value.
 * Thumbnails load off the main thread.
 *
 * An image file dropped on the picker (the form drops what lands on the
 * field's row here) is first put where the site keeps images, as a drop on
 * the editor is (byline_image_drop_place_file_async()), then announced
 * like a chosen one; anything else is refused with ::failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-image-drop.h"
#include "byline-image-picker.h"

#define THUMBNAIL_SIZE 36

struct _BylineImagePicker
{
  GtkWidget             parent_instance;

  /* children */
  GtkWidget            *box;
  GtkPicture           *thumbnail;
  GtkWidget            *button;

  /* owned */
  BylineSite           *site;
  char                 *post_path;
  char                 *value;
  char                 *image_path;   /* the value, resolved */
  GCancellable         *cancellable;  /* the thumbnail's load */
  GCancellable         *drop_cancellable; /* dropped files being copied */
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative *chooser;
#endif

  guint                 has_thumbnail : 1;
};

G_DEFINE_FINAL_TYPE (BylineImagePicker, byline_image_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HAS_THUMBNAIL,
  N_PROPS
};

enum {
  CHOSEN,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
byline_image_picker_set_has_thumbnail (BylineImagePicker *self,
                                       gboolean           has_thumbnail)
{
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), has_thumbnail);
  if (self->has_thumbnail == !!has_thumbnail)
    return;

  self->has_thumbnail = !!has_thumbnail;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_THUMBNAIL]);
}

static void
byline_image_picker_load_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  g_autoptr(GdkTexture) texture = NULL;
  BylineImagePicker *self;

  /* Cancelled: another value came, or the picker went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BYLINE_IMAGE_PICKER (user_data);
  g_clear_object (&self->cancellable);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_debug ("No thumbnail for %s: %s", self->image_path, error->message);
      gtk_picture_set_paintable (self->thumbnail, NULL);
      byline_image_picker_set_has_thumbnail (self, FALSE);
      return;
    }

  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  byline_image_picker_set_has_thumbnail (self, TRUE);
}

static void
byline_image_picker_update (BylineImagePicker *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  path = self->post_path != NULL ? byline_site_resolve_image (self->site, self->post_path, self->value)
                                 : NULL;
  if (g_strcmp0 (path, self->image_path) == 0)
    return;

  g_free (self->image_path);
  self->image_path = g_steal_pointer (&path);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->image_path == NULL)
    {
      gtk_picture_set_paintable (self->thumbnail, NULL);
      byline_image_picker_set_has_thumbnail (self, FALSE);
      return;
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->thumbnail), self->image_path);
  self->cancellable = g_cancellable_new ();
  file = g_file_new_for_path (self->image_path);
  g_file_load_bytes_async (file, self->cancellable, byline_image_picker_load_cb, self);
}

/**
 * byline_image_picker_choose_file:
 * @self: a picker
 * @file: the image the user chose
 *
 * Announces @file as the value the site wants (::chosen), as accepting the
 * file chooser does.
 */
void
byline_image_picker_choose_file (BylineImagePicker *self,
                                 GFile             *file)
{
  g_autofree char *value = NULL;

  g_return_if_fail (BYLINE_IS_IMAGE_PICKER (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->post_path == NULL || g_file_peek_path (file) == NULL)
    return;

  value = byline_site_image_value (self->site, self->post_path, g_file_peek_path (file));
  g_signal_emit (self, signals[CHOSEN], 0, value);
}

static void
byline_image_picker_place_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(BylineImagePicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineImagePlace) place = byline_image_drop_place_file_finish (result, &error);
  g_autofree char *value = NULL;

  if (place == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The image could not be copied: %s"), error->message);

          g_signal_emit (self, signals[FAILED], 0, message);
        }
      return;
    }
  if (self->post_path == NULL)
    return;
  value = byline_site_image_value (self->site, self->post_path, place->path);
  g_signal_emit (self, signals[CHOSEN], 0, value);
}

/**
 * byline_image_picker_drop_file:
 * @self: a picker
 * @file: a file dropped on the field
 *
 * Puts an image file where the site keeps images (or takes it where it is,
 * when the site has it already) and announces it with ::chosen; says with
 * ::failed why anything else is refused.
 *
 * Returns: whether @file is taken
 */
gboolean
byline_image_picker_drop_file (BylineImagePicker *self,
                               GFile             *file)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_PICKER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (byline_image_drop_get_extension (file) == NULL || g_file_peek_path (file) == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file's name, dropped on an image field */
      g_autofree char *message = g_strdup_printf (_("“%s” is not an image file: only an image "
                                                    "can go in this field"), name);

      g_signal_emit (self, signals[FAILED], 0, message);
      return FALSE;
    }
  if (self->post_path == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0,
                     _("Save the post first: images go where its site keeps them"));
      return FALSE;
    }

  byline_image_drop_place_file_async (self->post_path, file, self->drop_cancellable,
                                      byline_image_picker_place_cb, g_object_ref (self));
  return TRUE;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
byline_image_picker_dialog_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(BylineImagePicker) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    byline_image_picker_choose_file (self, file);
}
#else
static void
byline_image_picker_chooser_response_cb (BylineImagePicker    *self,
                                         int                   response,
                                         GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    byline_image_picker_choose_file (self, file);
}
#endif

static void
byline_image_picker_button_clicked_cb (BylineImagePicker *self,
                                       GtkButton         *button)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  /* Where the current image is, else beside the post. */
  if (self->image_path != NULL)
    {
      g_autoptr(GFile) image = g_file_new_for_path (self->image_path);

      folder = g_file_get_parent (image);
    }
  else if (self->post_path != NULL)
    {
      g_autoptr(GFile) post = g_file_new_for_path (self->post_path);

      folder = g_file_get_parent (post);
    }
  if (folder != NULL && !g_file_query_exists (folder, NULL))
    g_clear_object (&folder);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Choose an Image"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_default_filter (dialog, filter);
    if (folder != NULL)
      gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                          byline_image_picker_dialog_cb, g_object_ref (self));
  }
#else
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose an Image"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (byline_image_picker_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
#endif
}

static void
byline_image_picker_dispose (GObject *object)
{
  BylineImagePicker *self = BYLINE_IMAGE_PICKER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->drop_cancellable);
  g_clear_object (&self->drop_cancellable);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
#endif
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_image_picker_parent_class)->dispose (object);
}

static void
byline_image_picker_finalize (GObject *object)
{
  BylineImagePicker *self = BYLINE_IMAGE_PICKER (object);

  g_clear_pointer (&self->site, byline_site_unref);
  g_free (self->post_path);
  g_free (self->value);
  g_free (self->image_path);

  G_OBJECT_CLASS (byline_image_picker_parent_class)->finalize (object);
}

static void
byline_image_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineImagePicker *self = BYLINE_IMAGE_PICKER (object);

  switch (prop_id)
    {
    case PROP_HAS_THUMBNAIL:
      g_value_set_boolean (value, self->has_thumbnail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_image_picker_class_init (BylineImagePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_image_picker_dispose;
  object_class->finalize = byline_image_picker_finalize;
  object_class->get_property = byline_image_picker_get_property;

  properties[PROP_HAS_THUMBNAIL] =
    g_param_spec_boolean ("has-thumbnail", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineImagePicker::chosen:
   * @value: what to write in the field
   *
   * The user chose an image file.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BylineImagePicker::failed:
   * @message: why a dropped file was not taken, for the user
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylineimagepicker");
}

static void
byline_image_picker_init (BylineImagePicker *self)
{
  self->drop_cancellable = g_cancellable_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->thumbnail = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (self->thumbnail, GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (GTK_WIDGET (self->thumbnail), THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_widget_set_valign (GTK_WIDGET (self->thumbnail), GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (GTK_WIDGET (self->thumbnail), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "card");
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->thumbnail));

  self->button = gtk_button_new_from_icon_name ("image-x-generic-symbolic");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Choose an Image"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose an Image"),
                                  -1);
  g_signal_connect_object (self->button, "clicked",
                           G_CALLBACK (byline_image_picker_button_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), self->button);
}

GtkWidget *
byline_image_picker_new (void)
{
  return g_object_new (BYLINE_TYPE_IMAGE_PICKER, NULL);
}

/**
 * byline_image_picker_set_site:
 * @self: a picker
 * @site: (nullable): the post's site
 * @post_path: (nullable): the post
 */
void
byline_image_picker_set_site (BylineImagePicker *self,
                              BylineSite        *site,
                              const char        *post_path)
{
  g_return_if_fail (BYLINE_IS_IMAGE_PICKER (self));

  if (site != NULL)
    byline_site_ref (site);
  g_clear_pointer (&self->site, byline_site_unref);
  self->site = site;
  g_free (self->post_path);
  self->post_path = g_strdup (post_path);
  gtk_widget_set_sensitive (self->button, post_path != NULL);

  byline_image_picker_update (self);
}

/**
 * byline_image_picker_set_value:
 * @self: a picker
 * @value: (nullable): the field's value
 */
void
byline_image_picker_set_value (BylineImagePicker *self,
                               const char        *value)
{
  g_return_if_fail (BYLINE_IS_IMAGE_PICKER (self));

  if (g_strcmp0 (self->value, value) == 0)
    return;

  g_free (self->value);
  self->value = g_strdup (value);
  byline_image_picker_update (self);
}

/**
 * byline_image_picker_get_image_path:
 *
 * Returns: (nullable): the file the value names, or %NULL
 */
const char *
byline_image_picker_get_image_path (BylineImagePicker *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_PICKER (self), NULL);

  return self->image_path;
}

/**
 * byline_image_picker_get_has_thumbnail:
 *
 * Returns: whether the image was read and is shown
 */
gboolean
byline_image_picker_get_has_thumbnail (BylineImagePicker *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_PICKER (self), FALSE);

  return self->has_thumbnail;
}
