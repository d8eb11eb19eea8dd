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
  /* Since sites' own schemas (Astro's JSON Schemas, Hugo, Jekyll): */
  BYLINE_FIELD_ENUM,        /* one of @enum_values */
  BYLINE_FIELD_INTEGER,     /* a whole number, within @minimum/@maximum */
  BYLINE_FIELD_NUMBER,      /* any number, within @minimum/@maximum */
  BYLINE_FIELD_DATE,        /* a date without a time (`format: date`) */
  BYLINE_FIELD_OBJECT,      /* a mapping of its own @fields */
  BYLINE_FIELD_LIST,        /* a list of @item (objects, numbers, references, …) */
  BYLINE_FIELD_IMAGE,       /* a path to an image beside the post, or a URL (Astro's image()) */
  BYLINE_FIELD_REFERENCE,   /* the id of an entry of the collection @reference */
  BYLINE_FIELD_ANY,         /* anything YAML can hold: the schema says no more */
  BYLINE_FIELD_UNION,       /* any one of @alternatives (zod's .or(), z.union()) */
} BylineFieldType;

typedef struct _BylineField BylineField;

/**
 * BylineField:
 * @name: the frontmatter key
 * @type: what value it takes, and so which widget edits it
 * @required: the site's build fails without it
 * @nullable: `key:` / `key: null` is accepted
 * @default_yaml: (nullable): the site's default, as YAML text (`["others"]`)
 * @description: (nullable): a one-line description for the form: translated
 *   for the built-in schemas, the site's own `.describe()` text (or %NULL)
 *   for a schema read from a site
 * @key_position: where the key goes in a file among the others (0 first): the
 *   order AstroPaper's own posts, Hugo's archetype and Jekyll's documentation
 *   write them in, or the order an Astro collection declares them; built-in
 *   fields themselves come in the order a form shows them, most-edited
 *   first, and a site's in its declaration order
 * @enum_values: (array zero-terminated=1) (nullable): for ENUM, the values it
 *   takes; for STRING_LIST, the values each item takes (a list of enum values)
 * @has_minimum/@minimum/@exclusive_minimum: INTEGER and NUMBER: the least
 *   value (or the bound the value must exceed, when exclusive)
 * @has_maximum/@maximum/@exclusive_maximum: likewise, the greatest
 * @min_length/@max_length: STRING, TEXT, URL, ENUM: length in UTF-16 code
 *   units as JavaScript counts it; 0 means no bound
 * @min_items/@max_items: STRING_LIST, LIST: how many items; 0 means no bound
 * @fields/@n_fields: OBJECT: its sub-fields (nested objects have their own
 *   @required), in key order
 * @item: LIST: what each item is (its @name is the list's)
 * @alternatives/@n_alternatives: UNION: what the value may be, each a field
 *   of the same @name
 * @reference: REFERENCE (or a LIST of them): the collection the ids name
 * @coerce: TIMESTAMP, DATE: the site converts text and numbers to a date the
 *   way JavaScript's `new Date()` does (zod's `z.coerce.date()`, Hugo and
 *   Jekyll), so a quoted date is fine
 * @format: STRING: `email`, `uri`, … as the schema names a string's format
 * @pattern: (nullable): STRING: a regular expression the text must match
 *   (zod's .regex(), in JavaScript's syntax)
 *
 * Fields the form shows come from byline_schema_get_field(); nested ones
 * from @fields. Everything after @key_position is zero for the built-in
 * AstroPaper fields but for what they need.
 */
struct _BylineField
{
  const char          *name;
  BylineFieldType      type;
  gboolean             required;
  gboolean             nullable;
  const char          *default_yaml;
  const char          *description;
  guint                key_position;

  const char * const  *enum_values;
  gboolean             has_minimum;
  gboolean             has_maximum;
  gboolean             exclusive_minimum;
  gboolean             exclusive_maximum;
  double               minimum;
  double               maximum;
  guint                min_length;
  guint                max_length;
  guint                min_items;
  guint                max_items;
  const BylineField   *fields;
  guint                n_fields;
  const BylineField   *item;
  const BylineField   *alternatives;
  guint                n_alternatives;
  const char          *reference;
  gboolean             coerce;
  const char          *format;
  const char          *pattern;
};

const char *byline_field_type_to_string (BylineFieldType type);

typedef struct _BylineSchema BylineSchema;

#define BYLINE_SCHEMA_ERROR (byline_schema_error_quark ())

typedef enum
{
  BYLINE_SCHEMA_ERROR_INVALID,     /* not JSON, or not a JSON Schema of an object */
  BYLINE_SCHEMA_ERROR_NOT_FOUND,   /* no such collection in the file */
} BylineSchemaError;

GQuark              byline_schema_error_quark    (void);

BylineSchema       *byline_schema_new_astropaper (void);
BylineSchema       *byline_schema_new_hugo       (void);
BylineSchema       *byline_schema_new_jekyll     (void);
BylineSchema       *byline_schema_new_yaml_only  (void);
BylineSchema       *byline_schema_new_from_json  (const char         *path,
                                                  const char         *collection,
                                                  const char         *config_text,
                                                  GError            **error);
BylineSchema       *byline_schema_new_from_json_data (const char     *json,
                                                  gssize              len,
                                                  const char         *source,
                                                  const char         *collection,
                                                  const char         *config_text,
                                                  GError            **error);
/**
 * BylineHasEntryFunc:
 * @collection: a collection's name
 * @id: an entry id a reference names
 * @user_data: the data given with the function
 *
 * Returns: whether the site's @collection has an entry @id
 */
typedef gboolean (*BylineHasEntryFunc) (const char *collection,
                                        const char *id,
                                        gpointer    user_data);

GPtrArray          *byline_schema_check_references (BylineSchema       *self,
                                                  BylineFrontmatter  *frontmatter,
                                                  BylineHasEntryFunc  has_entry,
                                                  gpointer            user_data);
const char         *byline_schema_get_source     (BylineSchema       *self);
char               *byline_schema_fields_to_json (BylineSchema       *self);
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
