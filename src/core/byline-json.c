/* byline-json.c: JSON read and written as JavaScript does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-json.h"

/* json-glib reads an integer too long for 64 bits wrapped around, so
 * `.default(1e20)`, which JSON.stringify() writes in 21 digits, would become
 * a negative default; and one of 16 digits or more exactly, where
 * JavaScript, which reads every number as a double, rounds it. A copy of
 * @json where each integer of 16 digits or more is a double (`.0` after its
 * digits), or %NULL when it has none. @len_inout: the length of @json in,
 * of the copy out. */
static char *
widen_long_integers (const char *json,
                     gsize      *len_inout)
{
  gsize len = *len_inout;
  g_autoptr(GString) out = NULL;
  gboolean in_string = FALSE;
  gsize copied = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = json[i];
      gsize digits, end;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        {
          in_string = TRUE;
          continue;
        }
      if (c != '-' && !g_ascii_isdigit (c))
        continue;

      digits = end = i + (c == '-');
      while (end < len && g_ascii_isdigit (json[end]))
        end++;
      if (end - digits >= 16 && (end == len || (json[end] != '.' && json[end] != 'e' && json[end] != 'E')))
        {
          if (out == NULL)
            out = g_string_sized_new (len + 16);
          g_string_append_len (out, json + copied, end - copied);
          g_string_append (out, ".0");
          copied = end;
        }
      /* the rest of the number: its fraction and exponent */
      while (end < len && (g_ascii_isdigit (json[end]) || json[end] == '.' || json[end] == 'e' ||
                           json[end] == 'E' || json[end] == '+' || json[end] == '-'))
        end++;
      i = end - 1;
    }

  if (out == NULL)
    return NULL;
  g_string_append_len (out, json + copied, len - copied);
  *len_inout = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* json-glib reads a lone surrogate (`"\\udf89"`) into bytes that are not
 * UTF-8, which nothing after it expects. */
static gboolean
is_unicode (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !is_unicode (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!is_unicode (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * byline_json_parser_load:
 * @parser: a JSON parser
 * @json: JSON text, as JavaScript writes it
 * @len: its length, or -1
 * @error: a #GError
 *
 * json_parser_load_from_data(), but a long integer reads as the double
 * JavaScript reads, not exactly or wrapped around as json-glib reads it,
 * and a text with a string that is not Unicode (a lone surrogate) is not
 * read.
 *
 * Returns: whether @json was read
 */
gboolean
byline_json_parser_load (JsonParser  *parser,
                         const char  *json,
                         gssize       len,
                         GError     **error)
{
  g_autofree char *widened = NULL;
  gsize json_len;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  json_len = len < 0 ? strlen (json) : (gsize) len;
  widened = widen_long_integers (json, &json_len);
  if (!json_parser_load_from_data (parser, widened != NULL ? widened : json, json_len, error))
    return FALSE;
  if (json_parser_get_root (parser) != NULL && !is_unicode (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("A string is not valid Unicode"));
      return FALSE;
    }
  return TRUE;
}

/* json-glib writes an infinite or NaN double as "inf.0" or "nan.0"; the
 * length of such a word at @p, or 0 */
static gsize
non_finite_length (const char *p)
{
  gsize n = *p == '-';

  if (strncmp (p + n, "inf", 3) != 0 && strncmp (p + n, "nan", 3) != 0)
    return 0;
  n += 3;
  if (p[n] == '.' && p[n + 1] == '0')
    n += 2;
  return n;
}

/**
 * byline_json_to_string:
 * @root: a JSON node
 * @pretty: indent it by two spaces a level, as `JSON.stringify (v, null, 2)`
 * @length: (out) (optional): the length of the text
 *
 * The JSON text of @root. json-glib 1.6 writes a double whose shortest form
 * has an exponent and no point with ".0" after it (`1e+20.0`), which no JSON
 * reader takes, so a schema's `.max(1e21)` would break `byline schema`'s
 * output; here such a number is written as it should be (`1e+20`), and an
 * infinite one (`1e999` reads as one) as `null`, as JSON.stringify() does.
 * In strings, the characters YAML readers refuse raw or take for a line
 * break (controls, U+2028, U+2029, U+FEFF) are escaped, so the text of a
 * value reads the same as YAML.
 *
 * Returns: (transfer full): the text
 */
char *
byline_json_to_string (JsonNode *root,
                       gboolean  pretty,
                       gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  GString *out;
  gboolean in_string = FALSE;
  gsize text_len;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &text_len);
  out = g_string_sized_new (text_len + 1);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          gunichar ch = g_utf8_get_char_validated (p, -1);

          if (*p == '\\' && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p++;
            }
          else if (*p == '"')
            {
              in_string = FALSE;
              g_string_append_c (out, '"');
            }
          else if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || ch == 0x2028 ||
                   ch == 0x2029 || ch == 0xfeff || ch == 0xfffe || ch == 0xffff)
            {
              /* json-glib writes what it read, and it reads control
               * characters JSON.parse() refuses; escaped, they read the
               * same in JSON and in YAML, whose readers refuse them raw or
               * take some for line breaks */
              g_string_append_printf (out, "\\u%04x", ch);
              p = g_utf8_next_char (p) - 1;
            }
          else
            {
              g_string_append_c (out, *p);
            }
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, '"');
        }
      else if (non_finite_length (p) > 0)
        {
          /* as JSON.stringify() writes Infinity and NaN */
          p += non_finite_length (p) - 1;
          g_string_append (out, "null");
        }
      else if (*p == 'e' || *p == 'E')
        {
          /* an exponent (or the end of true or false) */
          g_string_append_c (out, *p);
          while (p[1] == '+' || p[1] == '-' || g_ascii_isdigit (p[1]))
            g_string_append_c (out, *++p);
          if (p[1] == '.' && p[2] == '0' && !g_ascii_isdigit (p[3]))
            p += 2;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
