/* byline-locale.c: where the translations are
 *
 * Installed, the message catalogues are in LOCALEDIR. A program of the build
 * tree (the developer's `byline`, the GUI tests) uses the ones the build
 * compiles into BUILD_ROOT/po/LANG/LC_MESSAGES instead, so a translation
 * shows without installing it, and never an older installed copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-locale.h"

/**
 * byline_locale_dir:
 *
 * Returns: the folder to pass to bindtextdomain(): the build tree's po/
 *   when the running program lives in the build tree, else LOCALEDIR
 */
const char *
byline_locale_dir (void)
{
  static gsize in_tree;

  if (g_once_init_enter (&in_tree))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      gboolean found = exe != NULL && g_str_has_prefix (exe, BYLINE_BUILD_ROOT "/");

      g_once_init_leave (&in_tree, found ? 2 : 1);
    }

  return in_tree == 2 ? BYLINE_BUILD_ROOT "/po" : LOCALEDIR;
}
