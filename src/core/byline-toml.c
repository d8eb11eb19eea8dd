/* byline-toml.c: the simple values of a TOML frontmatter block, as YAML
 *
 * Hugo sites write front matter in TOML (`+++`) as often as in YAML. Byline
 * neither checks nor edits TOML, but a library must still show a TOML post's
 * title, dates, draft flag and tags. This reads the top-level keys whose
 * values are strings, booleans, numbers, dates or arrays of those, and
 * writes them as one YAML mapping (JSON-quoted strings, so that no value
 * changes type on the way), which the YAML parser then reads as any post.
 * Tables, inline tables and anything it cannot read are left out: it never
 * guesses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-toml.h"

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static void
skip_blanks (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
    c->p++;
}

/* Blanks, line breaks and comments: inside an array. */
static void
skip_space (Cursor *c)
{
  for (;;)
    {
      while (c->p < c->end && g_ascii_isspace (*c->p))
        c->p++;
      if (c->p < c->end && *c->p == '#')
        {
          while (c->p < c->end && *c->p != '\n')
            c->p++;
          continue;
        }
      return;
    }
}

static void
skip_line (Cursor *c)
{
  while (c->p < c->end && *c->p != '\n')
    c->p++;
  if (c->p < c->end)
    c->p++;
}

static gboolean
is_bare_key_char (char ch)
{
  return g_ascii_isalnum (ch) || ch == '_' || ch == '-';
}

static void
append_json_string (GString    *out,
                    const char *s,
                    gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar ch = (guchar) s[i];

      if (ch == '"' || ch == '\\')
        g_string_append_printf (out, "\\%c", ch);
      else if (ch == '\n')
        g_string_append (out, "\\n");
      else if (ch == '\t')
        g_string_append (out, "\\t");
      else if (ch < 0x20)
        g_string_append_printf (out, "\\u%04x", ch);
      else
        g_string_append_c (out, (char) ch);
    }
  g_string_append_c (out, '"');
}

/* A basic string "…" with its escapes, or a literal '…'; one line. */
static gboolean
read_string (Cursor  *c,
             GString *value)
{
  char quote = *c->p;

  if ((c->end - c->p >= 3) && c->p[1] == quote && c->p[2] == quote)
    return FALSE;   /* multi-line strings: not in a post's simple keys */

  c->p++;
  while (c->p < c->end && *c->p != quote && *c->p != '\n')
    {
      if (quote == '"' && *c->p == '\\' && c->p + 1 < c->end)
        {
          char e = c->p[1];

          c->p += 2;
          switch (e)
            {
            case 'n': g_string_append_c (value, '\n'); break;
            case 't': g_string_append_c (value, '\t'); break;
            case 'r': g_string_append_c (value, '\r'); break;
            case 'b': g_string_append_c (value, '\b'); break;
            case 'f': g_string_append_c (value, '\f'); break;
            case '"': g_string_append_c (value, '"'); break;
            case '\\': g_string_append_c (value, '\\'); break;
            case 'u':
            case 'U':
              {
                int n = e == 'u' ? 4 : 8;
                gunichar u = 0;

                if (c->end - c->p < n)
                  return FALSE;
                for (int i = 0; i < n; i++)
                  {
                    int d = g_ascii_xdigit_value (c->p[i]);

                    if (d < 0)
                      return FALSE;
                    u = u * 16 + (gunichar) d;
                  }
                if (!g_unichar_validate (u))
                  return FALSE;
                g_string_append_unichar (value, u);
                c->p += n;
              }
              break;
            default:
              return FALSE;
            }
          continue;
        }
      g_string_append_c (value, *c->p);
      c->p++;
    }

  if (c->p >= c->end || *c->p != quote)
    return FALSE;
  c->p++;
  return TRUE;
}

/* One value, written to @out as YAML (flow style). */
static gboolean
read_value (Cursor  *c,
            GString *out,
            guint    depth)
{
  if (c->p >= c->end)
    return FALSE;

  if (*c->p == '"' || *c->p == '\'')
    {
      g_autoptr(GString) value = g_string_new (NULL);

      if (!read_string (c, value))
        return FALSE;
      append_json_string (out, value->str, value->len);
      return TRUE;
    }

  if (*c->p == '[')
    {
      gboolean first = TRUE;

      if (depth > 4)
        return FALSE;
      c->p++;
      g_string_append_c (out, '[');
      for (;;)
        {
          skip_space (c);
          if (c->p >= c->end)
            return FALSE;
          if (*c->p == ']')
            {
              c->p++;
              g_string_append_c (out, ']');
              return TRUE;
            }
          if (!first)
            g_string_append (out, ", ");
          if (!read_value (c, out, depth + 1))
            return FALSE;
          first = FALSE;
          skip_space (c);
          if (c->p < c->end && *c->p == ',')
            c->p++;
          else if (c->p < c->end && *c->p != ']')
            return FALSE;
        }
    }

  /* A bare word: true, false, a number or a date-time. YAML reads each the
   * same way TOML does, once a date's space separator is a T. */
  {
    const char *start = c->p;
    g_autofree char *word = NULL;

    while (c->p < c->end && (g_ascii_isalnum (*c->p) || strchr ("+-:._", *c->p) != NULL ||
                             (*c->p == ' ' && c->p + 1 < c->end && g_ascii_isdigit (c->p[1]) &&
                              c->p - start == 10)))
      c->p++;
    if (c->p == start)
      return FALSE;
    word = g_strndup (start, c->p - start);
    if (strlen (word) > 10 && word[10] == ' ')
      word[10] = 'T';
    if (strcmp (word, "true") != 0 && strcmp (word, "false") != 0 &&
        !g_ascii_isdigit (word[0]) && word[0] != '+' && word[0] != '-')
      return FALSE;
    g_string_append (out, word);
    return TRUE;
  }
}

/**
 * byline_toml_to_yaml:
 * @toml: the text of a TOML frontmatter block (between the `+++` fences)
 * @len: its length
 *
 * The block's top-level simple values as a YAML mapping, one `key: value`
 * line each: strings, booleans, numbers, dates and arrays of them. Keys
 * after the first `[table]` belong to tables and are left out, as are
 * values it cannot read.
 *
 * Returns: (transfer full): the YAML text, possibly empty
 */
char *
byline_toml_to_yaml (const char *toml,
                     gsize       len)
{
  GString *out = g_string_new (NULL);
  Cursor c = { toml, toml + len };

  g_return_val_if_fail (toml != NULL || len == 0, g_string_free (out, FALSE));

  while (c.p < c.end)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      g_autoptr(GString) value = g_string_new (NULL);

      skip_blanks (&c);
      if (c.p >= c.end)
        break;
      if (*c.p == '\n' || *c.p == '\r' || *c.p == '#')
        {
          skip_line (&c);
          continue;
        }
      if (*c.p == '[')
        break;   /* a table: the top level ends */

      if (*c.p == '"' || *c.p == '\'')
        {
          if (!read_string (&c, key))
            {
              skip_line (&c);
              continue;
            }
        }
      else
        {
          while (c.p < c.end && is_bare_key_char (*c.p))
            g_string_append_c (key, *c.p++);
        }

      skip_blanks (&c);
      if (key->len == 0 || c.p >= c.end || *c.p != '=')
        {
          skip_line (&c);
          continue;
        }
      c.p++;
      skip_blanks (&c);

      /* A multi-line string: its lines are no keys. */
      if (c.end - c.p >= 3 && (memcmp (c.p, "\"\"\"", 3) == 0 || memcmp (c.p, "\'\'\'", 3) == 0))
        {
          const char *close = g_strstr_len (c.p + 3, c.end - c.p - 3, c.p[0] == '"' ? "\"\"\"" : "\'\'\'");

          c.p = close != NULL ? close + 3 : c.end;
          skip_line (&c);
          continue;
        }

      if (read_value (&c, value, 0))
        {
          skip_blanks (&c);
          if (c.p >= c.end || *c.p == '\n' || *c.p == '\r' || *c.p == '#')
            {
              append_json_string (out, key->str, key->len);
              g_string_append_printf (out, ": %s\n", value->str);
            }
        }
      skip_line (&c);
    }

  return g_string_free (out, FALSE);
}
