/* byline-toml.c: TOML frontmatter (Hugo's `+++`), read into the same nodes as YAML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small, strict reader of TOML 1.0 (https://toml.io/en/v1.0.0) for what a
 * frontmatter block holds. It builds the BylineNode tree the YAML side builds,
 * with the byte span of every value and entry, so that the edit planner can
 * rewrite one entry and leave every other byte alone. Top-level entries made
 * by a `[table]` header span from the header to their last line; an entry
 * whose lines are interleaved with another's (dotted keys, headers out of
 * order) is marked split and is never rewritten in place.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-frontmatter.h"
#include "byline-frontmatter-private.h"

#define MAX_DEPTH 128

typedef enum
{
  TABLE_ROOT,
  TABLE_HEADER,    /* defined by a [header] (or an item of [[header]]) */
  TABLE_IMPLICIT,  /* made on the way to a header: [a.b] makes a */
  TABLE_DOTTED,    /* made by a dotted key: a.b = 1 makes a */
  TABLE_INLINE,    /* { … }, and everything in it: closed for good */
} TableKind;

typedef struct
{
  TableKind   kind;
  GHashTable *keys;   /* key → Entry, borrowed */
} Table;

typedef struct
{
  BylineFrontmatter *self;
  const char        *text;
  gsize              p;
  gsize              end;
  GHashTable        *tables;       /* Node (mapping) → Table */
  GHashTable        *arrays;       /* Node (sequence) made by [[ ]] */
  guint              depth;
  Entry             *root_last;    /* the top-level entry the last line belonged to */
  GHashTable        *root_seen;    /* top-level entries that have had a line */
  GArray            *line_starts;  /* offset of each line of the block, in order */
} Ctx;

typedef struct
{
  char  *name;
  gsize  start;
  gsize  end;
} KeyPart;

static void
key_part_clear (gpointer data)
{
  KeyPart *part = data;

  g_free (part->name);
}

static void
table_free (gpointer data)
{
  Table *table = data;

  g_hash_table_unref (table->keys);
  g_free (table);
}

static gboolean
failed (Ctx *ctx)
{
  return ctx->self->error != NULL;
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Ctx        *ctx,
      gsize       offset,
      const char *format,
      ...)
{
  g_autofree char *problem = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: %s says what is wrong with the TOML */
  message = g_strdup_printf (_("Malformed TOML: %s"), problem);
  _byline_frontmatter_set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_SYNTAX, offset, message);
  return FALSE;
}

/* The 1-based line and column (in characters) of @offset in the block: a
 * binary search in the block's line starts, so a big block stays linear. */
static guint
locate (Ctx   *ctx,
        gsize  offset,
        guint *column)
{
  const gsize *starts = (const gsize *) (gpointer) ctx->line_starts->data;
  guint lo = 0;
  guint hi = ctx->line_starts->len;
  guint chars = 0;

  /* the last line start at or before @offset */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  for (gsize i = starts[lo]; i < offset; i++)
    if (((guchar) ctx->text[i] & 0xc0) != 0x80)
      chars++;
  *column = chars + 1;
  return ctx->self->data_line + lo;
}

static Table *
table_add (Ctx       *ctx,
           Node      *node,
           TableKind  kind)
{
  Table *table = g_new0 (Table, 1);

  table->kind = kind;
  table->keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (ctx->tables, node, table);
  return table;
}

static Node *
mapping_new (Ctx             *ctx,
             TableKind        kind,
             BylineNodeStyle  style,
             gsize            start)
{
  Node *node = _byline_node_new (BYLINE_VALUE_MAPPING);

  node->pub.style = style;
  node->pub.entries = g_ptr_array_new_with_free_func (_byline_entry_free);
  node->pub.start = node->pub.end = start;
  node->pub.line = locate (ctx, start, &node->pub.column);
  table_add (ctx, node, kind);
  return node;
}

/* ------------------------------------------------------------------------ */
/* Characters                                                                */

static char
peek (Ctx   *ctx,
      gsize  ahead)
{
  return ctx->p + ahead < ctx->end ? ctx->text[ctx->p + ahead] : '\0';
}

static gboolean
at_eol (Ctx *ctx)
{
  return ctx->p >= ctx->end || peek (ctx, 0) == '\n' ||
         (peek (ctx, 0) == '\r' && peek (ctx, 1) == '\n');
}

static void
skip_blanks (Ctx *ctx)
{
  while (peek (ctx, 0) == ' ' || peek (ctx, 0) == '\t')
    ctx->p++;
}

/* TOML allows no control character but tab in comments and strings. */
static gboolean
is_control (guchar c)
{
  return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* A `#` comment up to the end of the line, if one is here. */
static gboolean
skip_comment (Ctx *ctx)
{
  if (peek (ctx, 0) != '#')
    return TRUE;
  while (!at_eol (ctx))
    {
      if (is_control ((guchar) peek (ctx, 0)))
        return fail (ctx, ctx->p, _("a control character in a comment"));
      ctx->p++;
    }
  return TRUE;
}

static gboolean
skip_line_break (Ctx *ctx)
{
  if (ctx->p >= ctx->end)
    return TRUE;
  if (peek (ctx, 0) == '\n')
    ctx->p++;
  else if (peek (ctx, 0) == '\r' && peek (ctx, 1) == '\n')
    ctx->p += 2;
  else
    return fail (ctx, ctx->p, _("a line must end here"));
  return TRUE;
}

/* Blanks, comments and line breaks, as between array items. */
static gboolean
skip_space (Ctx *ctx)
{
  for (;;)
    {
      skip_blanks (ctx);
      if (!skip_comment (ctx))
        return FALSE;
      if (ctx->p >= ctx->end || !at_eol (ctx))
        return TRUE;
      skip_line_break (ctx);
    }
}

/* ------------------------------------------------------------------------ */
/* Strings                                                                   */

static gboolean
hex_value (const char *s,
           guint       n,
           gunichar   *out)
{
  gunichar value = 0;

  for (guint i = 0; i < n; i++)
    {
      int digit = g_ascii_xdigit_value (s[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  *out = value;
  return TRUE;
}

/* At a backslash inside a basic string: appends what the escape stands for
 * and moves past it. In a multi-line string a backslash that ends the line
 * drops the line break and the blanks and breaks after it. */
static gboolean
parse_escape (Ctx     *ctx,
              gboolean multi,
              GString *out)
{
  char e = peek (ctx, 1);
  char simple = 0;
  gunichar u;

  switch (e)
    {
    case 'b': simple = '\b'; break;
    case 't': simple = '\t'; break;
    case 'n': simple = '\n'; break;
    case 'f': simple = '\f'; break;
    case 'r': simple = '\r'; break;
    case '"': simple = '"'; break;
    case '\\': simple = '\\'; break;
    default: break;
    }
  if (simple != 0)
    {
      g_string_append_c (out, simple);
      ctx->p += 2;
      return TRUE;
    }
  if (e == 'u' || e == 'U')
    {
      guint n = e == 'u' ? 4 : 8;

      if (ctx->p + 2 + n > ctx->end || !hex_value (ctx->text + ctx->p + 2, n, &u) ||
          u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
        return fail (ctx, ctx->p, _("a bad \\%c escape"), e);
      g_string_append_unichar (out, u);
      ctx->p += 2 + n;
      return TRUE;
    }
  if (multi && (e == ' ' || e == '\t' || e == '\n' || e == '\r'))
    {
      /* Only blanks may stand between the backslash and the break. */
      gsize q = ctx->p + 1;

      while (q < ctx->end && (ctx->text[q] == ' ' || ctx->text[q] == '\t'))
        q++;
      ctx->p = q;
      if (!at_eol (ctx) || ctx->p >= ctx->end)
        return fail (ctx, q, _("a bad escape"));
      while (ctx->p < ctx->end &&
             (peek (ctx, 0) == ' ' || peek (ctx, 0) == '\t' || at_eol (ctx)))
        {
          if (at_eol (ctx))
            skip_line_break (ctx);
          else
            ctx->p++;
        }
      return TRUE;
    }
  return fail (ctx, ctx->p, _("a bad escape"));
}

/* After the opening quote(s) of a string, basic (quote '"', with escapes)
 * or literal (quote '\'', without); leaves the cursor after the closing
 * ones. */
static gboolean
parse_quoted (Ctx     *ctx,
              char     quote,
              gboolean multi,
              GString *out)
{
  gsize start = ctx->p;

  if (multi && at_eol (ctx) && ctx->p < ctx->end)
    skip_line_break (ctx);
  for (;;)
    {
      char c = peek (ctx, 0);

      if (ctx->p >= ctx->end)
        return fail (ctx, start, _("a string is not closed"));
      if (c == quote)
        {
          if (!multi)
            {
              ctx->p++;
              return TRUE;
            }
          if (peek (ctx, 1) == quote && peek (ctx, 2) == quote)
            {
              /* Up to two quotes may stand right before the closing three. */
              guint extra = 0;

              while (extra < 2 && peek (ctx, 3 + extra) == quote)
                extra++;
              g_string_append_len (out, quote == '"' ? "\"\"" : "''", extra);
              ctx->p += 3 + extra;
              return TRUE;
            }
          g_string_append_c (out, c);
          ctx->p++;
        }
      else if (c == '\\' && quote == '"')
        {
          if (!parse_escape (ctx, multi, out))
            return FALSE;
        }
      else if (multi && at_eol (ctx))
        {
          gsize at = ctx->p;

          skip_line_break (ctx);
          g_string_append_len (out, ctx->text + at, ctx->p - at);
        }
      else if (is_control ((guchar) c))
        {
          return fail (ctx, ctx->p, _("a control character in a string"));
        }
      else
        {
          g_string_append_c (out, c);
          ctx->p++;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Keys                                                                      */

static gboolean
is_bare_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

gboolean
_byline_toml_key_is_bare (const char *key)
{
  if (key[0] == '\0')
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!is_bare_key_char (*p))
      return FALSE;
  return TRUE;
}

/* A dotted key: `a`, `a.b`, `"a b".'c'`; blanks around dots allowed. */
static gboolean
parse_key (Ctx    *ctx,
           GArray *parts)
{
  for (;;)
    {
      KeyPart part = { NULL, ctx->p, 0 };
      char c = peek (ctx, 0);

      if (c == '"' || c == '\'')
        {
          GString *name = g_string_new (NULL);
          gboolean ok;

          ctx->p++;
          if (peek (ctx, 0) == c && peek (ctx, 1) == c)
            {
              g_string_free (name, TRUE);
              return fail (ctx, part.start, _("a key can’t be a multi-line string"));
            }
          ok = parse_quoted (ctx, c, FALSE, name);
          if (!ok)
            {
              g_string_free (name, TRUE);
              return FALSE;
            }
          part.name = g_string_free (name, FALSE);
        }
      else if (is_bare_key_char (c))
        {
          while (is_bare_key_char (peek (ctx, 0)))
            ctx->p++;
          part.name = g_strndup (ctx->text + part.start, ctx->p - part.start);
        }
      else
        {
          return fail (ctx, ctx->p, _("a key is missing"));
        }
      part.end = ctx->p;
      g_array_append_val (parts, part);
      skip_blanks (ctx);
      if (peek (ctx, 0) != '.')
        return TRUE;
      ctx->p++;
      skip_blanks (ctx);
    }
}

/* ------------------------------------------------------------------------ */
/* Scalars                                                                   */

/* Digits in @base with single underscores between them. */
static gboolean
digits_ok (const char *s,
           gsize       len,
           int         base)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '_')
        {
          if (i == 0 || i + 1 == len || s[i + 1] == '_')
            return FALSE;
        }
      else if (g_ascii_xdigit_value (s[i]) < 0 || g_ascii_xdigit_value (s[i]) >= base ||
               (base <= 10 && !g_ascii_isdigit (s[i])))
        {
          return FALSE;
        }
    }
  return TRUE;
}

static char *
strip_underscores (const char *s,
                   gsize       len)
{
  char *out = g_malloc (len + 1);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (s[i] != '_')
      out[n++] = s[i];
  out[n] = '\0';
  return out;
}

static gboolean
parse_integer (const char *s,
               gsize       len,
               gint64     *out)
{
  int base = 10;
  gboolean negative = FALSE;
  g_autofree char *digits = NULL;
  guint64 magnitude;
  char *end = NULL;

  if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b'))
    {
      base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
      s += 2;
      len -= 2;
    }
  else if (len > 0 && (s[0] == '+' || s[0] == '-'))
    {
      negative = s[0] == '-';
      s++;
      len--;
    }
  if (!digits_ok (s, len, base))
    return FALSE;
  if (base == 10 && s[0] == '0' && len > 1)
    return FALSE;
  digits = strip_underscores (s, len);
  errno = 0;
  magnitude = g_ascii_strtoull (digits, &end, base);
  if (errno != 0 || *end != '\0')
    return FALSE;
  if (negative)
    {
      if (magnitude > (guint64) G_MAXINT64 + 1)
        return FALSE;
      *out = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
    }
  else
    {
      if (magnitude > G_MAXINT64)
        return FALSE;
      *out = (gint64) magnitude;
    }
  return TRUE;
}

static gboolean
parse_float (const char *s,
             gsize       len,
             double     *out)
{
  const char *p = s;
  const char *end = s + len;
  const char *run;
  gboolean fraction = FALSE;
  gboolean exponent = FALSE;
  g_autofree char *clean = NULL;

  if (p < end && (*p == '+' || *p == '-'))
    p++;
  if (end - p == 3 && (memcmp (p, "inf", 3) == 0 || memcmp (p, "nan", 3) == 0))
    {
      *out = p[0] == 'i' ? (s[0] == '-' ? -INFINITY : INFINITY) : NAN;
      return TRUE;
    }
  run = p;
  while (p < end && (g_ascii_isdigit (*p) || *p == '_'))
    p++;
  if (!digits_ok (run, p - run, 10) || (run[0] == '0' && p - run > 1))
    return FALSE;
  if (p < end && *p == '.')
    {
      run = ++p;
      while (p < end && (g_ascii_isdigit (*p) || *p == '_'))
        p++;
      if (!digits_ok (run, p - run, 10))
        return FALSE;
      fraction = TRUE;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      run = p;
      while (p < end && (g_ascii_isdigit (*p) || *p == '_'))
        p++;
      if (!digits_ok (run, p - run, 10))
        return FALSE;
      exponent = TRUE;
    }
  if (p != end || (!fraction && !exponent))
    return FALSE;
  clean = strip_underscores (s, len);
  *out = g_ascii_strtod (clean, NULL);
  return TRUE;
}

static gboolean
two_digits (const char *s,
            int        *out)
{
  if (!g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]))
    return FALSE;
  *out = (s[0] - '0') * 10 + (s[1] - '0');
  return TRUE;
}

/* HH:MM:SS[.fraction]; returns the length read, or 0. */
static gsize
parse_time (const char      *s,
            gsize            len,
            BylineTimestamp *ts)
{
  gsize n = 8;

  if (len < 8 || s[2] != ':' || s[5] != ':' ||
      !two_digits (s, &ts->hour) || !two_digits (s + 3, &ts->minute) ||
      !two_digits (s + 6, &ts->second))
    return 0;
  if (ts->hour > 23 || ts->minute > 59 || ts->second > 59)
    return 0;
  ts->hour_digits = 2;
  if (n < len && s[n] == '.')
    {
      gsize digits = 0;

      while (n + 1 + digits < len && g_ascii_isdigit (s[n + 1 + digits]))
        digits++;
      if (digits == 0)
        return 0;
      memcpy (ts->fraction, s + n + 1, MIN (digits, 9));
      ts->fraction[MIN (digits, 9)] = '\0';
      ts->fraction_len = digits;
      ts->fraction_point = TRUE;
      n += 1 + digits;
    }
  return n;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

static gboolean
parse_datetime (const char      *s,
                gsize            len,
                BylineTimestamp *ts,
                BylineTomlTime  *kind)
{
  gsize n;

  memset (ts, 0, sizeof *ts);
  ts->month_digits = ts->day_digits = 2;
  if (len >= 3 && s[2] == ':')
    {
      /* A local time: on no day, which JavaScript's Date makes 1 January 0. */
      ts->year = 0;
      ts->month = ts->day = 1;
      ts->separator = 'T';
      ts->zone = BYLINE_ZONE_NONE;
      *kind = BYLINE_TOML_TIME_LOCAL_TIME;
      return parse_time (s, len, ts) == len;
    }
  if (len < 10 || s[4] != '-' || s[7] != '-' ||
      !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]) ||
      !g_ascii_isdigit (s[2]) || !g_ascii_isdigit (s[3]) ||
      !two_digits (s + 5, &ts->month) || !two_digits (s + 8, &ts->day))
    return FALSE;
  ts->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  if (ts->month < 1 || ts->month > 12 || ts->day < 1 || ts->day > days_in_month (ts->year, ts->month))
    return FALSE;
  if (len == 10)
    {
      ts->date_only = TRUE;
      *kind = BYLINE_TOML_TIME_LOCAL_DATE;
      return TRUE;
    }
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
    return FALSE;
  ts->separator = s[10];
  if (s[10] == ' ')
    g_strlcpy (ts->separator_text, " ", sizeof ts->separator_text);
  n = parse_time (s + 11, len - 11, ts);
  if (n == 0)
    return FALSE;
  n += 11;
  if (n == len)
    {
      ts->zone = BYLINE_ZONE_NONE;
      *kind = BYLINE_TOML_TIME_LOCAL_DATETIME;
      return TRUE;
    }
  *kind = BYLINE_TOML_TIME_OFFSET_DATETIME;
  if (n + 1 == len && (s[n] == 'Z' || s[n] == 'z'))
    {
      ts->zone = BYLINE_ZONE_Z;
      return TRUE;
    }
  if (n + 6 == len && (s[n] == '+' || s[n] == '-') && s[n + 3] == ':')
    {
      int hours;
      int minutes;

      if (!two_digits (s + n + 1, &hours) || !two_digits (s + n + 4, &minutes) ||
          hours > 23 || minutes > 59)
        return FALSE;
      ts->zone = BYLINE_ZONE_OFFSET;
      ts->offset_minus = s[n] == '-';
      ts->offset_minutes = (hours * 60 + minutes) * (s[n] == '-' ? -1 : 1);
      ts->offset_colon = TRUE;
      ts->offset_has_minutes = TRUE;
      ts->offset_hour_digits = 2;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_bare_value_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '+' || c == '-' || c == '.' || c == ':';
}

/* A value that is not a string, an array or an inline table: a boolean, a
 * number or a date and time. */
static Node *
parse_bare_value (Ctx *ctx)
{
  gsize start = ctx->p;
  gsize len;
  const char *s;
  Node *node;
  BylineTomlTime kind;

  while (is_bare_value_char (peek (ctx, 0)))
    ctx->p++;
  /* `1979-05-27 07:32:00`: a blank may separate the date and the time. */
  if (ctx->p - start == 10 && ctx->text[start + 4] == '-' && peek (ctx, 0) == ' ' &&
      g_ascii_isdigit (peek (ctx, 1)) && g_ascii_isdigit (peek (ctx, 2)) && peek (ctx, 3) == ':')
    {
      ctx->p++;
      while (is_bare_value_char (peek (ctx, 0)))
        ctx->p++;
    }
  len = ctx->p - start;
  s = ctx->text + start;
  if (len == 0)
    {
      fail (ctx, start, _("a value is missing"));
      return NULL;
    }

  node = _byline_node_new (BYLINE_VALUE_NULL);
  node->pub.style = BYLINE_STYLE_PLAIN;
  node->pub.start = start;
  node->pub.end = ctx->p;
  node->pub.string = g_strndup (s, len);
  if ((len == 4 && memcmp (s, "true", 4) == 0) || (len == 5 && memcmp (s, "false", 5) == 0))
    {
      node->pub.type = BYLINE_VALUE_BOOLEAN;
      node->pub.boolean = s[0] == 't';
    }
  else if (parse_integer (s, len, &node->pub.integer))
    {
      node->pub.type = BYLINE_VALUE_INTEGER;
      node->pub.number = (double) node->pub.integer;
    }
  else if (parse_float (s, len, &node->pub.number))
    {
      node->pub.type = BYLINE_VALUE_FLOAT;
    }
  else if (parse_datetime (s, len, &node->pub.timestamp, &kind))
    {
      node->pub.type = BYLINE_VALUE_TIMESTAMP;
      node->toml_time = kind;
    }
  else
    {
      _byline_node_free (node);
      fail (ctx, start, _("“%.*s” is not a value"), (int) MIN (len, 40), s);
      return NULL;
    }
  return node;
}

/* ------------------------------------------------------------------------ */
/* Values                                                                    */

static Node *parse_value (Ctx *ctx);

static Node *
parse_string (Ctx *ctx)
{
  gsize start = ctx->p;
  char quote = peek (ctx, 0);
  gboolean multi = peek (ctx, 1) == quote && peek (ctx, 2) == quote;
  g_autoptr(GString) out = g_string_new (NULL);
  Node *node;

  ctx->p += multi ? 3 : 1;
  if (!parse_quoted (ctx, quote, multi, out))
    return NULL;
  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      fail (ctx, start, _("a string is not valid UTF-8"));
      return NULL;
    }
  node = _byline_node_new (BYLINE_VALUE_STRING);
  node->pub.style = quote == '"' ? BYLINE_STYLE_DOUBLE_QUOTED : BYLINE_STYLE_SINGLE_QUOTED;
  node->pub.start = start;
  node->pub.end = ctx->p;
  node->pub.string = g_string_free (g_steal_pointer (&out), FALSE);
  return node;
}

static gboolean insert_value (Ctx    *ctx,
                              Node   *table,
                              GArray *parts,
                              Node   *value,
                              gsize   line_start,
                              Entry **chain_out);

static void
freeze (Ctx  *ctx,
        Node *node)
{
  Table *table;

  if (node->pub.type != BYLINE_VALUE_MAPPING)
    return;
  table = g_hash_table_lookup (ctx->tables, node);
  if (table != NULL)
    table->kind = TABLE_INLINE;
  for (guint i = 0; i < node->pub.entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (node->pub.entries, i);

      entry->toml_form = BYLINE_TOML_FORM_IN_VALUE;
      freeze (ctx, (Node *) entry->pub.value);
    }
}

static Node *
parse_inline_table (Ctx *ctx)
{
  Node *node = mapping_new (ctx, TABLE_DOTTED, BYLINE_STYLE_FLOW, ctx->p);

  ctx->p++;
  skip_blanks (ctx);
  if (peek (ctx, 0) == '}')
    {
      ctx->p++;
      node->pub.end = ctx->p;
      freeze (ctx, node);
      return node;
    }
  for (;;)
    {
      g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (KeyPart));
      Node *value;

      g_array_set_clear_func (parts, key_part_clear);
      skip_blanks (ctx);
      if (!parse_key (ctx, parts))
        break;
      if (peek (ctx, 0) != '=')
        {
          fail (ctx, ctx->p, _("“=” must follow a key"));
          break;
        }
      ctx->p++;
      skip_blanks (ctx);
      value = parse_value (ctx);
      if (value == NULL)
        break;
      if (!insert_value (ctx, node, parts, value, g_array_index (parts, KeyPart, 0).start, NULL))
        break;
      skip_blanks (ctx);
      if (peek (ctx, 0) == '}')
        {
          ctx->p++;
          node->pub.end = ctx->p;
          freeze (ctx, node);
          return node;
        }
      if (peek (ctx, 0) != ',')
        {
          fail (ctx, ctx->p, at_eol (ctx) ? _("an inline table must close on its line")
                                          : _("“,” or “}” must follow a value in an inline table"));
          break;
        }
      ctx->p++;
      skip_blanks (ctx);
      if (peek (ctx, 0) == '}')
        {
          fail (ctx, ctx->p, _("an inline table can’t end with “,”"));
          break;
        }
    }
  _byline_node_free (node);
  return NULL;
}

static Node *
parse_array (Ctx *ctx)
{
  Node *node = _byline_node_new (BYLINE_VALUE_SEQUENCE);

  node->pub.style = BYLINE_STYLE_FLOW;
  node->pub.items = g_ptr_array_new_with_free_func (_byline_node_free);
  node->pub.start = ctx->p;
  ctx->p++;
  for (;;)
    {
      Node *item;

      if (!skip_space (ctx))
        break;
      if (peek (ctx, 0) == ']')
        {
          ctx->p++;
          node->pub.end = ctx->p;
          return node;
        }
      item = parse_value (ctx);
      if (item == NULL)
        break;
      freeze (ctx, item);
      g_ptr_array_add (node->pub.items, item);
      if (!skip_space (ctx))
        break;
      if (peek (ctx, 0) == ',')
        {
          ctx->p++;
          continue;
        }
      if (peek (ctx, 0) == ']')
        continue;
      fail (ctx, ctx->p, ctx->p >= ctx->end ? _("an array is not closed")
                                            : _("“,” or “]” must follow an array item"));
      break;
    }
  _byline_node_free (node);
  return NULL;
}

static Node *
parse_value (Ctx *ctx)
{
  Node *node;
  gsize start = ctx->p;
  char c = peek (ctx, 0);

  if (++ctx->depth > MAX_DEPTH)
    {
      ctx->depth--;
      _byline_frontmatter_set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED, start,
                                     _("The TOML is nested too deeply"));
      return NULL;
    }
  if (c == '"' || c == '\'')
    node = parse_string (ctx);
  else if (c == '[')
    node = parse_array (ctx);
  else if (c == '{')
    node = parse_inline_table (ctx);
  else
    node = parse_bare_value (ctx);
  ctx->depth--;
  if (node != NULL)
    node->pub.line = locate (ctx, start, &node->pub.column);
  return node;
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                    */

static Entry *
entry_add (Ctx            *ctx,
           Node           *table,
           const KeyPart  *part,
           Node           *value,
           gsize           line_start,
           BylineTomlForm  form)
{
  Table *info = g_hash_table_lookup (ctx->tables, table);
  Entry *entry = g_new0 (Entry, 1);
  Node *key = _byline_node_new (BYLINE_VALUE_STRING);

  key->pub.style = ctx->text[part->start] == '"' ? BYLINE_STYLE_DOUBLE_QUOTED :
                   ctx->text[part->start] == '\'' ? BYLINE_STYLE_SINGLE_QUOTED :
                   BYLINE_STYLE_PLAIN;
  key->pub.start = part->start;
  key->pub.end = part->end;
  key->pub.line = locate (ctx, part->start, &key->pub.column);
  key->pub.string = g_strdup (part->name);
  entry->pub.key = key->pub.string;
  entry->pub.key_node = &key->pub;
  entry->pub.value = &value->pub;
  entry->pub.start = line_start;
  entry->pub.end = MAX (value->pub.end, part->end);
  entry->indent_start = line_start;
  entry->toml_form = form;
  g_ptr_array_add (table->pub.entries, entry);
  g_hash_table_insert (info->keys, entry->pub.key, entry);
  return entry;
}

static Entry *
lookup (Ctx        *ctx,
        Node       *table,
        const char *key)
{
  Table *info = g_hash_table_lookup (ctx->tables, table);

  return g_hash_table_lookup (info->keys, key);
}

static char *
dotted_name (GArray *parts,
             guint   n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const KeyPart *part = &g_array_index (parts, KeyPart, i);

      if (i > 0)
        g_string_append_c (out, '.');
      _byline_toml_append_key (out, part->name);
    }
  return g_string_free (out, FALSE);
}

/* Puts @value at the dotted path @parts under @table (a key/value line or
 * an inline table's pair). Takes @value, even on failure. @chain_out gets the
 * entry of the first part, whose span the caller extends. */
static gboolean
insert_value (Ctx    *ctx,
              Node   *table,
              GArray *parts,
              Node   *value,
              gsize   line_start,
              Entry **chain_out)
{
  Node *at = table;
  /* an inline table being read: its pairs are inside a value */
  gboolean in_inline = table->pub.style == BYLINE_STYLE_FLOW;

  for (guint i = 0; i < parts->len; i++)
    {
      const KeyPart *part = &g_array_index (parts, KeyPart, i);
      Entry *entry = lookup (ctx, at, part->name);
      gboolean last = i + 1 == parts->len;
      BylineTomlForm form = in_inline ? BYLINE_TOML_FORM_IN_VALUE :
                            last && i == 0 ? BYLINE_TOML_FORM_INLINE : BYLINE_TOML_FORM_DOTTED;

      if (last)
        {
          if (entry != NULL)
            {
              g_autofree char *name = dotted_name (parts, parts->len);
              g_autofree char *message = g_strdup_printf (_("Duplicate key “%s”"), name);

              _byline_frontmatter_set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY,
                                             part->start, message);
              _byline_node_free (value);
              return FALSE;
            }
          entry = entry_add (ctx, at, part, value, line_start, form);
        }
      else if (entry == NULL)
        {
          Node *sub = mapping_new (ctx, TABLE_DOTTED, BYLINE_STYLE_BLOCK, line_start);

          entry = entry_add (ctx, at, part, sub, line_start, form);
        }
      else
        {
          Table *info = entry->pub.value->type == BYLINE_VALUE_MAPPING ?
                        g_hash_table_lookup (ctx->tables, entry->pub.value) : NULL;

          if (info == NULL || info->kind != TABLE_DOTTED)
            {
              g_autofree char *name = dotted_name (parts, i + 1);

              _byline_node_free (value);
              return fail (ctx, part->start,
                           info == NULL ? _("“%s” is already a value, not a table")
                                        : _("the table “%s” is already defined"),
                           name);
            }
        }
      if (i == 0 && chain_out != NULL)
        *chain_out = entry;
      if (!last)
        at = (Node *) entry->pub.value;
    }
  return TRUE;
}

/* The top-level entry the line just read belongs to: its span grows to
 * @end, and it is split when another entry's lines came in between. */
static void
note_root_line (Ctx   *ctx,
                Entry *root_entry,
                gsize  end)
{
  if (ctx->root_last != root_entry && !g_hash_table_add (ctx->root_seen, root_entry))
    root_entry->toml_split = TRUE;
  root_entry->pub.end = MAX (root_entry->pub.end, end);
  /* A table's value runs over its lines; an inline value is its own bytes. */
  if (root_entry->toml_form == BYLINE_TOML_FORM_TABLE ||
      root_entry->toml_form == BYLINE_TOML_FORM_DOTTED)
    root_entry->pub.value->end = MAX (root_entry->pub.value->end, end);
  ctx->root_last = root_entry;
}

/* [a.b] or [[a.b]]: the table the lines after it fill. */
static Node *
parse_header (Ctx    *ctx,
              Entry **root_entry)
{
  gsize line_start = ctx->p;
  gboolean array = peek (ctx, 1) == '[';
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (KeyPart));
  Node *at;

  g_array_set_clear_func (parts, key_part_clear);
  ctx->p += array ? 2 : 1;
  skip_blanks (ctx);
  if (!parse_key (ctx, parts))
    return NULL;
  if (peek (ctx, 0) != ']' || (array && peek (ctx, 1) != ']'))
    {
      fail (ctx, ctx->p, array ? _("“]]” must close a header") : _("“]” must close a header"));
      return NULL;
    }
  ctx->p += array ? 2 : 1;

  at = ctx->self->root;
  for (guint i = 0; i < parts->len; i++)
    {
      const KeyPart *part = &g_array_index (parts, KeyPart, i);
      Entry *entry = lookup (ctx, at, part->name);
      gboolean last = i + 1 == parts->len;
      BylineTomlForm form = i == 0 ? BYLINE_TOML_FORM_TABLE : BYLINE_TOML_FORM_INLINE;
      Table *info = NULL;
      g_autofree char *name = NULL;

      if (entry != NULL && entry->pub.value->type == BYLINE_VALUE_MAPPING)
        info = g_hash_table_lookup (ctx->tables, entry->pub.value);

      if (entry == NULL)
        {
          Node *value;

          if (last && array)
            {
              Node *item = mapping_new (ctx, TABLE_HEADER, BYLINE_STYLE_BLOCK, line_start);

              value = _byline_node_new (BYLINE_VALUE_SEQUENCE);
              value->pub.style = BYLINE_STYLE_BLOCK;
              value->pub.items = g_ptr_array_new_with_free_func (_byline_node_free);
              value->pub.start = value->pub.end = line_start;
              value->pub.line = item->pub.line;
              value->pub.column = item->pub.column;
              g_ptr_array_add (value->pub.items, item);
              g_hash_table_add (ctx->arrays, value);
            }
          else
            {
              value = mapping_new (ctx, last ? TABLE_HEADER : TABLE_IMPLICIT,
                                   BYLINE_STYLE_BLOCK, line_start);
            }
          entry = entry_add (ctx, at, part, value, line_start, form);
        }
      else if (g_hash_table_contains (ctx->arrays, entry->pub.value))
        {
          if (last && array)
            {
              Node *item = mapping_new (ctx, TABLE_HEADER, BYLINE_STYLE_BLOCK, line_start);

              g_ptr_array_add (entry->pub.value->items, item);
            }
          else if (last)
            {
              name = dotted_name (parts, i + 1);
              fail (ctx, part->start, _("“%s” is an array of tables, not a table"), name);
              return NULL;
            }
        }
      else if (info != NULL && info->kind != TABLE_INLINE &&
               (!last || (!array && info->kind == TABLE_IMPLICIT)))
        {
          if (last)
            info->kind = TABLE_HEADER;
        }
      else
        {
          name = dotted_name (parts, i + 1);
          if (info != NULL && info->kind != TABLE_INLINE)
            fail (ctx, part->start, _("the table “%s” is already defined"), name);
          else
            fail (ctx, part->start, _("“%s” is already a value, not a table"), name);
          return NULL;
        }

      if (i == 0)
        *root_entry = entry;
      at = (Node *) entry->pub.value;
      if (at->pub.type == BYLINE_VALUE_SEQUENCE)
        at = g_ptr_array_index (at->pub.items, at->pub.items->len - 1);
    }
  return at;
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                      */

char *
_byline_toml_time_to_json (const Node *node)
{
  const BylineTimestamp *ts = &node->pub.timestamp;
  char ms[4] = "000";

  for (guint i = 0; i < 3 && ts->fraction[i] != '\0'; i++)
    ms[i] = ts->fraction[i];
  switch ((BylineTomlTime) node->toml_time)
    {
    case BYLINE_TOML_TIME_LOCAL_DATE:
      return g_strdup_printf ("%04d-%02d-%02d", ts->year, ts->month, ts->day);
    case BYLINE_TOML_TIME_LOCAL_TIME:
      return g_strdup_printf ("%02d:%02d:%02d.%s", ts->hour, ts->minute, ts->second, ms);
    case BYLINE_TOML_TIME_LOCAL_DATETIME:
      return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%s", ts->year, ts->month, ts->day,
                              ts->hour, ts->minute, ts->second, ms);
    case BYLINE_TOML_TIME_OFFSET_DATETIME:
      if (ts->zone == BYLINE_ZONE_Z)
        return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%sZ", ts->year, ts->month, ts->day,
                                ts->hour, ts->minute, ts->second, ms);
      /* The time as written with its offset, as TomlDate prints it. */
      return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%s%c%02d:%02d",
                              ts->year, ts->month, ts->day, ts->hour, ts->minute, ts->second, ms,
                              ts->offset_minus ? '-' : '+',
                              ABS (ts->offset_minutes) / 60, ABS (ts->offset_minutes) % 60);
    case BYLINE_TOML_TIME_NONE:
    default:
      return byline_timestamp_to_iso_string (ts);
    }
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

void
_byline_toml_append_string (GString    *out,
                            const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04X", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
_byline_toml_append_key (GString    *out,
                         const char *key)
{
  if (_byline_toml_key_is_bare (key))
    g_string_append (out, key);
  else
    _byline_toml_append_string (out, key);
}

/* ------------------------------------------------------------------------ */
/* The document                                                              */

static void
parse_document (Ctx *ctx)
{
  Node *table = ctx->self->root;
  Entry *section = NULL;   /* the top-level entry of the current [header], if any */

  while (ctx->p < ctx->end && !failed (ctx))
    {
      gsize line_start = ctx->p;
      g_autoptr(GArray) parts = NULL;
      Entry *first = NULL;
      Node *value;
      gsize eq_end;
      gsize content_end;

      skip_blanks (ctx);
      if (!skip_comment (ctx))
        return;
      if (at_eol (ctx))
        {
          if (!skip_line_break (ctx))
            return;
          continue;
        }
      if (peek (ctx, 0) == '[')
        {
          Node *next;

          if (ctx->self->toml_tables_start == ctx->end)
            ctx->self->toml_tables_start = _byline_line_start_of (ctx->text, ctx->p,
                                                                  ctx->self->split.data_start);
          next = parse_header (ctx, &section);
          if (next == NULL)
            return;
          table = next;
          skip_blanks (ctx);
          if (!skip_comment (ctx) || !skip_line_break (ctx))
            return;
          note_root_line (ctx, section, ctx->p);
          continue;
        }

      parts = g_array_new (FALSE, TRUE, sizeof (KeyPart));
      g_array_set_clear_func (parts, key_part_clear);
      if (!parse_key (ctx, parts))
        return;
      if (peek (ctx, 0) != '=')
        {
          fail (ctx, ctx->p, _("“=” must follow a key"));
          return;
        }
      ctx->p++;
      eq_end = ctx->p;
      skip_blanks (ctx);
      if (at_eol (ctx))
        {
          fail (ctx, ctx->p, _("a value is missing"));
          return;
        }
      value = parse_value (ctx);
      if (value == NULL)
        return;
      if (!insert_value (ctx, table, parts, value, line_start, &first))
        return;
      skip_blanks (ctx);
      if (!skip_comment (ctx))
        return;
      content_end = ctx->p;
      if (!skip_line_break (ctx))
        return;
      if (parts->len == 1)
        {
          first->colon_end = eq_end;
          if (content_end > value->pub.end)
            {
              first->pub.comment_start = value->pub.end;
              first->pub.comment_end = content_end;
            }
        }
      first->pub.end = MAX (first->pub.end, ctx->p);
      if (parts->len > 1)
        first->pub.value->end = MAX (first->pub.value->end, ctx->p);
      note_root_line (ctx, table == ctx->self->root ? first : section, ctx->p);
    }
}

/**
 * _byline_toml_parse:
 *
 * Reads the TOML between the `+++` fences of @self into @self->root, or sets
 * @self's error (with its position).
 */
void
_byline_toml_parse (BylineFrontmatter *self)
{
  Ctx ctx = { 0 };
  const char *bad = NULL;
  gsize region_len = self->split.data_end - self->split.data_start;
  Node *root;

  if (!g_utf8_validate (self->text + self->split.data_start, region_len, &bad))
    {
      _byline_frontmatter_set_error (self, BYLINE_FRONTMATTER_ERROR_INVALID_UTF8, bad - self->text,
                                     _("The frontmatter is not valid UTF-8"));
      return;
    }

  ctx.self = self;
  ctx.text = self->text;
  ctx.p = self->split.data_start;
  ctx.end = self->split.data_end;
  self->toml_tables_start = self->split.data_end;
  ctx.tables = g_hash_table_new_full (NULL, NULL, NULL, table_free);
  ctx.arrays = g_hash_table_new (NULL, NULL);
  ctx.root_seen = g_hash_table_new (NULL, NULL);
  /* Line breaks as byline_count_line_breaks () counts them: \n, \r\n, a lone \r. */
  ctx.line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (ctx.line_starts, ctx.p);
  for (gsize i = ctx.p; i < ctx.end; i++)
    if (self->text[i] == '\n' || (self->text[i] == '\r' && self->text[i + 1] != '\n'))
      {
        gsize next = i + 1;

        g_array_append_val (ctx.line_starts, next);
      }

  root = mapping_new (&ctx, TABLE_ROOT, BYLINE_STYLE_BLOCK, self->split.data_start);
  root->pub.end = self->split.data_end;
  self->root = root;
  parse_document (&ctx);
  if (self->error != NULL)
    g_clear_pointer (&self->root, _byline_node_free);

  g_hash_table_unref (ctx.tables);
  g_hash_table_unref (ctx.arrays);
  g_hash_table_unref (ctx.root_seen);
  g_array_unref (ctx.line_starts);
}
