/* byline-cli-render.c: `byline render FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-cli-private.h"
#include "byline-cli-util.h"
#include "byline-frontmatter.h"
#include "byline-markdown.h"

/* Prints the body HTML exactly as the blocks join for the preview: no page
 * shell and no wrapper, so it can be diffed against other renderers. */
int
_byline_cli_render (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *post_dir = NULL;
  g_autofree char *html = NULL;
  g_autoptr(BylineRendered) rendered = NULL;
  BylineRenderOptions options = { 0, };
  BylineSplit split;
  gsize len = 0;

  context = g_option_context_new (_("FILE — print a post’s body as the site renders it"));
  g_option_context_set_summary (context,
                                _("Renders the Markdown body the way Astro and AstroPaper "
                                  "publish it and prints the HTML, without a page around it."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("byline render: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("%s\n", _("byline render: expected exactly one FILE (see --help)"));
      return 2;
    }

  /* The same checks as get and set: a FIFO, a folder or a binary file is
   * refused with one line instead of hanging or printing garbage. */
  contents = _byline_cli_read_post (argv[1], &len, NULL, &error);
  if (contents == NULL)
    {
      g_printerr ("byline render: %s\n", error->message);
      return 2;
    }

  byline_frontmatter_split (contents, len, &split);
  post_dir = g_path_get_dirname (argv[1]);
  options.post_dir = post_dir;
  options.first_line = split.body_line;

  rendered = byline_markdown_render (contents + split.body_start, len - split.body_start, &options);
  html = byline_rendered_to_html (rendered);
  /* No final line break, as Astro emits none: after a post that leaves an
   * <a> or <b> of raw HTML open, a trailing text node would reopen it. */
  if (!_byline_cli_write_stdout (html, strlen (html)))
    {
      g_printerr ("%s\n", _("byline render: could not write the output"));
      return 2;
    }

  return 0;
}
