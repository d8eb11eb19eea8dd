/* byline-outline-item.h: one heading of the outline, as a list model item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-analysis.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_OUTLINE_ITEM (byline_outline_item_get_type ())

G_DECLARE_FINAL_TYPE (BylineOutlineItem, byline_outline_item, BYLINE, OUTLINE_ITEM, GObject)

BylineOutlineItem *byline_outline_item_new       (const BylineHeading *heading);
gboolean           byline_outline_item_is        (BylineOutlineItem   *self,
                                                  const BylineHeading *heading);
guint              byline_outline_item_get_level (BylineOutlineItem   *self);
guint              byline_outline_item_get_line  (BylineOutlineItem   *self);
void               byline_outline_item_set_line  (BylineOutlineItem   *self,
                                                  guint                line);
const char        *byline_outline_item_get_text  (BylineOutlineItem   *self);
const char        *byline_outline_item_get_id    (BylineOutlineItem   *self);

G_END_DECLS
