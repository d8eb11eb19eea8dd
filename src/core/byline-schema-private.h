/* byline-schema-private.h: what byline-schema*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-schema.h"

G_BEGIN_DECLS

typedef enum
{
  BYLINE_SCHEMA_KIND_ASTROPAPER,
  BYLINE_SCHEMA_KIND_HUGO,
  BYLINE_SCHEMA_KIND_JEKYLL,
  BYLINE_SCHEMA_KIND_YAML_ONLY,
  BYLINE_SCHEMA_KIND_JSON,        /* read from a site's JSON Schema: zod's rules */
} BylineSchemaKind;

BylineSchema     *_byline_schema_new        (BylineSchemaKind  kind,
                                             const char       *name,
                                             const char       *source);
gpointer          _byline_schema_own        (BylineSchema     *self,
                                             gpointer          data);
void              _byline_schema_set_fields (BylineSchema     *self,
                                             BylineField      *fields,
                                             guint             n_fields);
BylineSchemaKind  _byline_schema_get_kind   (BylineSchema     *self);
void              _byline_schema_set_astropaper (BylineSchema *self);

G_END_DECLS
