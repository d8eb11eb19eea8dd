/* app-main.c: `byline-app`, the window, started by `byline`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "app/byline-application.h"
#include "app/byline-renderer.h"
#include "core/byline-locale.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, byline_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GTK would say "cannot open display" and exit 1; say what to do instead. */
  if (!gtk_init_check ())
    {
      g_printerr ("%s\n", _("byline: no display to open the window on; "
                            "the verbs get, set, check and render work without one "
                            "(see byline --help)"));
      return 2;
    }

  byline_renderer_choose ();

  return byline_application_run (argc, argv);
}
