/* byline-cli-list.c: `byline list DIR`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "byline-json.h"
#include "byline-library.h"
#include "byline-site.h"

#include "byline-cli-private.h"
#include "byline-cli-util.h"

/* RFC 3339, as the generators write dates: Z for UTC, else ±hh:mm. */
static char *
format_date (GDateTime *date)
{
  if (date == NULL)
    return NULL;

  return g_date_time_format (date, g_date_time_get_utc_offset (date) == 0
                                     ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
format_problem (const BylineDiagnostic *d)
{
  return g_strdup_printf ("%u:%u: %s: %s", d->line, d->column,
                          byline_severity_to_string (d->severity), d->message);
}

/* A TSV field: tabs, line breaks and backslashes escaped, so that one post
 * is one line and each column one field. */
static void
append_tsv (GString    *out,
            const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\\': g_string_append (out, "\\\\"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
append_tsv_row (GString           *out,
                BylineLibraryPost *post)
{
  g_autofree char *published = format_date (byline_library_post_get_published (post));
  g_autofree char *modified = format_date (byline_library_post_get_modified (post));
  g_autofree char *tags = g_strjoinv (",", (char **) byline_library_post_get_tags (post));
  GPtrArray *problems = byline_library_post_get_problems (post);
  const char *fields[6] = {
    byline_library_post_get_relative_path (post),
    byline_library_post_get_collection (post),
    byline_library_post_get_title (post),
    published, modified, NULL
  };

  for (guint i = 0; i < 5; i++)
    {
      append_tsv (out, fields[i]);
      g_string_append_c (out, '\t');
    }
  g_string_append_printf (out, "%s\t%s\t%s\t",
                          byline_library_post_get_draft (post) ? "true" : "false",
                          byline_library_post_get_featured (post) ? "true" : "false",
                          byline_library_post_get_scheduled (post) ? "true" : "false");
  append_tsv (out, tags);
  g_string_append_c (out, '\t');
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = format_problem (g_ptr_array_index (problems, i));

      if (i > 0)
        g_string_append (out, " | ");
      append_tsv (out, line);
    }
  g_string_append_c (out, '\n');
}

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
append_json_row (GString           *out,
                 BylineLibraryPost *post)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *published = format_date (byline_library_post_get_published (post));
  g_autofree char *modified = format_date (byline_library_post_get_modified (post));
  g_autofree char *json = NULL;
  const char * const *tags = byline_library_post_get_tags (post);
  GPtrArray *problems = byline_library_post_get_problems (post);

  json_builder_begin_object (builder);
  add_nullable (builder, "path", byline_library_post_get_relative_path (post));
  add_nullable (builder, "collection", byline_library_post_get_collection (post));
  add_nullable (builder, "title", byline_library_post_get_title (post));
  add_nullable (builder, "published", published);
  add_nullable (builder, "modified", modified);
  json_builder_set_member_name (builder, "draft");
  json_builder_add_boolean_value (builder, byline_library_post_get_draft (post));
  json_builder_set_member_name (builder, "featured");
  json_builder_add_boolean_value (builder, byline_library_post_get_featured (post));
  json_builder_set_member_name (builder, "scheduled");
  json_builder_add_boolean_value (builder, byline_library_post_get_scheduled (post));
  json_builder_set_member_name (builder, "invalid");
  json_builder_add_boolean_value (builder, byline_library_post_get_invalid (post));
  json_builder_set_member_name (builder, "expired");
  json_builder_add_boolean_value (builder, byline_library_post_get_expired (post));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, byline_severity_to_string (d->severity));
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, d->line);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, d->column);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, d->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = byline_json_to_string (root, FALSE, NULL);
  g_string_append (out, json);
}

static void
append_text_row (GString           *out,
                 BylineLibraryPost *post)
{
  GDateTime *published = byline_library_post_get_published (post);
  g_autofree char *day = published != NULL ? g_date_time_format (published, "%Y-%m-%d")
                                            : g_strdup ("----------");
  const char *state = byline_library_post_get_draft (post) ? "draft"
                      : byline_library_post_get_scheduled (post) ? "scheduled"
                      : "published";
  guint n_errors = byline_library_post_get_n_errors (post);

  g_string_append_printf (out, "%s  %-9s  %s  %s", day, state,
                          byline_library_post_get_relative_path (post),
                          byline_library_post_get_display_title (post));
  if (byline_library_post_get_featured (post))
    g_string_append_printf (out, "  [%s]", _("featured"));
  if (n_errors > 0)
    {
      /* Translators: after a post in `byline list`: how many errors byline check finds */
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                             "%u errors", n_errors), n_errors);

      g_string_append_printf (out, "  [%s]", count);
    }
  else if (byline_library_post_get_invalid (post))
    g_string_append_printf (out, "  [%s]", _("frontmatter does not parse"));
  g_string_append_c (out, '\n');
}

int
_byline_cli_list (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BylineSite) site = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *search = NULL;
  gboolean json = FALSE, tsv = FALSE;
  gboolean drafts = FALSE, published = FALSE, scheduled = FALSE;
  gboolean featured = FALSE, invalid = FALSE;
  BylineLibraryFilter filter = { 0 };
  gboolean first = TRUE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array, one object per post"), NULL },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, N_("Print tab-separated values with a header line"), NULL },
    { "drafts", 0, 0, G_OPTION_ARG_NONE, &drafts, N_("Only drafts"), NULL },
    { "published", 0, 0, G_OPTION_ARG_NONE, &published,
      N_("Only posts the site publishes now (no drafts, none scheduled or expired)"), NULL },
    { "scheduled", 0, 0, G_OPTION_ARG_NONE, &scheduled,
      N_("Only posts dated in the future (not drafts)"), NULL },
    { "featured", 0, 0, G_OPTION_ARG_NONE, &featured, N_("Only featured posts"), NULL },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only posts with this tag"), N_("TAG") },
    { "collection", 0, 0, G_OPTION_ARG_STRING, &collection,
      N_("Only posts of this collection (Astro; Jekyll: posts or drafts)"), N_("NAME") },
    { "invalid", 0, 0, G_OPTION_ARG_NONE, &invalid,
      N_("Only posts with errors (as “byline check” finds them)"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only posts with every word in their title, description or body"), N_("WORDS") },
    { NULL }
  };

  context = g_option_context_new (_("DIR — list a site’s posts"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Lists the posts of the site DIR is in (Astro, Hugo or Jekyll), newest\n"
                                  "first, then by path: one line per post with its date, state, path\n"
                                  "(relative to the site’s root) and title.\n"
                                  "\n"
                                  "The posts are the files the generator takes: an Astro collection’s\n"
                                  "glob; Hugo’s pages under content/ (not a section’s _index.md, nor a\n"
                                  "page bundle’s resources), as “hugo list all” lists them; Jekyll’s\n"
                                  "_posts/ and _drafts/. Dates are the generator’s: Hugo’s date falls\n"
                                  "back to publishDate, a Jekyll post’s to its file name. A post is\n"
                                  "scheduled when it is no draft and its publication date (Hugo:\n"
                                  "publishDate) is in the future. Problems are what “byline check”\n"
                                  "says about the post.\n"
                                  "\n"
                                  "--tsv columns: path, collection, title, published, modified, draft,\n"
                                  "featured, scheduled, tags (comma-separated), problems (“ | ”-\n"
                                  "separated); tabs, line breaks and backslashes escaped as \\t \\n \\\\."));
  g_option_context_set_description (context,
                                    _("Exit status:\n"
                                      "  0  listed (possibly nothing)\n"
                                      "  2  usage error, or DIR is in no site"));
  if (!_byline_cli_parse_options (context, "list", &argc, &argv))
    return 2;

  if (argc != 2)
    return _byline_cli_usage_error ("list", _("expected one DIR"));
  if (json && tsv)
    return _byline_cli_usage_error ("list", _("--json and --tsv exclude each other"));
  if (drafts + published + scheduled > 1)
    return _byline_cli_usage_error ("list",
                                    _("--drafts, --published and --scheduled exclude each other"));
  if (!g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    {
      /* Translators: %s is what the user gave for DIR */
      g_autofree char *message = g_strdup_printf (_("%s is not a folder"), argv[1]);

      return _byline_cli_usage_error ("list", message);
    }

  site = byline_site_find (argv[1], &error);
  if (site == NULL)
    {
      g_printerr ("byline list: %s\n", error->message);
      return 2;
    }

  posts = byline_library_scan (site, NULL, NULL, &error);
  if (posts == NULL)
    {
      g_printerr ("byline list: %s\n", error->message);
      return 2;
    }

  /* A folder inside the site lists the posts under it. */
  dir = g_canonicalize_filename (argv[1], NULL);
  if (strcmp (dir, byline_site_get_root (site)) == 0)
    g_clear_pointer (&dir, g_free);

  words = byline_library_split_search (search);
  filter.state = drafts ? BYLINE_LIBRARY_STATE_DRAFTS
                 : published ? BYLINE_LIBRARY_STATE_PUBLISHED
                 : scheduled ? BYLINE_LIBRARY_STATE_SCHEDULED
                 : BYLINE_LIBRARY_STATE_ANY;
  filter.collection = collection;
  filter.tag = tag != NULL ? byline_library_intern_tag (tag) : NULL;
  filter.featured_only = featured;
  filter.invalid_only = invalid;
  filter.words = (const char * const *) words;

  if (json)
    g_string_append (out, "[");
  if (tsv)
    g_string_append (out, "path\tcollection\ttitle\tpublished\tmodified\tdraft\tfeatured\t"
                          "scheduled\ttags\tproblems\n");

  for (guint i = 0; i < posts->len; i++)
    {
      BylineLibraryPost *post = g_ptr_array_index (posts, i);
      const char *path = byline_library_post_get_path (post);

      if (dir != NULL && (!g_str_has_prefix (path, dir) || path[strlen (dir)] != '/'))
        continue;
      if (!byline_library_filter_matches (&filter, post))
        continue;

      if (json)
        {
          g_string_append (out, first ? "\n  " : ",\n  ");
          append_json_row (out, post);
        }
      else if (tsv)
        append_tsv_row (out, post);
      else
        append_text_row (out, post);
      first = FALSE;
    }

  if (json)
    g_string_append (out, first ? "]\n" : "\n]\n");

  if (!_byline_cli_write_stdout (out->str, out->len))
    {
      g_printerr ("byline list: %s\n", g_strerror (errno));
      return 2;
    }

  return 0;
}
