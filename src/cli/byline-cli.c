/* byline-cli.c: `byline VERB …` dispatch, `--help` and `--version`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-cli.h"
#include "byline-cli-private.h"

typedef struct
{
  const char *name;
  int       (*run) (int    argc,
                    char **argv);
  const char *summary;
} Verb;

static const Verb verbs[] = {
  { "get",    _byline_cli_get,    N_("Print a post’s frontmatter, or one value, as JSON") },
  { "set",    _byline_cli_set,    N_("Change frontmatter values, touching nothing else") },
  { "check",  _byline_cli_check,  N_("Validate posts against their site’s schema (Astro, Hugo, Jekyll)") },
  { "render", _byline_cli_render, N_("Print a post’s body as the site renders it") },
  { "schema", _byline_cli_schema, N_("Print the schema a post is checked with, as JSON") },
  { "list",   _byline_cli_list,   N_("List a site’s posts: dates, drafts, tags, problems") },
  { "new",    _byline_cli_new,    N_("Create a post where the site wants it and print its path") },
  { "publish", _byline_cli_publish, N_("Publish a Jekyll draft: move it from _drafts/ to _posts/") },
  { "unpublish", _byline_cli_unpublish, N_("Make a Jekyll post a draft again: move it to _drafts/") },
};

static const Verb *
find_verb (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      if (strcmp (verbs[i].name, name) == 0)
        return &verbs[i];
    }

  return NULL;
}

static gboolean
is_help (const char *arg)
{
  return strcmp (arg, "--help") == 0 ||
         strcmp (arg, "-h") == 0 ||
         strcmp (arg, "-?") == 0 ||
         strcmp (arg, "help") == 0;
}

/**
 * byline_cli_handles:
 * @argc: main()'s argc
 * @argv: main()'s argv
 *
 * Whether the command line is one for the verbs rather than for the window:
 * a verb, `--help` or `--version`. No arguments, or file names, open the
 * window.
 *
 * Returns: %TRUE when byline_cli_main() should run
 */
gboolean
byline_cli_handles (int    argc,
                    char **argv)
{
  if (argc < 2 || argv[1] == NULL)
    return FALSE;

  return find_verb (argv[1]) != NULL ||
         is_help (argv[1]) ||
         strcmp (argv[1], "--version") == 0;
}

static void
print_help (FILE *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  %s\n  %s\n\n",
                          _("Usage:"),
                          /* Translators: the command line that opens the window */
                          _("byline [FILE…]"),
                          /* Translators: the command line of a verb; keep “byline” */
                          _("byline VERB [OPTION…] ARGUMENT…"));
  g_string_append_printf (text, "%s\n\n",
                          _("Edit blog posts (Markdown with YAML frontmatter). Without a verb,\n"
                            "Byline opens its window; the verbs need no display."));
  g_string_append_printf (text, "%s\n", _("Verbs:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_string_append_printf (text, "  %-10s %s\n", verbs[i].name, _(verbs[i].summary));
  g_string_append_printf (text, "\n%s\n", _("Options:"));
  g_string_append_printf (text, "  %-12s %s\n", "-h, --help", _("Show this help"));
  g_string_append_printf (text, "  %-12s %s\n", "--version", _("Show the version"));
  g_string_append_printf (text, "\n%s\n",
                          _("Run “byline VERB --help” for a verb’s arguments and exit statuses."));

  fputs (text->str, stream);
}

/**
 * byline_cli_main:
 * @argc: main()'s argc
 * @argv: main()'s argv
 *
 * Runs the verb named in @argv[1].
 *
 * Returns: the exit status: 0 success, 1 the verb's "no", 2 usage or I/O
 */
int
byline_cli_main (int    argc,
                 char **argv)
{
  const Verb *verb;

  g_set_prgname ("byline");

  if (argc < 2)
    {
      print_help (stderr);
      return 2;
    }

  if (is_help (argv[1]))
    {
      /* `byline help VERB` is `byline VERB --help`. */
      if (argc > 2 && (verb = find_verb (argv[2])) != NULL)
        {
          g_autofree char *prgname = g_strdup_printf ("byline %s", verb->name);
          char *help_argv[] = { argv[2], (char *) "--help", NULL };

          g_set_prgname (prgname);
          return verb->run (2, help_argv);
        }
      print_help (stdout);
      return 0;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("byline %s\n", PACKAGE_VERSION);
      return 0;
    }

  verb = find_verb (argv[1]);
  if (verb == NULL)
    {
      if (argv[1][0] == '-')
        g_printerr (_("byline: unknown option “%s”"), argv[1]);
      else
        g_printerr (_("byline: unknown verb “%s”"), argv[1]);
      g_printerr ("\n%s\n", _("Try “byline --help” for more information."));
      return 2;
    }

  /* So that a verb's --help reads “byline get [OPTION…] FILE [KEY]”. */
  {
    g_autofree char *prgname = g_strdup_printf ("byline %s", verb->name);

    g_set_prgname (prgname);
  }

  return verb->run (argc - 1, argv + 1);
}
