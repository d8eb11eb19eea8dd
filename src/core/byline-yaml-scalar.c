/* byline-yaml-scalar.c: how js-yaml reads a plain scalar, and how to write one back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Astro reads frontmatter with js-yaml 4 (DEFAULT_SCHEMA), so that is the
 * reading that counts: `yes` is a string, `True` a boolean, `1_000` a
 * string, `0o17` an integer. The rules below follow js-yaml's resolvers
 * (lib/type/{null,bool,int,float,timestamp}.js), rewritten for C.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "byline-yaml-scalar.h"

static gboolean
text_is (const char *text,
         gsize       len,
         const char *word)
{
  return strlen (word) == len && memcmp (text, word, len) == 0;
}

static gboolean
resolve_null (const char *text,
              gsize       len)
{
  return len == 0 ||
         text_is (text, len, "~") ||
         text_is (text, len, "null") ||
         text_is (text, len, "Null") ||
         text_is (text, len, "NULL");
}

static int
resolve_bool (const char *text,
              gsize       len)
{
  if (text_is (text, len, "true") || text_is (text, len, "True") || text_is (text, len, "TRUE"))
    return 1;
  if (text_is (text, len, "false") || text_is (text, len, "False") || text_is (text, len, "FALSE"))
    return 0;
  return -1;
}

static int
digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return 99;
}

/* js-yaml: optional sign, then `0`, `0b…`, `0x…`, `0o…` or decimal digits
 * (a leading 0 is read as decimal: `017` is 17). No underscores in 4.x. The
 * value is a JavaScript number, so it is kept as a double too. */
static gboolean
resolve_int (const char *text,
             gsize       len,
             double     *out)
{
  gsize i = 0;
  int base = 10;
  double sign = 1.0;
  double value = 0.0;
  gboolean has_digits = FALSE;

  if (len == 0)
    return FALSE;
  if (text[0] == '-' || text[0] == '+')
    {
      sign = text[0] == '-' ? -1.0 : 1.0;
      i++;
    }
  if (i < len && text[i] == '0')
    {
      if (i + 1 == len)
        {
          *out = sign * 0.0;
          return TRUE;
        }
      if (text[i + 1] == 'b')
        base = 2;
      else if (text[i + 1] == 'x')
        base = 16;
      else if (text[i + 1] == 'o')
        base = 8;
      if (base != 10)
        i += 2;
    }
  for (; i < len; i++)
    {
      int d = digit_value (text[i]);

      if (d >= base)
        return FALSE;
      has_digits = TRUE;
      value = value * base + d;
    }
  if (!has_digits)
    return FALSE;
  if (base == 10)
    {
      char buf[64];
      g_autofree char *copy = len < sizeof buf ? NULL : g_strndup (text, len);

      if (copy == NULL)
        {
          memcpy (buf, text, len);
          buf[len] = '\0';
        }
      value = fabs (g_ascii_strtod (copy != NULL ? copy : buf, NULL));
    }
  if (!isfinite (value))
    return FALSE;
  *out = sign * value;
  return TRUE;
}

static gboolean
all_digits (const char *text,
            gsize      *i,
            gsize       len)
{
  gsize start = *i;

  while (*i < len && g_ascii_isdigit (text[*i]))
    (*i)++;
  return *i > start;
}

/* js-yaml's YAML_FLOAT_PATTERN, then "finite, or .inf/.nan". */
static gboolean
resolve_float (const char *text,
               gsize       len,
               double     *out)
{
  gsize i = 0;
  const char *special;
  g_autofree char *copy = NULL;
  char buf[64];
  double value;

  special = text;
  if (len > 0 && (text[0] == '-' || text[0] == '+'))
    special = text + 1;
  if (text_is (special, len - (special - text), ".inf") ||
      text_is (special, len - (special - text), ".Inf") ||
      text_is (special, len - (special - text), ".INF"))
    {
      *out = text[0] == '-' ? -INFINITY : INFINITY;
      return TRUE;
    }
  if (text_is (text, len, ".nan") || text_is (text, len, ".NaN") || text_is (text, len, ".NAN"))
    {
      *out = NAN;
      return TRUE;
    }

  if (i < len && text[i] == '.')
    {
      i++;
      if (!all_digits (text, &i, len))
        return FALSE;
    }
  else
    {
      if (i < len && (text[i] == '-' || text[i] == '+'))
        i++;
      if (!all_digits (text, &i, len))
        return FALSE;
      if (i < len && text[i] == '.')
        {
          i++;
          all_digits (text, &i, len);
        }
    }
  if (i < len && (text[i] == 'e' || text[i] == 'E'))
    {
      i++;
      if (i < len && (text[i] == '-' || text[i] == '+'))
        i++;
      if (!all_digits (text, &i, len))
        return FALSE;
    }
  if (i != len)
    return FALSE;

  if (len < sizeof buf)
    {
      memcpy (buf, text, len);
      buf[len] = '\0';
      value = g_ascii_strtod (buf, NULL);
    }
  else
    {
      copy = g_strndup (text, len);
      value = g_ascii_strtod (copy, NULL);
    }
  if (!isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

static void
set_number (BylineNode      *node,
            BylineValueType  type,
            double           value)
{
  node->type = type;
  node->number = value;
  if (type == BYLINE_VALUE_INTEGER && fabs (value) < 9223372036854775807.0)
    node->integer = (gint64) value;
}

void
_byline_yaml_resolve_plain (const char *text,
                            gsize       len,
                            BylineNode *node)
{
  double number;
  int boolean;

  if (resolve_null (text, len))
    {
      node->type = BYLINE_VALUE_NULL;
      return;
    }
  boolean = resolve_bool (text, len);
  if (boolean >= 0)
    {
      node->type = BYLINE_VALUE_BOOLEAN;
      node->boolean = boolean;
      return;
    }
  if (resolve_int (text, len, &number))
    {
      set_number (node, BYLINE_VALUE_INTEGER, number);
      return;
    }
  if (resolve_float (text, len, &number))
    {
      set_number (node, BYLINE_VALUE_FLOAT, number);
      return;
    }
  if (byline_timestamp_parse (text, len, &node->timestamp))
    {
      node->type = BYLINE_VALUE_TIMESTAMP;
      return;
    }
  node->type = BYLINE_VALUE_STRING;
}

gboolean
_byline_yaml_resolve_tagged (const char *tag,
                             const char *text,
                             gsize       len,
                             BylineNode *node)
{
  double number;

  if (g_str_equal (tag, "tag:yaml.org,2002:str") || g_str_equal (tag, "!"))
    {
      node->type = BYLINE_VALUE_STRING;
      return TRUE;
    }
  if (g_str_equal (tag, "tag:yaml.org,2002:null"))
    {
      node->type = BYLINE_VALUE_NULL;
      return resolve_null (text, len);
    }
  if (g_str_equal (tag, "tag:yaml.org,2002:bool"))
    {
      int boolean = resolve_bool (text, len);

      node->type = BYLINE_VALUE_BOOLEAN;
      node->boolean = boolean == 1;
      return boolean >= 0;
    }
  if (g_str_equal (tag, "tag:yaml.org,2002:int"))
    {
      if (!resolve_int (text, len, &number))
        return FALSE;
      set_number (node, BYLINE_VALUE_INTEGER, number);
      return TRUE;
    }
  if (g_str_equal (tag, "tag:yaml.org,2002:float"))
    {
      /* js-yaml's float pattern accepts integers too (`!!float 3` is 3). */
      if (!resolve_float (text, len, &number))
        return FALSE;
      set_number (node, BYLINE_VALUE_FLOAT, number);
      return TRUE;
    }
  if (g_str_equal (tag, "tag:yaml.org,2002:timestamp"))
    {
      node->type = BYLINE_VALUE_TIMESTAMP;
      return byline_timestamp_parse (text, len, &node->timestamp);
    }
  return FALSE;
}

/* YAML's c-printable, minus what libyaml or js-yaml treat as a line break or
 * a byte order mark: such characters are only safe inside double quotes as
 * escapes. */
static gboolean
is_printable_inline (gunichar c)
{
  if (c < 0x20 || c == 0x7f)
    return FALSE;
  if (c >= 0x80 && c < 0xa0)
    return FALSE;
  if (c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0xfffe || c == 0xffff)
    return FALSE;
  return TRUE;
}

static gboolean
is_yaml11_word (const char *text)
{
  static const char * const words[] = {
    "y", "n", "yes", "no", "on", "off", "=", "<<", NULL
  };

  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* `1.2.3`, `1_000`, `12:30`: strings for js-yaml 4, but numbers for YAML 1.1
 * readers (and for js-yaml 3). Quoting them costs nothing and keeps every
 * reader agreeing. */
static gboolean
looks_numeric (const char *text)
{
  const char *p = text;

  if (*p == '+' || *p == '-' || *p == '.')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) && strchr ("_:.+-xXoO", *p) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
_byline_yaml_plain_is_safe (const char *text,
                            gboolean    flow)
{
  gsize len;
  const char *p;
  gunichar prev = 0;
  BylineNode probe = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);

  len = strlen (text);
  if (len == 0 || !g_utf8_validate (text, len, NULL))
    return FALSE;

  if (strchr ("-?:", text[0]) != NULL)
    {
      if (flow && text[0] != '-')
        return FALSE;
      if (len == 1 || text[1] == ' ' || text[1] == '\t')
        return FALSE;
    }
  else if (strchr (",[]{}#&*!|>'\"%@`", text[0]) != NULL)
    return FALSE;
  if (text[0] == ' ' || text[len - 1] == ' ')
    return FALSE;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_printable_inline (c))
        return FALSE;
      if (c == ':' && (flow || p[1] == ' ' || p[1] == '\0'))
        return FALSE;
      if (c == '#' && prev == ' ')
        return FALSE;
      if (flow && strchr (",[]{}", (int) c) != NULL && c < 0x80)
        return FALSE;
      prev = c;
    }

  _byline_yaml_resolve_plain (text, len, &probe);
  if (probe.type != BYLINE_VALUE_STRING)
    return FALSE;
  if (is_yaml11_word (text) || looks_numeric (text))
    return FALSE;
  return TRUE;
}

gboolean
_byline_yaml_single_is_possible (const char *text)
{
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_printable_inline (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

void
_byline_yaml_append_single (GString    *out,
                            const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

void
_byline_yaml_append_double (GString    *out,
                            const char *text)
{
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        default:
          if (is_printable_inline (c))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          else if (c <= 0xff)
            g_string_append_printf (out, "\\x%02X", c);
          else
            g_string_append_printf (out, "\\u%04X", c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

void
_byline_json_append_string (GString    *out,
                            const char *text,
                            gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* ECMAScript's Number::toString: the shortest digits that read back as the
 * same double, laid out as plain digits when the exponent is small. */
void
_byline_json_append_number (GString *out,
                            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[32];
  int n_digits = 0;
  int exponent = 0;
  int n;
  const char *p;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  if (value == 0.0)
    {
      g_string_append_c (out, '0');
      return;
    }
  if (value < 0)
    {
      g_string_append_c (out, '-');
      value = -value;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  for (p = buf; *p != '\0' && *p != 'e'; p++)
    if (g_ascii_isdigit (*p) && n_digits < (int) sizeof digits - 1)
      digits[n_digits++] = *p;
  if (*p == 'e')
    exponent = atoi (p + 1);
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  n = exponent + 1;
  if (n_digits <= n && n <= 21)
    {
      g_string_append (out, digits);
      for (int i = n_digits; i < n; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", n - 1 < 0 ? '-' : '+', ABS (n - 1));
    }
}
