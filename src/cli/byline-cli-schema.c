/* byline-cli-schema.c: `byline schema FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "byline-frontmatter.h"
#include "byline-json.h"
#include "byline-schema.h"
#include "byline-site.h"

#include "byline-cli-private.h"
#include "byline-cli-util.h"

static const char *
state_to_string (BylineSiteSchemaState state)
{
  switch (state)
    {
    case BYLINE_SITE_SCHEMAS_BUILT_IN:
      return "built-in";
    case BYLINE_SITE_SCHEMAS_CURRENT:
      return "current";
    case BYLINE_SITE_SCHEMAS_MISSING:
      return "missing";
    case BYLINE_SITE_SCHEMAS_STALE:
      return "stale";
    case BYLINE_SITE_SCHEMAS_NONE:
    default:
      return "none";
    }
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
_byline_cli_schema (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSite) site = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(BylineFrontmatter) frontmatter = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *out = NULL;
  g_autofree char *schema_name = NULL;
  const char *file_name;
  GOptionEntry entries[] = {
    { "schema", 0, 0, G_OPTION_ARG_FILENAME, &schema_name,
      N_("Use this schema: astropaper, hugo, jekyll or a JSON Schema file"), N_("SCHEMA") },
    { NULL }
  };
  gsize len;

  context = g_option_context_new (_("FILE — print the schema a post is checked with"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Finds the site FILE belongs to by walking up from it (Astro:\n"
                                  "astro.config.*; Hugo: hugo.toml or config.* beside content/;\n"
                                  "Jekyll: _config.yml), the collection that takes it, and its\n"
                                  "schema, and prints them as JSON:\n"
                                  "  {\"site\", \"generator\", \"collection\", \"source\", \"state\",\n"
                                  "   \"fields\": [{\"name\", \"type\", \"required\", \"default\", …}]}\n"
                                  "An Astro site's schema is read from .astro/collections/ (written\n"
                                  "by `astro sync`); \"state\" is \"missing\" or \"stale\" when those\n"
                                  "files are not there or are older than src/content.config.*.\n"
                                  "Hugo, Jekyll and AstroPaper have built-in schemas. A post in no\n"
                                  "site gets AstroPaper's when it has pubDatetime, else no fields.\n"
                                  "FILE need not exist."));
  g_option_context_set_description (context,
                                    _("Exit status:\n"
                                      "  0  the schema was printed\n"
                                      "  2  usage error, or the schema could not be read"));
  if (!_byline_cli_parse_options (context, "schema", &argc, &argv))
    return 2;

  if (argc != 2)
    return _byline_cli_usage_error ("schema", _("expected one FILE"));
  file_name = argv[1];

  site = byline_site_find (file_name, &error);
  if (site == NULL && !g_error_matches (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND))
    {
      g_printerr ("byline schema: %s\n", error->message);
      return 2;
    }
  g_clear_error (&error);

  if (schema_name != NULL)
    {
      schema = _byline_cli_load_schema (schema_name, &error);
      if (schema == NULL)
        {
          g_printerr ("byline schema: %s\n", error->message);
          return 2;
        }
      if (site != NULL)
        collection = byline_site_find_collection (site, file_name);
    }
  else
    {
      g_autofree char *text = NULL;

      /* A lone post's keys say whether it is AstroPaper's. */
      if (site == NULL && g_file_test (file_name, G_FILE_TEST_IS_REGULAR))
        {
          text = _byline_cli_read_post (file_name, &len, NULL, NULL);
          if (text != NULL)
            frontmatter = byline_frontmatter_parse (text, len);
        }
      schema = byline_schema_for_post (site, file_name, frontmatter, &collection);
    }

  json_builder_begin_object (builder);
  add_string_or_null (builder, "site", site != NULL ? byline_site_get_root (site) : NULL);
  add_string_or_null (builder, "generator",
                      site != NULL ? byline_generator_to_string (byline_site_get_generator (site)) : NULL);
  add_string_or_null (builder, "collection", collection);
  add_string_or_null (builder, "source", byline_schema_get_source (schema));
  add_string_or_null (builder, "state",
                      site != NULL ? state_to_string (byline_site_get_schema_state (site)) : NULL);
  fields = byline_schema_fields_to_json (schema);
  json_builder_set_member_name (builder, "fields");
  if (byline_json_parser_load (parser, fields, -1, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  out = byline_json_to_string (root, TRUE, &len);

  if (!_byline_cli_write_stdout (out, len) || !_byline_cli_write_stdout ("\n", 1))
    {
      g_printerr ("byline schema: %s\n", g_strerror (errno));
      return 2;
    }

  return 0;
}
