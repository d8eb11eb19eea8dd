/* main.c: the `byline` executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "app/byline-application.h"
#include "cli/byline-cli.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The verbs (get, set, check, render, …) never initialise GTK: they must
   * work over ssh, in git hooks and in CI, with no display. */
  if (byline_cli_handles (argc, argv))
    return byline_cli_main (argc, argv);

  return byline_application_run (argc, argv);
}
