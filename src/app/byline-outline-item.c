/* byline-outline-item.c: one heading of the outline, as a list model item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include "byline-outline-item.h"

struct _BylineOutlineItem
{
  GObject  parent_instance;

  char    *text;
  char    *id;
  guint    level;
  guint    line;
};

G_DEFINE_FINAL_TYPE (BylineOutlineItem, byline_outline_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_LINE,
  PROP_TEXT,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
byline_outline_item_finalize (GObject *object)
{
  BylineOutlineItem *self = BYLINE_OUTLINE_ITEM (object);

  g_free (self->text);
  g_free (self->id);

  G_OBJECT_CLASS (byline_outline_item_parent_class)->finalize (object);
}

static void
byline_outline_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineOutlineItem *self = BYLINE_OUTLINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_outline_item_class_init (BylineOutlineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_outline_item_finalize;
  object_class->get_property = byline_outline_item_get_property;

  properties[PROP_LEVEL] =
    g_param_spec_uint ("level", NULL, NULL, 1, 6, 1,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_outline_item_init (BylineOutlineItem *self)
{
}

BylineOutlineItem *
byline_outline_item_new (const BylineHeading *heading)
{
  BylineOutlineItem *self;

  g_return_val_if_fail (heading != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_OUTLINE_ITEM, NULL);
  self->level = CLAMP (heading->level, 1, 6);
  self->line = heading->line;
  self->text = g_strdup (heading->text);
  self->id = g_strdup (heading->id);
  return self;
}

/**
 * byline_outline_item_is:
 *
 * Returns: whether @self shows @heading (wherever it now lies)
 */
gboolean
byline_outline_item_is (BylineOutlineItem   *self,
                        const BylineHeading *heading)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE_ITEM (self), FALSE);

  return self->level == heading->level &&
         g_strcmp0 (self->text, heading->text) == 0 &&
         g_strcmp0 (self->id, heading->id) == 0;
}

guint
byline_outline_item_get_level (BylineOutlineItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE_ITEM (self), 1);
  return self->level;
}

guint
byline_outline_item_get_line (BylineOutlineItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE_ITEM (self), 0);
  return self->line;
}

void
byline_outline_item_set_line (BylineOutlineItem *self,
                              guint              line)
{
  g_return_if_fail (BYLINE_IS_OUTLINE_ITEM (self));

  if (self->line == line)
    return;
  self->line = line;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE]);
}

const char *
byline_outline_item_get_text (BylineOutlineItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE_ITEM (self), NULL);
  return self->text;
}

const char *
byline_outline_item_get_id (BylineOutlineItem *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE_ITEM (self), NULL);
  return self->id;
}
