/* main.c: the `byline` program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "core/byline-locale.h"
#include "cli/byline-cli.h"

/* The window is another program: find it beside this one (the build tree)
 * or where it is installed. */
static char *
find_app_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, "byline-app", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }

  return g_build_filename (LIBEXECDIR, "byline-app", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, byline_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The verbs (get, set, check, render, …) never initialise GTK: they must
   * work over ssh, in git hooks and in CI, with no display. */
  if (byline_cli_handles (argc, argv))
    return byline_cli_main (argc, argv);

  app = find_app_program ();
  argv[0] = app;
  execv (app, argv);

  /* Translators: %s is a program's path, the second a system error */
  g_printerr (_("byline: cannot start the window (%s): %s\n"), app, g_strerror (errno));
  g_printerr ("%s\n", _("The verbs get, set, check and render work without it; see byline --help."));
  return 2;
}
