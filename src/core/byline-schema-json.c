/* byline-schema-json.c: a schema from the JSON Schema an Astro site writes,
 * and any schema as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "byline-json.h"
#include "byline-schema.h"
#include "byline-schema-private.h"

/* Astro 5 (`astro sync`) writes each collection's zod schema, converted by
 * zod-to-json-schema, to .astro/collections/NAME.schema.json: JSON Schema
 * draft-07, the object under definitions.NAME and a "$ref" to it. Astro 6
 * converts with zod 4's toJSONSchema: draft 2020-12, "$defs" or the object
 * at the top. What the JSON cannot say comes from the collection's part of
 * content.config: image() (a plain string in the JSON), reference('coll')
 * (a union of a string and {id|slug, collection}) and z.coerce.date() (the
 * same JSON as z.date()). */

typedef struct
{
  BylineSchema *schema;
  JsonObject   *root;
  const char   *config_text;   /* the collection's part of content.config, or NULL */
  gboolean      draft_2020;    /* JSON Schema 2020-12: zod 4's, Astro 6's */
  GHashTable   *open;          /* the objects whose fields are being read: a field's ancestors */
  guint         n_fields;      /* fields read so far */
} Loader;

/* A schema that refers to itself (z.lazy()) is read until it does; one that
 * refers to the same definition many times over, to this many fields. */
#define MAX_FIELDS 10000

static const char *
own_string (Loader     *loader,
            const char *s)
{
  return s == NULL ? NULL : _byline_schema_own (loader->schema, g_strdup (s));
}

/* The member @name of @object when it is a string, else @fallback: a
 * schema file may hold anything where a string belongs, and json-glib's own
 * getters complain of what is not a value. */
static const char *
get_string (JsonObject *object,
            const char *name,
            const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

/* Item @i of @array when it is a string, else %NULL */
static const char *
string_at (JsonArray *array,
           guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A count such as maxLength; 0 when absent or not a count. */
static guint
get_count (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  double count;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  count = json_node_get_double (node);
  if (!(count > 0))
    return 0;
  return count >= G_MAXUINT ? G_MAXUINT : (guint) count;
}

static const char *
get_description (Loader     *loader,
                 JsonObject *object)
{
  return own_string (loader,
                     get_string (object, "description", NULL));
}

/* The member @name when it is a number or a boolean, else NULL. */
static JsonNode *
get_value (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? node : NULL;
}

/* The member @name of @object when it is an object, else %NULL: a schema
 * file may hold anything where an object belongs. */
static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* "#/definitions/notes", "#/$defs/notes" */
static JsonObject *
resolve_ref (Loader     *loader,
             JsonObject *object)
{
  for (guint depth = 0;
       depth < 16 && object != NULL && json_object_has_member (object, "$ref");
       depth++)
    {
      const char *ref = get_string (object, "$ref", "");
      g_auto(GStrv) parts = NULL;
      JsonObject *at = loader->root;

      if (!g_str_has_prefix (ref, "#/"))
        return NULL;
      parts = g_strsplit (ref + 2, "/", -1);
      for (guint i = 0; parts[i] != NULL && at != NULL; i++)
        {
          JsonNode *node = json_object_get_member (at, parts[i]);

          at = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        }
      object = at;
    }

  return object;
}

static const char *
type_of (JsonObject *object,
         gboolean   *nullable)
{
  JsonNode *type = json_object_get_member (object, "type");

  if (type == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (type))
    return json_node_get_string (type);

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      /* ["string", "null"] */
      JsonArray *types = json_node_get_array (type);
      const char *found = NULL;

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          const char *t = string_at (types, i);

          if (g_strcmp0 (t, "null") == 0)
            *nullable = TRUE;
          else if (found == NULL)
            found = t;
          else
            return NULL;
        }
      return found;
    }

  return NULL;
}

static gboolean
is_null_branch (JsonObject *object)
{
  gboolean nullable = FALSE;

  return g_strcmp0 (type_of (object, &nullable), "null") == 0;
}

/* zod-to-json-schema writes `.optional()` inside a union as {"not": {}}. */
static gboolean
is_undefined_branch (JsonObject *object)
{
  return json_object_get_size (object) == 1 && json_object_has_member (object, "not");
}

static gboolean
is_date_branch (JsonObject *object)
{
  const char *format = get_string (object, "format", "");

  return strcmp (format, "date-time") == 0 || strcmp (format, "date") == 0 ||
         strcmp (format, "unix-time") == 0;
}

/* reference(): a string, or {id, collection}, or {slug, collection}. */
static gboolean
is_reference_union (GPtrArray *branches)
{
  gboolean has_string = FALSE;
  gboolean has_object = FALSE;

  for (guint i = 0; i < branches->len; i++)
    {
      JsonObject *b = g_ptr_array_index (branches, i);
      gboolean nullable = FALSE;
      const char *type = type_of (b, &nullable);

      if (g_strcmp0 (type, "string") == 0 && !json_object_has_member (b, "enum"))
        has_string = TRUE;
      else if (g_strcmp0 (type, "object") == 0 && get_object (b, "properties") != NULL &&
               json_object_has_member (get_object (b, "properties"), "collection"))
        has_object = TRUE;
      else
        return FALSE;
    }

  return has_string && has_object;
}

/* A regex for `KEY: WHAT` in config text, KEY maybe quoted. */
static gboolean
config_says (Loader     *loader,
             const char *key,
             const char *what,
             char      **capture)
{
  g_autofree char *escaped = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (loader->config_text == NULL)
    return FALSE;

  escaped = g_regex_escape_string (key, -1);
  pattern = g_strdup_printf ("(?:^|[\\s{,])[\"']?%s[\"']?\\s*:\\s*%s", escaped, what);
  regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  if (regex == NULL || !g_regex_match (regex, loader->config_text, 0, &match))
    return FALSE;

  if (capture != NULL)
    *capture = g_match_info_fetch (match, 1);

  return TRUE;
}

/* {"type": "string", "format": "date-time"} alone: zod-to-json-schema
 * (Astro 5) writes it for z.string().datetime(), text in ISO form, and
 * writes z.date() as a union of formats; zod 4 (Astro 6) may write it for
 * a z.date(). The config says which, when it can be read. */
static gboolean
is_date_not_text (Loader     *loader,
                  const char *name)
{
  if (config_says (loader, name, "z\\s*\\.\\s*(?:coerce\\s*\\.\\s*)?date\\s*\\(", NULL))
    return TRUE;
  if (config_says (loader, name, "z\\s*\\.\\s*(?:string\\s*\\(\\s*\\)|iso)", NULL))
    return FALSE;

  return loader->draft_2020;
}

static void field_from_json (Loader      *loader,
                             BylineField *field,
                             const char  *name,
                             JsonObject  *object,
                             guint        depth);

static BylineField *
fields_from_properties (Loader     *loader,
                        JsonObject *object,
                        guint       depth,
                        guint      *n_fields)
{
  JsonObject *properties = NULL;
  JsonArray *required = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  GArray *fields;

  properties = get_object (object, "properties");
  if (json_object_has_member (object, "required") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "required")))
    required = json_object_get_array_member (object, "required");

  fields = g_array_new (FALSE, TRUE, sizeof (BylineField));
  if (properties != NULL)
    {
      /* Declaration order: the order the site's author wrote the keys in. */
      json_object_iter_init_ordered (&iter, properties);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          BylineField field = { 0 };

          /* Astro adds "$schema" so editors can find the file; no post has it. */
          if (strcmp (name, "$schema") == 0 || !JSON_NODE_HOLDS_OBJECT (value))
            continue;

          field_from_json (loader, &field, name, json_node_get_object (value), depth + 1);
          for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
            {
              if (g_strcmp0 (string_at (required, i), name) == 0)
                field.required = TRUE;
            }
          field.key_position = fields->len;
          g_array_append_val (fields, field);
        }
    }

  *n_fields = fields->len;
  return _byline_schema_own (loader->schema, g_array_free (fields, FALSE));
}

static void
read_bounds (BylineField *field,
             JsonObject  *object)
{
  JsonNode *node;

  if ((node = get_value (object, "minimum")) != NULL)
    {
      field->has_minimum = TRUE;
      field->minimum = json_node_get_double (node);
    }
  if ((node = get_value (object, "exclusiveMinimum")) != NULL)
    {
      /* draft-04 wrote a boolean beside "minimum"; later drafts a number. */
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        field->exclusive_minimum = json_node_get_boolean (node);
      else
        {
          field->has_minimum = TRUE;
          field->exclusive_minimum = TRUE;
          field->minimum = json_node_get_double (node);
        }
    }
  if ((node = get_value (object, "maximum")) != NULL)
    {
      field->has_maximum = TRUE;
      field->maximum = json_node_get_double (node);
    }
  if ((node = get_value (object, "exclusiveMaximum")) != NULL)
    {
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        field->exclusive_maximum = json_node_get_boolean (node);
      else
        {
          field->has_maximum = TRUE;
          field->exclusive_maximum = TRUE;
          field->maximum = json_node_get_double (node);
        }
    }
}

static const char * const *
read_enum (Loader     *loader,
           JsonObject *object)
{
  GPtrArray *values;

  if (json_object_has_member (object, "const") &&
      json_node_get_value_type (json_object_get_member (object, "const")) == G_TYPE_STRING)
    {
      const char *value = json_object_get_string_member (object, "const");

      values = g_ptr_array_new ();
      g_ptr_array_add (values, (char *) own_string (loader, value));
    }
  else if (json_object_has_member (object, "enum") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "enum")))
    {
      JsonArray *array = json_object_get_array_member (object, "enum");

      values = g_ptr_array_new ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_ptr_array_add (values, (char *) own_string (loader, json_node_get_string (item)));
        }
    }
  else
    return NULL;

  g_ptr_array_add (values, NULL);
  return _byline_schema_own (loader->schema, g_ptr_array_free (values, FALSE));
}

/* Unions: drop null (nullable) and undefined (optional); a union of date
 * formats is a date; reference()'s union is a reference; one branch left is
 * that branch. Returns the object to read, or NULL for "any". */
static JsonObject *
unwrap_union (Loader      *loader,
              BylineField *field,
              JsonObject  *object,
              guint        depth)
{
  const char *keyword = json_object_has_member (object, "anyOf") ? "anyOf"
                        : json_object_has_member (object, "oneOf") ? "oneOf" : NULL;
  g_autoptr(GPtrArray) branches = NULL;
  JsonArray *array;
  gboolean all_dates = TRUE;
  gboolean any_date_time = FALSE;
  gboolean all_strings = TRUE;

  if (keyword == NULL || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, keyword)))
    return object;

  array = json_object_get_array_member (object, keyword);
  branches = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *b = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        b = resolve_ref (loader, json_node_get_object (node));

      if (b == NULL)
        continue;
      if (is_null_branch (b))
        field->nullable = TRUE;
      else if (!is_undefined_branch (b))
        g_ptr_array_add (branches, b);
    }

  if (branches->len == 1)
    {
      JsonObject *only = g_ptr_array_index (branches, 0);

      return depth > 32 ? NULL : unwrap_union (loader, field, only, depth + 1);
    }

  for (guint i = 0; i < branches->len; i++)
    {
      JsonObject *b = g_ptr_array_index (branches, i);
      gboolean nullable = FALSE;

      if (!is_date_branch (b))
        all_dates = FALSE;
      else if (strcmp (get_string (b, "format", ""), "date") != 0)
        any_date_time = TRUE;
      if (g_strcmp0 (type_of (b, &nullable), "string") != 0)
        all_strings = FALSE;
    }

  if (branches->len > 0 && all_dates)
    {
      field->type = any_date_time ? BYLINE_FIELD_TIMESTAMP : BYLINE_FIELD_DATE;
      return NULL;
    }

  if (is_reference_union (branches))
    {
      field->type = BYLINE_FIELD_REFERENCE;
      return NULL;
    }

  if (all_strings && branches->len > 0)
    {
      gboolean all_enums = TRUE;

      for (guint i = 0; i < branches->len; i++)
        {
          JsonObject *b = g_ptr_array_index (branches, i);

          if (!json_object_has_member (b, "enum") && !json_object_has_member (b, "const"))
            all_enums = FALSE;
        }
      if (!all_enums)
        {
          /* image().or(z.string()), z.string().or(z.string().url()): text */
          field->type = BYLINE_FIELD_STRING;
          return NULL;
        }
    }

  /* Any other union: each alternative a field of its own. */
  if (branches->len > 1 && depth <= 32)
    {
      BylineField *alternatives = _byline_schema_own (loader->schema,
                                                      g_new0 (BylineField, branches->len));

      for (guint i = 0; i < branches->len; i++)
        {
          field_from_json (loader, &alternatives[i], field->name,
                           g_ptr_array_index (branches, i), depth + 1);
          alternatives[i].required = TRUE;
        }
      field->type = BYLINE_FIELD_UNION;
      field->alternatives = alternatives;
      field->n_alternatives = branches->len;
      return NULL;
    }

  field->type = BYLINE_FIELD_ANY;
  return NULL;
}

/* Keys whose text is usually more than a line. */
static gboolean
is_text_name (const char *name)
{
  static const char * const names[] = {
    "description", "summary", "excerpt", "abstract", "lead", "intro", "bio",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
apply_config_hints (Loader      *loader,
                    BylineField *field)
{
  g_autofree char *collection = NULL;

  /* `z.array(reference('notes'))` before `reference('notes')`: the second
   * matches inside the first. */
  if (config_says (loader, field->name,
                   "z\\s*\\.\\s*array\\s*\\(\\s*reference\\s*\\(\\s*[\"'`]([^\"'`]+)", &collection))
    {
      BylineField *item = _byline_schema_own (loader->schema, g_new0 (BylineField, 1));

      item->name = field->name;
      item->type = BYLINE_FIELD_REFERENCE;
      item->required = TRUE;
      item->reference = own_string (loader, collection);
      field->type = BYLINE_FIELD_LIST;
      field->item = item;
      field->enum_values = NULL;
      return;
    }

  if (config_says (loader, field->name, "reference\\s*\\(\\s*[\"'`]([^\"'`]+)", &collection))
    {
      field->type = BYLINE_FIELD_REFERENCE;
      field->reference = own_string (loader, collection);
      return;
    }

  if (config_says (loader, field->name, "image\\s*\\(", NULL) &&
      (field->type == BYLINE_FIELD_STRING || field->type == BYLINE_FIELD_ANY))
    {
      field->type = BYLINE_FIELD_IMAGE;
      return;
    }

  /* zod 4 (Astro 6) may write a date it cannot represent as {}: the
   * config still says what it is. */
  if (field->type == BYLINE_FIELD_ANY &&
      config_says (loader, field->name, "z\\s*\\.\\s*(?:coerce\\s*\\.\\s*)?date\\s*\\(", NULL))
    field->type = BYLINE_FIELD_TIMESTAMP;

  if ((field->type == BYLINE_FIELD_TIMESTAMP || field->type == BYLINE_FIELD_DATE) &&
      config_says (loader, field->name, "z\\s*\\.\\s*coerce\\s*\\.\\s*date\\s*\\(", NULL))
    field->coerce = TRUE;
}

static void
field_from_object (Loader      *loader,
                   BylineField *field,
                   JsonObject  *object,
                   guint        depth)
{
  const char *type;
  JsonNode *node;

  /* The outer object of a union carries .default() and .describe(). */
  if ((node = json_object_get_member (object, "default")) != NULL)
    field->default_yaml = _byline_schema_own (loader->schema, byline_json_to_string (node, FALSE, NULL));
  if (json_object_has_member (object, "description"))
    field->description = get_description (loader, object);

  object = unwrap_union (loader, field, object, depth);
  if (object == NULL)
    {
      apply_config_hints (loader, field);
      return;
    }

  if (field->default_yaml == NULL && (node = json_object_get_member (object, "default")) != NULL)
    field->default_yaml = _byline_schema_own (loader->schema, byline_json_to_string (node, FALSE, NULL));
  if (field->description == NULL && json_object_has_member (object, "description"))
    field->description = get_description (loader, object);

  type = type_of (object, &field->nullable);
  if (type == NULL && json_object_has_member (object, "type") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "type")))
    {
      /* {"type": ["string", "number"]}: zod-to-json-schema's z.union() of
       * plain types. */
      JsonArray *types = json_object_get_array_member (object, "type");
      GArray *alternatives = g_array_new (FALSE, TRUE, sizeof (BylineField));

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          const char *t = string_at (types, i);
          g_autoptr(JsonObject) one = NULL;
          BylineField alternative = { 0 };

          if (t == NULL || strcmp (t, "null") == 0)
            continue;
          one = json_object_new ();
          json_object_set_string_member (one, "type", t);
          field_from_json (loader, &alternative, field->name, one, depth + 1);
          alternative.required = TRUE;
          g_array_append_val (alternatives, alternative);
        }
      field->type = BYLINE_FIELD_UNION;
      field->n_alternatives = alternatives->len;
      field->alternatives = _byline_schema_own (loader->schema, g_array_free (alternatives, FALSE));
      apply_config_hints (loader, field);
      return;
    }

  if (g_strcmp0 (type, "string") == 0 || (type == NULL && json_object_has_member (object, "const")))
    {
      const char *format = get_string (object, "format", NULL);

      field->enum_values = read_enum (loader, object);
      field->max_length = get_count (object, "maxLength");
      field->min_length = get_count (object, "minLength");
      field->format = own_string (loader, format);
      field->pattern = own_string (loader,
                                   get_string (object, "pattern",
                                                                               NULL));
      if (field->enum_values != NULL)
        field->type = BYLINE_FIELD_ENUM;
      else if ((g_strcmp0 (format, "date-time") == 0 || g_strcmp0 (format, "date") == 0) &&
               is_date_not_text (loader, field->name))
        field->type = strcmp (format, "date") == 0 ? BYLINE_FIELD_DATE : BYLINE_FIELD_TIMESTAMP;
      else if (g_strcmp0 (format, "uri") == 0)
        field->type = BYLINE_FIELD_URL;
      else if (is_text_name (field->name))
        field->type = BYLINE_FIELD_TEXT;
      else
        field->type = BYLINE_FIELD_STRING;
    }
  else if (g_strcmp0 (type, "integer") == 0 || g_strcmp0 (type, "number") == 0)
    {
      field->type = strcmp (type, "integer") == 0 ? BYLINE_FIELD_INTEGER : BYLINE_FIELD_NUMBER;
      read_bounds (field, object);
    }
  else if (g_strcmp0 (type, "boolean") == 0)
    field->type = BYLINE_FIELD_BOOLEAN;
  else if (g_strcmp0 (type, "array") == 0)
    {
      JsonNode *items = json_object_get_member (object, "items");
      BylineField *item = _byline_schema_own (loader->schema, g_new0 (BylineField, 1));

      field->min_items = get_count (object, "minItems");
      field->max_items = get_count (object, "maxItems");

      if (items != NULL && JSON_NODE_HOLDS_OBJECT (items))
        field_from_json (loader, item, field->name, json_node_get_object (items), depth + 1);
      else
        {
          item->name = field->name;
          item->type = BYLINE_FIELD_ANY;
        }
      item->required = TRUE;

      if ((item->type == BYLINE_FIELD_STRING || item->type == BYLINE_FIELD_TEXT ||
           item->type == BYLINE_FIELD_ENUM) &&
          item->max_length == 0 && item->min_length == 0 && item->format == NULL &&
          item->pattern == NULL && !item->nullable)
        {
          field->type = BYLINE_FIELD_STRING_LIST;
          field->enum_values = item->enum_values;
        }
      else
        {
          field->type = BYLINE_FIELD_LIST;
          field->item = item;
        }
    }
  else if (g_strcmp0 (type, "object") == 0 && json_object_has_member (object, "properties"))
    {
      field->type = BYLINE_FIELD_OBJECT;
      field->fields = fields_from_properties (loader, object, depth, &field->n_fields);
    }
  else
    field->type = BYLINE_FIELD_ANY;

  apply_config_hints (loader, field);
}

/* Where a schema refers back to a field's ancestor, the field takes any
 * value (the form edits it as YAML) instead of being read for ever. */
static void
field_from_json (Loader      *loader,
                 BylineField *field,
                 const char  *name,
                 JsonObject  *object,
                 guint        depth)
{
  field->name = own_string (loader, name);
  field->type = BYLINE_FIELD_ANY;

  object = resolve_ref (loader, object);
  if (object == NULL || depth > 32 || loader->n_fields >= MAX_FIELDS ||
      g_hash_table_contains (loader->open, object))
    return;

  loader->n_fields++;
  g_hash_table_add (loader->open, object);
  field_from_object (loader, field, object, depth);
  g_hash_table_remove (loader->open, object);
}

/**
 * byline_schema_new_from_json_data:
 * @json: a JSON Schema
 * @len: its length, or -1
 * @source: (nullable): where it comes from, for byline_schema_get_source()
 * @collection: (nullable): the collection it is for (the definition's name)
 * @config_text: (nullable): the collection's part of the site's
 *   content.config, to read image(), reference() and z.coerce.date() from
 * @error: a #GError
 *
 * Reads the JSON Schema of a post's frontmatter, as Astro writes it. The
 * schema is judged with zod's rules, not the JSON Schema's letter: unknown
 * keys pass (zod strips them) whatever "additionalProperties" says, a
 * default fills a missing key, z.coerce.date() takes what `new Date()` takes.
 *
 * Returns: (transfer full): a new schema, or %NULL
 */
BylineSchema *
byline_schema_new_from_json_data (const char  *json,
                                  gssize       len,
                                  const char  *source,
                                  const char  *collection,
                                  const char  *config_text,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(BylineSchema) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root_node;
  JsonObject *object;
  BylineField *fields;
  guint n_fields = 0;
  Loader loader = { 0 };
  gboolean nullable = FALSE;

  g_return_val_if_fail (json != NULL, NULL);

  if (!byline_json_parser_load (parser, json, len, &local_error))
    {
      g_set_error (error, BYLINE_SCHEMA_ERROR, BYLINE_SCHEMA_ERROR_INVALID,
                   "%s: %s", source != NULL ? source : "JSON", local_error->message);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, BYLINE_SCHEMA_ERROR, BYLINE_SCHEMA_ERROR_INVALID,
                   _("%s is not a JSON Schema"), source != NULL ? source : "JSON");
      return NULL;
    }

  self = _byline_schema_new (BYLINE_SCHEMA_KIND_JSON,
                             collection != NULL ? collection : "JSON Schema", source);
  loader.schema = self;
  loader.root = json_node_get_object (root_node);
  loader.config_text = config_text;
  loader.draft_2020 = strstr (get_string (loader.root, "$schema", ""),
                              "2020-12") != NULL;

  object = resolve_ref (&loader, loader.root);
  if ((object == NULL || !json_object_has_member (object, "properties")) && collection != NULL)
    {
      /* No "$ref": the collection by name among the definitions. */
      static const char * const defs[] = { "definitions", "$defs" };

      for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
        {
          JsonObject *d = get_object (loader.root, defs[i]);

          if (get_object (d, collection) != NULL)
            object = get_object (d, collection);
        }
    }

  if (object == NULL || g_strcmp0 (type_of (object, &nullable), "object") != 0)
    {
      g_set_error (error, BYLINE_SCHEMA_ERROR, BYLINE_SCHEMA_ERROR_NOT_FOUND,
                   _("%s does not describe an object%s%s"),
                   source != NULL ? source : "JSON",
                   collection != NULL ? " " : "", collection != NULL ? collection : "");
      return NULL;
    }

  loader.open = g_hash_table_new (NULL, NULL);
  g_hash_table_add (loader.open, object);
  fields = fields_from_properties (&loader, object, 0, &n_fields);
  g_hash_table_unref (loader.open);
  _byline_schema_set_fields (self, g_memdup2 (fields, sizeof (BylineField) * n_fields), n_fields);

  return g_steal_pointer (&self);
}

/**
 * byline_schema_new_from_json:
 * @path: a JSON Schema file, such as `.astro/collections/blog.schema.json`
 * @collection: (nullable): the collection it is for
 * @config_text: (nullable): see byline_schema_new_from_json_data()
 * @error: a #GError
 *
 * Returns: (transfer full): a new schema whose source is @path, or %NULL
 */
BylineSchema *
byline_schema_new_from_json (const char  *path,
                             const char  *collection,
                             const char  *config_text,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  return byline_schema_new_from_json_data (contents, len, path, collection, config_text, error);
}

/* --- the schema as JSON (`byline schema`) ------------------------------- */

/**
 * byline_field_type_to_string:
 * @type: a field type
 *
 * Returns: the type's name in `byline schema`'s JSON: "string", "text",
 *   "date-time", "date", "boolean", "string-list", "url", "timezone",
 *   "slug", "enum", "integer", "number", "object", "list", "image",
 *   "reference", "any", "union"
 */
const char *
byline_field_type_to_string (BylineFieldType type)
{
  switch (type)
    {
    case BYLINE_FIELD_STRING: return "string";
    case BYLINE_FIELD_TEXT: return "text";
    case BYLINE_FIELD_TIMESTAMP: return "date-time";
    case BYLINE_FIELD_BOOLEAN: return "boolean";
    case BYLINE_FIELD_STRING_LIST: return "string-list";
    case BYLINE_FIELD_URL: return "url";
    case BYLINE_FIELD_TIMEZONE: return "timezone";
    case BYLINE_FIELD_SLUG: return "slug";
    case BYLINE_FIELD_ENUM: return "enum";
    case BYLINE_FIELD_INTEGER: return "integer";
    case BYLINE_FIELD_NUMBER: return "number";
    case BYLINE_FIELD_DATE: return "date";
    case BYLINE_FIELD_OBJECT: return "object";
    case BYLINE_FIELD_LIST: return "list";
    case BYLINE_FIELD_IMAGE: return "image";
    case BYLINE_FIELD_REFERENCE: return "reference";
    case BYLINE_FIELD_ANY: return "any";
    case BYLINE_FIELD_UNION: return "union";
    default: return "any";
    }
}

static void
add_default (JsonBuilder *builder,
             const char  *yaml)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  json_builder_set_member_name (builder, "default");
  /* Built-in defaults are written as JSON, which is YAML too. */
  if (yaml != NULL && byline_json_parser_load (parser, yaml, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else if (yaml != NULL)
    json_builder_add_string_value (builder, yaml);
  else
    json_builder_add_null_value (builder);
}

static void
add_field (JsonBuilder       *builder,
           const BylineField *field)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, field->name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, byline_field_type_to_string (field->type));
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, field->required);
  json_builder_set_member_name (builder, "nullable");
  json_builder_add_boolean_value (builder, field->nullable);
  add_default (builder, field->default_yaml);
  json_builder_set_member_name (builder, "description");
  if (field->description != NULL)
    json_builder_add_string_value (builder, field->description);
  else
    json_builder_add_null_value (builder);

  if (field->enum_values != NULL)
    {
      json_builder_set_member_name (builder, "enum");
      json_builder_begin_array (builder);
      for (guint i = 0; field->enum_values[i] != NULL; i++)
        json_builder_add_string_value (builder, field->enum_values[i]);
      json_builder_end_array (builder);
    }
  if (field->has_minimum)
    {
      json_builder_set_member_name (builder,
                                    field->exclusive_minimum ? "exclusiveMinimum" : "minimum");
      json_builder_add_double_value (builder, field->minimum);
    }
  if (field->has_maximum)
    {
      json_builder_set_member_name (builder,
                                    field->exclusive_maximum ? "exclusiveMaximum" : "maximum");
      json_builder_add_double_value (builder, field->maximum);
    }
  if (field->min_length > 0)
    {
      json_builder_set_member_name (builder, "minLength");
      json_builder_add_int_value (builder, field->min_length);
    }
  if (field->max_length > 0)
    {
      json_builder_set_member_name (builder, "maxLength");
      json_builder_add_int_value (builder, field->max_length);
    }
  if (field->min_items > 0)
    {
      json_builder_set_member_name (builder, "minItems");
      json_builder_add_int_value (builder, field->min_items);
    }
  if (field->max_items > 0)
    {
      json_builder_set_member_name (builder, "maxItems");
      json_builder_add_int_value (builder, field->max_items);
    }
  if (field->format != NULL)
    {
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, field->format);
    }
  if (field->pattern != NULL)
    {
      json_builder_set_member_name (builder, "pattern");
      json_builder_add_string_value (builder, field->pattern);
    }
  if (field->reference != NULL)
    {
      json_builder_set_member_name (builder, "collection");
      json_builder_add_string_value (builder, field->reference);
    }
  if (field->coerce)
    {
      json_builder_set_member_name (builder, "coerce");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (field->type == BYLINE_FIELD_OBJECT)
    {
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      for (guint i = 0; i < field->n_fields; i++)
        add_field (builder, &field->fields[i]);
      json_builder_end_array (builder);
    }
  if (field->item != NULL)
    {
      json_builder_set_member_name (builder, "items");
      add_field (builder, field->item);
    }
  if (field->type == BYLINE_FIELD_UNION)
    {
      json_builder_set_member_name (builder, "alternatives");
      json_builder_begin_array (builder);
      for (guint i = 0; i < field->n_alternatives; i++)
        add_field (builder, &field->alternatives[i]);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

/**
 * byline_schema_fields_to_json:
 * @self: a schema
 *
 * The fields as a JSON array, in key order (where a key goes in a file), each
 * `{"name", "type", "required", "nullable", "default", "description"}` and,
 * where they apply, "enum", "minimum"/"exclusiveMinimum",
 * "maximum"/"exclusiveMaximum", "minLength", "maxLength", "format",
 * "collection" (a reference's), "coerce", "fields" (an object's),
 * "items" (a list's) and "alternatives" (a union's).
 *
 * Returns: (transfer full): pretty-printed JSON
 */
char *
byline_schema_fields_to_json (BylineSchema *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *order;

  g_return_val_if_fail (self != NULL, NULL);

  order = byline_schema_get_key_order (self);
  json_builder_begin_array (builder);
  for (guint i = 0; order[i] != NULL; i++)
    add_field (builder, byline_schema_lookup (self, order[i]));
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);

  return byline_json_to_string (root, TRUE, NULL);
}
