/* byline-cli-new.c: `byline new DIR --title TITLE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-new-post.h"
#include "byline-site.h"

#include "byline-cli-private.h"
#include "byline-cli-util.h"

int
_byline_cli_new (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BylineSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *path = NULL;
  g_autofree char *line = NULL;
  gboolean draft = FALSE;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The post’s title (required)"), N_("TITLE") },
    { "collection", 0, 0, G_OPTION_ARG_STRING, &collection,
      N_("The collection (Astro; required when the site has several) or the section "
         "under content/ (Hugo; posts by default)"), N_("NAME") },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, N_("Start the post as a draft"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("DIR --title TITLE — create a post where the site wants it"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Creates a post in the site DIR is in, named as the site names\n"
                                  "posts, and prints the new file’s path. SLUG is made from TITLE.\n"
                                  "\n"
                                  "  Astro   the collection’s folder (AstroPaper: src/data/blog/),\n"
                                  "          SLUG.md, with the keys the collection’s schema requires\n"
                                  "          and those it gives defaults\n"
                                  "  Hugo    content/SECTION/SLUG.md, or a page bundle SLUG/index.md\n"
                                  "          when most of the section’s posts are bundles, from the\n"
                                  "          archetype (archetypes/SECTION.md, archetypes/default.md,\n"
                                  "          else Hugo’s own), TOML or YAML as it is written; the\n"
                                  "          archetype decides whether the post is a draft unless\n"
                                  "          --draft is given\n"
                                  "  Jekyll  _drafts/SLUG.md with --draft, else\n"
                                  "          _posts/YYYY-MM-DD-SLUG.md\n"
                                  "\n"
                                  "An existing file is never replaced: the slug gets -2, -3, …"));
  g_option_context_set_description (context,
                                    _("Exit status:\n"
                                      "  0  created; its path is printed\n"
                                      "  2  usage error, DIR is in no site, or the post could not\n"
                                      "     be created"));
  if (!_byline_cli_parse_options (context, "new", &argc, &argv))
    return 2;

  if (argc != 2)
    return _byline_cli_usage_error ("new", _("expected one DIR"));
  if (title == NULL || g_strstrip (title)[0] == '\0')
    return _byline_cli_usage_error ("new", _("--title is required"));
  if (!g_utf8_validate (title, -1, NULL))
    return _byline_cli_usage_error ("new", _("the title is not UTF-8"));

  site = byline_site_find (argv[1], &error);
  if (site == NULL)
    {
      g_printerr ("byline new: %s\n", error->message);
      return 2;
    }

  path = byline_new_post_create (site, collection, title, draft, NULL, &error);
  if (path == NULL)
    {
      g_printerr ("byline new: %s\n", error->message);
      return 2;
    }

  line = g_strdup_printf ("%s\n", path);
  if (!_byline_cli_write_stdout (line, strlen (line)))
    return 2;

  return 0;
}
