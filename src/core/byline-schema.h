/* byline-schema.h: the fields a post's frontmatter may have, and their rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-diagnostic.h"
#include "byline-frontmatter.h"

G_BEGIN_DECLS

typedef enum
{
  BYLINE_FIELD_STRING,
  BYLINE_FIELD_TEXT,        /* a string shown as multi-line text (description) */
  BYLINE_FIELD_TIMESTAMP,
  BYLINE_FIELD_BOOLEAN,
  BYLINE_FIELD_STRING_LIST,
  BYLINE_FIELD_URL,
  BYLINE_FIELD_TIMEZONE,
  BYLINE_FIELD_SLUG,
} BylineFieldType;

/**
 * BylineField:
 * @name: the frontmatter key
 * @type: what value it takes, and so which widget edits it
 * @required: the site's build fails without it
 * @nullable: `key:` / `key: null` is accepted
 * @default_yaml: (nullable): the site's default, as YAML text (`["others"]`)
 * @description: a one-line, translatable description for the form
 * @key_position: where the key goes in a file among the others (0 first), the
 *   order AstroPaper's own posts write them in; fields themselves come in the
 *   order a form shows them, most-edited first
 */
typedef struct
{
  const char       *name;
  BylineFieldType   type;
  gboolean          required;
  gboolean          nullable;
  const char       *default_yaml;
  const char       *description;
  guint             key_position;
} BylineField;

typedef struct _BylineSchema BylineSchema;

BylineSchema       *byline_schema_new_astropaper (void);
BylineSchema       *byline_schema_ref            (BylineSchema       *self);
void                byline_schema_unref          (BylineSchema       *self);
const char         *byline_schema_get_name       (BylineSchema       *self);
guint               byline_schema_get_n_fields   (BylineSchema       *self);
const BylineField  *byline_schema_get_field      (BylineSchema       *self,
                                                  guint               index);
const BylineField  *byline_schema_lookup         (BylineSchema       *self,
                                                  const char         *name);
const char * const *byline_schema_get_key_order  (BylineSchema       *self);
GPtrArray          *byline_schema_validate       (BylineSchema       *self,
                                                  BylineFrontmatter  *frontmatter,
                                                  GDateTime          *now);
GPtrArray          *byline_schema_unknown_keys   (BylineSchema       *self,
                                                  BylineFrontmatter  *frontmatter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSchema, byline_schema_unref)

G_END_DECLS
