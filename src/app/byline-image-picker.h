/* byline-image-picker.h: an image field's thumbnail and file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_IMAGE_PICKER (byline_image_picker_get_type ())

G_DECLARE_FINAL_TYPE (BylineImagePicker, byline_image_picker, BYLINE, IMAGE_PICKER, GtkWidget)

GtkWidget  *byline_image_picker_new           (void);
void        byline_image_picker_set_site      (BylineImagePicker *self,
                                               BylineSite        *site,
                                               const char        *post_path);
void        byline_image_picker_set_value     (BylineImagePicker *self,
                                               const char        *value);
const char *byline_image_picker_get_image_path (BylineImagePicker *self);
gboolean    byline_image_picker_get_has_thumbnail (BylineImagePicker *self);
void        byline_image_picker_choose_file   (BylineImagePicker *self,
                                               GFile             *file);
gboolean    byline_image_picker_drop_file     (BylineImagePicker *self,
                                               GFile             *file);

G_END_DECLS
