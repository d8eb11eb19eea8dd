/* byline-cli-get.c: `byline get FILE [KEY]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-frontmatter.h"

#include "byline-cli-private.h"
#include "byline-cli-util.h"

int
_byline_cli_get (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BylineFrontmatter) frontmatter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  const char *file_name;
  const char *key;
  const char *bad = NULL;
  gsize len = 0;

  context = g_option_context_new (_("FILE [KEY] — print frontmatter as JSON"));
  g_option_context_set_summary (context,
                                _("Prints the frontmatter of the post FILE as a JSON object, or\n"
                                  "only the value of KEY. Values have the types the site sees:\n"
                                  "timestamps become ISO 8601 strings."));
  g_option_context_set_description (context,
                                    _("Exit status:\n"
                                      "  0  printed\n"
                                      "  1  KEY is not in the frontmatter (nothing printed)\n"
                                      "  2  usage error, unreadable file, or broken frontmatter\n"
                                      "     (reported as FILE:LINE:COL: error: message)"));
  if (!_byline_cli_parse_options (context, "get", &argc, &argv))
    return 2;

  if (argc < 2 || argc > 3)
    return _byline_cli_usage_error ("get", _("expected FILE and an optional KEY"));

  file_name = argv[1];
  key = argc == 3 ? argv[2] : NULL;

  text = _byline_cli_read_post (file_name, &len, NULL, &error);
  if (text == NULL)
    {
      g_printerr ("byline get: %s\n", error->message);
      return 2;
    }

  /* The site reads such a file anyway (Node decodes it with U+FFFD in place
   * of each bad sequence), so show what it sees, with a warning. Editing is
   * another matter: `set` refuses. */
  if (!g_utf8_validate_len (text, len, &bad))
    {
      g_autoptr(BylineFrontmatter) as_read = byline_frontmatter_parse (text, len);
      g_autoptr(BylineDiagnostic) warning = NULL;
      g_autofree char *line_text = NULL;
      gsize offset = bad - text;
      guint column = 1;
      guint line;
      char *valid;

      /* The engine's positions: characters, a BOM not counted. */
      line = byline_frontmatter_offset_to_line (as_read, offset, &column);
      warning = byline_diagnostic_new (BYLINE_SEVERITY_WARNING, NULL,
                                       _("not valid UTF-8; shown as the site reads it, with U+FFFD"),
                                       line, column, offset, 1);
      line_text = byline_diagnostic_format (warning, file_name);
      g_printerr ("%s\n", line_text);

      valid = g_utf8_make_valid (text, len);
      g_free (text);
      text = valid;
      len = strlen (text);
    }

  frontmatter = byline_frontmatter_parse (text, len);
  if (_byline_cli_report_parse_error ("get", file_name, frontmatter))
    return 2;

  json = byline_frontmatter_to_json (frontmatter, key);
  if (json == NULL && (key == NULL || byline_frontmatter_lookup (frontmatter, key) != NULL))
    {
      /* Translators: %s is a file name */
      g_printerr (_("byline get: %s: the value is too big to print (its aliases repeat it too often)"),
                  file_name);
      g_printerr ("\n");
      return 2;
    }
  if (json == NULL)
    {
      /* Translators: the first %s is a file name, the second a frontmatter key */
      g_printerr (_("byline get: %s: no key “%s” in the frontmatter"), file_name, key);
      g_printerr ("\n");
      return 1;
    }

  if (!_byline_cli_write_stdout (json, strlen (json)) ||
      !_byline_cli_write_stdout ("\n", 1))
    {
      g_printerr ("byline get: %s\n", g_strerror (errno));
      return 2;
    }

  return 0;
}
