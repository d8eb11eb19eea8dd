/* fuzz-schema.c: read a site's schema, and use it as the form and New do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a JSON Schema as `astro sync` writes it, optionally followed
 * by a NUL byte and the collection's part of content.config (for image(),
 * reference() and z.coerce.date()), and by another NUL byte and a post.
 *
 * The promises:
 * - the reader returns a schema or an error, never both or neither;
 * - its fields are what its key order and lookup say, nested ones too, and
 *   `byline schema`'s JSON lists them as they are;
 * - a new post made from it parses, its title reads as given and every
 *   default as the JSON the schema gives (what Astro would fill in), or is
 *   left for the site to fill in when YAML cannot hold it as written;
 * - checking a post against it (the post in the input, or a few fixed
 *   ones) places every diagnostic inside the post's text.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "byline-frontmatter.h"
#include "byline-json.h"
#include "byline-library.h"
#include "byline-new-post.h"
#include "byline-schema.h"
#include "fuzz-common.h"

static const char *collections[] = { NULL, "blog", "notes", "posts", "my-notes", "" };

static const char *titles[] = {
  "Hello", "", "a: b", "# not a comment", "- item", "\"quoted\"", "multi\nline",
  "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x8e\x89", "true", "2024-01-01", "null", "  spaced  ",
};

static const char *posts[] = {
  ("---\ntitle: Hello\npubDatetime: 2024-01-02T03:04:05Z\ndescription: A post\n"
   "tags: [a, b]\ndraft: false\nextra: 1\n---\n\nBody\n"),
  "---\ntitle: 5\npubDatetime: not a date\ntags: x\ndraft: maybe\nnested: {a: [1, {b: c}]}\n---\n",
  "---\n: broken\n  - yaml: [\n---\nBody\n",
  "No frontmatter at all\n",
};

static void
check_field (const BylineField *field,
             guint              depth)
{
  FUZZ_CHECK (field->name != NULL && g_utf8_validate (field->name, -1, NULL),
              "a field without a UTF-8 name");
  FUZZ_CHECK ((guint) field->type <= BYLINE_FIELD_UNION, "%s: type %d", field->name, field->type);
  FUZZ_CHECK (depth < 64, "%s: nested %u deep", field->name, depth);

  if (field->type == BYLINE_FIELD_ENUM && field->enum_values != NULL)
    for (guint i = 0; field->enum_values[i] != NULL; i++)
      FUZZ_CHECK (g_utf8_validate (field->enum_values[i], -1, NULL), "%s: enum value", field->name);
  for (guint i = 0; i < field->n_fields; i++)
    check_field (&field->fields[i], depth + 1);
  if (field->item != NULL)
    check_field (field->item, depth + 1);
  for (guint i = 0; i < field->n_alternatives; i++)
    {
      FUZZ_CHECK (g_strcmp0 (field->alternatives[i].name, field->name) == 0,
                  "%s: an alternative named %s", field->name, field->alternatives[i].name);
      check_field (&field->alternatives[i], depth + 1);
    }
}

/* `byline schema`'s JSON, against the fields it describes */
static void
check_json_field (JsonNode          *node,
                  const BylineField *field)
{
  JsonObject *object;
  JsonArray *array;

  FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (node), "%s: not an object in byline schema", field->name);
  object = json_node_get_object (node);
  FUZZ_CHECK (g_strcmp0 (json_object_get_string_member_with_default (object, "name", NULL),
                         field->name) == 0, "%s: named otherwise in byline schema", field->name);
  FUZZ_CHECK (g_strcmp0 (json_object_get_string_member_with_default (object, "type", NULL),
                         byline_field_type_to_string (field->type)) == 0,
              "%s: typed otherwise in byline schema", field->name);

  if (field->type == BYLINE_FIELD_OBJECT)
    {
      array = json_object_get_array_member (object, "fields");
      FUZZ_CHECK (array != NULL && json_array_get_length (array) == field->n_fields,
                  "%s: fields in byline schema", field->name);
      for (guint i = 0; i < field->n_fields; i++)
        check_json_field (json_array_get_element (array, i), &field->fields[i]);
    }
  if (field->item != NULL)
    {
      FUZZ_CHECK (json_object_has_member (object, "items"), "%s: no items", field->name);
      check_json_field (json_object_get_member (object, "items"), field->item);
    }
  if (field->type == BYLINE_FIELD_UNION)
    {
      array = json_object_get_array_member (object, "alternatives");
      FUZZ_CHECK (array != NULL && json_array_get_length (array) == field->n_alternatives,
                  "%s: alternatives in byline schema", field->name);
      for (guint i = 0; i < field->n_alternatives; i++)
        check_json_field (json_array_get_element (array, i), &field->alternatives[i]);
    }
}

static void
check_structure (BylineSchema *schema)
{
  guint n = byline_schema_get_n_fields (schema);
  const char * const *order = byline_schema_get_key_order (schema);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonArray *array;

  FUZZ_CHECK (order != NULL && g_strv_length ((char **) order) == n,
              "%u fields, %u keys in order", n, order != NULL ? g_strv_length ((char **) order) : 0);
  for (guint i = 0; i < n; i++)
    {
      const BylineField *field = byline_schema_get_field (schema, i);

      check_field (field, 0);
      FUZZ_CHECK (g_hash_table_add (seen, (gpointer) field->name), "two fields named %s", field->name);
      FUZZ_CHECK (byline_schema_lookup (schema, field->name) == field, "%s: not found by name",
                  field->name);
    }
  for (guint i = 0; i < n; i++)
    FUZZ_CHECK (g_hash_table_contains (seen, order[i]), "%s: in the order, not a field", order[i]);

  json = byline_schema_fields_to_json (schema);
  FUZZ_CHECK (json_parser_load_from_data (parser, json, -1, NULL), "byline schema: not JSON");
  FUZZ_CHECK (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)), "byline schema: not a list");
  array = json_node_get_array (json_parser_get_root (parser));
  FUZZ_CHECK (json_array_get_length (array) == n, "byline schema: %u fields of %u",
              json_array_get_length (array), n);
  for (guint i = 0; i < n; i++)
    check_json_field (json_array_get_element (array, i), byline_schema_lookup (schema, order[i]));
}

static void
check_diagnostics (BylineSchema      *schema,
                   BylineFrontmatter *fm,
                   GDateTime         *now)
{
  gsize len;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) unknown = NULL;

  byline_frontmatter_get_text (fm, &len);
  diagnostics = byline_schema_validate (schema, fm, now);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (diagnostics, i);

      FUZZ_CHECK (d->message != NULL && g_utf8_validate (d->message, -1, NULL),
                  "a diagnostic without a UTF-8 message");
      FUZZ_CHECK (d->offset <= len && d->length <= len - d->offset,
                  "\"%s\" at %zu+%zu, outside the text (%zu)", d->message, d->offset, d->length, len);
      FUZZ_CHECK (d->severity == BYLINE_SEVERITY_ERROR || d->severity == BYLINE_SEVERITY_WARNING,
                  "\"%s\": severity %d", d->message, d->severity);
    }

  if (byline_frontmatter_get_error (fm) != NULL)
    return;
  unknown = byline_schema_unknown_keys (schema, fm);
  for (guint i = 0; i < unknown->len; i++)
    {
      const char *key = g_ptr_array_index (unknown, i);

      FUZZ_CHECK (byline_frontmatter_lookup (fm, key) != NULL, "unknown key %s: not in the post", key);
      FUZZ_CHECK (byline_schema_lookup (schema, key) == NULL, "unknown key %s: in the schema", key);
    }
}

static gboolean
json_equal (const char *a,
            const char *b)
{
  g_autoptr(JsonParser) pa = json_parser_new ();
  g_autoptr(JsonParser) pb = json_parser_new ();

  if (a == NULL || b == NULL)
    return a == b;
  if (!byline_json_parser_load (pa, a, -1, NULL) || !byline_json_parser_load (pb, b, -1, NULL))
    return FALSE;
  return json_node_equal (json_parser_get_root (pa), json_parser_get_root (pb));
}

static void
check_new_post (BylineSchema *schema,
                const char   *title,
                gboolean      draft,
                GDateTime    *now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = byline_new_post_frontmatter (schema, title, draft, now, &error);
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autoptr(JsonNode) title_node = json_node_init_string (json_node_alloc (), title);
  g_autofree char *title_json = json_to_string (title_node, FALSE);
  g_autofree char *got = NULL;
  const char *title_key = byline_schema_get_title_key (schema);

  if (text == NULL)
    {
      FUZZ_CHECK (error != NULL, "no new post, and no error");
      FUZZ_CHECK (draft && byline_schema_lookup (schema, "draft") == NULL,
                  "no new post: %s", error->message);
      return;
    }
  FUZZ_CHECK (error == NULL, "a new post, and an error");

  fm = byline_frontmatter_parse (text, strlen (text));
  FUZZ_CHECK (byline_frontmatter_get_error (fm) == NULL, "the new post does not parse: %s\n%s",
              byline_frontmatter_get_error (fm)->message, text);
  FUZZ_CHECK (byline_frontmatter_get_split (fm)->kind == BYLINE_BLOCK_YAML, "the new post: no YAML");

  got = byline_frontmatter_to_json (fm, title_key);
  FUZZ_CHECK (json_equal (got, title_json), "the title %s reads %s\n%s", title_json, got, text);

  for (guint i = 0; i < byline_schema_get_n_fields (schema); i++)
    {
      const BylineField *field = byline_schema_get_field (schema, i);
      g_autofree char *value = NULL;

      if (g_strcmp0 (field->name, title_key) == 0 ||
          (draft && g_strcmp0 (field->name, "draft") == 0))
        continue;
      value = byline_frontmatter_to_json (fm, field->name);
      /* a default left out is one YAML cannot hold as written: a key of
       * over 1024 characters inside it */
      if (field->default_yaml != NULL && (value != NULL || strlen (field->default_yaml) <= 1024))
        FUZZ_CHECK (json_equal (value, field->default_yaml), "%s: default %s reads %s\n%s",
                    field->name, field->default_yaml, value, text);
      else if (field->required)
        FUZZ_CHECK (value != NULL, "%s: required, not in the new post\n%s", field->name, text);
      else
        FUZZ_CHECK (value == NULL, "%s: neither required nor defaulted, in the new post", field->name);
    }
  if (draft)
    {
      g_free (got);
      got = byline_frontmatter_to_json (fm, "draft");
      FUZZ_CHECK (g_strcmp0 (got, "true") == 0, "a new draft's draft reads %s", got);
    }

  check_diagnostics (schema, fm, now);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 2, 3, 4, 5, 6.25);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autofree char *json = NULL;
  g_autofree char *config = NULL;
  g_autofree char *post = NULL;
  const uint8_t *end = data + size;
  const uint8_t *nul;
  guint32 hash = fuzz_hash (data, size);

  fuzz_init ();

  /* JSON \0 config \0 post: each part up to the next NUL byte */
  nul = memchr (data, '\0', size);
  json = g_strndup ((const char *) data, (nul != NULL ? nul : end) - data);
  if (nul != NULL)
    {
      const uint8_t *start = nul + 1;

      nul = memchr (start, '\0', end - start);
      config = g_strndup ((const char *) start, (nul != NULL ? nul : end) - start);
      if (nul != NULL)
        post = g_strndup ((const char *) nul + 1, end - nul - 1);
    }

  schema = byline_schema_new_from_json_data (json, -1, "fuzz.schema.json",
                                             collections[hash % G_N_ELEMENTS (collections)],
                                             config, &error);
  FUZZ_CHECK ((schema == NULL) != (error == NULL), "a schema xor an error");
  if (schema == NULL)
    return 0;

  check_structure (schema);
  check_new_post (schema, titles[(hash >> 8) % G_N_ELEMENTS (titles)], FALSE, now);
  check_new_post (schema, titles[(hash >> 16) % G_N_ELEMENTS (titles)], TRUE, now);

  if (post != NULL)
    {
      g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (post, strlen (post));

      check_diagnostics (schema, fm, now);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
        {
          g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (posts[i], strlen (posts[i]));

          check_diagnostics (schema, fm, now);
        }
    }
  return 0;
}
