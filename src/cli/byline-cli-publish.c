/* byline-cli-publish.c: `byline publish POST` and `byline unpublish POST`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-post.h"
#include "byline-publish.h"
#include "byline-site.h"

#include "byline-cli-private.h"
#include "byline-cli-util.h"

/* The date in the post's frontmatter, for the published file's name. */
static GDateTime *
dup_post_date (const char  *path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BylinePost) post = NULL;
  BylineFileStamp stamp;
  GDateTime *date;
  gsize len;
  char *text;

  if (!(text = _byline_cli_read_post (path, &len, &stamp, error)))
    return NULL;
  bytes = g_bytes_new_take (text, len);
  post = byline_post_new (bytes, FALSE, NULL, NULL, 0, NULL);
  date = byline_post_get_published (post);

  return date != NULL ? g_date_time_ref (date) : NULL;
}

static int
run (int       argc,
     char    **argv,
     gboolean  publish)
{
  const char *verb = publish ? "publish" : "unpublish";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BylineSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *line = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print where the post would go, and move nothing"), NULL },
    { NULL }
  };

  if (publish)
    {
      context = g_option_context_new (_("POST — publish a Jekyll draft"));
      g_option_context_set_summary (context,
                                    _("Moves a Jekyll draft, _drafts/SLUG.md, to\n"
                                      "_posts/YYYY-MM-DD-SLUG.md, as `jekyll publish` does, and\n"
                                      "prints the new path. The date is the post’s `date`, else\n"
                                      "today. The text is not changed, and no file is replaced."));
    }
  else
    {
      context = g_option_context_new (_("POST — make a published Jekyll post a draft again"));
      g_option_context_set_summary (context,
                                    _("Moves a Jekyll post, _posts/YYYY-MM-DD-SLUG.md, to\n"
                                      "_drafts/SLUG.md, as `jekyll unpublish` does, and prints the\n"
                                      "new path. The text is not changed, and no file is replaced.\n"
                                      "A post without `date` then takes its file’s time, as\n"
                                      "Jekyll’s drafts do."));
    }
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Astro and Hugo keep drafts in a key: use\n"
                                      "`byline set POST draft=true` (or false) there.\n"
                                      "\n"
                                      "Exit status:\n"
                                      "  0  moved (or, with --dry-run, movable); the new path is printed\n"
                                      "  2  usage error, not a Jekyll post in _drafts/ or _posts/,\n"
                                      "     or the file could not be moved"));
  if (!_byline_cli_parse_options (context, verb, &argc, &argv))
    return 2;

  if (argc != 2)
    return _byline_cli_usage_error (verb, _("expected one POST"));

  path = g_canonicalize_filename (argv[1], NULL);
  site = byline_site_find (path, &error);
  if (site == NULL)
    {
      g_printerr ("byline %s: %s\n", verb, error->message);
      return 2;
    }

  if (publish && byline_jekyll_folder_of (site, path) == BYLINE_JEKYLL_FOLDER_DRAFTS &&
      !(date = dup_post_date (path, &error)) && error != NULL)
    {
      g_printerr ("byline %s: %s\n", verb, error->message);
      return 2;
    }

  target = dry_run ? byline_jekyll_publish_path (site, path, publish, date, &error)
                   : byline_jekyll_publish (site, path, publish, date, &error);
  if (target == NULL)
    {
      g_printerr ("byline %s: %s\n", verb, error->message);
      return 2;
    }

  line = g_strdup_printf ("%s\n", target);
  if (!_byline_cli_write_stdout (line, strlen (line)))
    return 2;

  return 0;
}

int
_byline_cli_publish (int    argc,
                     char **argv)
{
  return run (argc, argv, TRUE);
}

int
_byline_cli_unpublish (int    argc,
                       char **argv)
{
  return run (argc, argv, FALSE);
}
