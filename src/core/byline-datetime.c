/* byline-datetime.c: YAML timestamps, read as js-yaml 4 reads them and
 * written back in the spelling the file already uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-datetime.h"

/* js-yaml builds its Date with Date.UTC(), which rolls over out-of-range
 * fields (2024-02-30 is 2024-03-01, hour 25 is the next day) and maps years
 * 0..99 to 1900..1999. All arithmetic here is done on plain integers the same
 * way so that every timestamp js-yaml accepts gets the instant it gets, even
 * ones outside GDateTime's range. */

#define USEC_PER_MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define USEC_PER_DAY    (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

G_DEFINE_QUARK (byline-datetime-error-quark, byline_datetime_error)

/* Days since 1970-01-01 of a proleptic Gregorian civil date (H. Hinnant's
 * algorithm); @month is 1..12. */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  days,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *year = yoe + era * 400 + (m <= 2);
  *month = m;
  *day = d;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Reads @min..@max ASCII digits at *@pos; js-yaml's [0-9] is ASCII only. */
static gboolean
read_digits (const char *text,
             gsize       len,
             gsize      *pos,
             guint       min,
             guint       max,
             int        *value,
             guint8     *n_digits)
{
  guint n = 0;
  int v = 0;

  while (*pos + n < len && n < max && is_digit (text[*pos + n]))
    {
      v = v * 10 + (text[*pos + n] - '0');
      n++;
    }

  if (n < min)
    return FALSE;

  *pos += n;
  *value = v;
  if (n_digits != NULL)
    *n_digits = (guint8) n;

  return TRUE;
}

static gboolean
expect_char (const char *text,
             gsize       len,
             gsize      *pos,
             char        c)
{
  if (*pos >= len || text[*pos] != c)
    return FALSE;

  (*pos)++;

  return TRUE;
}

/* Copies a run of blanks, cut to fit, so it can be written back. */
static void
copy_blanks (char       *dest,
             gsize       dest_size,
             const char *src,
             gsize       n)
{
  gsize k = MIN (n, dest_size - 1);

  memcpy (dest, src, k);
  dest[k] = '\0';
}

/**
 * byline_timestamp_parse:
 * @text: a scalar's decoded value (not necessarily nul-terminated)
 * @len: its length in bytes
 * @out: (out caller-allocates): where to store the timestamp
 *
 * Recognises exactly what js-yaml 4's timestamp type recognises:
 * `YYYY-MM-DD`, or `YYYY-M?M-D?D` followed by `T`, `t` or a run of blanks,
 * `H?H:MM:SS`, an optional `.` with any number of digits, optional blanks,
 * and an optional zone `Z`, `±H?H` or `±H?H:MM`. Notably `+0800`, a lower-case
 * `z` and `12:00` without seconds are not timestamps: js-yaml reads them as
 * strings. Out-of-range fields (2024-02-30) are accepted, as js-yaml accepts
 * them and rolls them over.
 *
 * Returns: %TRUE if @text is a timestamp; %FALSE means it is a string
 */
gboolean
byline_timestamp_parse (const char      *text,
                        gsize            len,
                        BylineTimestamp *out)
{
  BylineTimestamp ts = { 0 };
  gsize pos = 0;
  guint8 n;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!read_digits (text, len, &pos, 4, 4, &ts.year, NULL) ||
      !expect_char (text, len, &pos, '-') ||
      !read_digits (text, len, &pos, 1, 2, &ts.month, &ts.month_digits) ||
      !expect_char (text, len, &pos, '-') ||
      !read_digits (text, len, &pos, 1, 2, &ts.day, &ts.day_digits))
    return FALSE;

  if (pos == len)
    {
      /* The date-only form wants exactly two digits for month and day. */
      if (ts.month_digits != 2 || ts.day_digits != 2)
        return FALSE;

      ts.date_only = TRUE;
      *out = ts;
      return TRUE;
    }

  if (text[pos] == 'T' || text[pos] == 't')
    {
      ts.separator = text[pos];
      pos++;
    }
  else if (is_blank (text[pos]))
    {
      gsize start = pos;

      ts.separator = text[pos];
      while (pos < len && is_blank (text[pos]))
        pos++;
      copy_blanks (ts.separator_text, sizeof ts.separator_text, text + start, pos - start);
    }
  else
    return FALSE;

  if (!read_digits (text, len, &pos, 1, 2, &ts.hour, &ts.hour_digits) ||
      !expect_char (text, len, &pos, ':') ||
      !read_digits (text, len, &pos, 2, 2, &ts.minute, NULL) ||
      !expect_char (text, len, &pos, ':') ||
      !read_digits (text, len, &pos, 2, 2, &ts.second, NULL))
    return FALSE;

  if (pos < len && text[pos] == '.')
    {
      gsize start = ++pos;

      ts.fraction_point = TRUE;
      while (pos < len && is_digit (text[pos]))
        pos++;
      ts.fraction_len = (guint) (pos - start);
      memcpy (ts.fraction, text + start, MIN (ts.fraction_len, sizeof ts.fraction - 1));
      ts.fraction[MIN (ts.fraction_len, sizeof ts.fraction - 1)] = '\0';
    }

  if (pos < len && is_blank (text[pos]))
    {
      gsize start = pos;

      while (pos < len && is_blank (text[pos]))
        pos++;

      /* Blanks are only allowed before a zone, never at the end. */
      if (pos == len)
        return FALSE;

      ts.zone_space = TRUE;
      copy_blanks (ts.zone_space_text, sizeof ts.zone_space_text, text + start, pos - start);
    }

  if (pos < len && text[pos] == 'Z')
    {
      ts.zone = BYLINE_ZONE_Z;
      pos++;
    }
  else if (pos < len && (text[pos] == '+' || text[pos] == '-'))
    {
      gboolean negative = text[pos] == '-';
      int hours;
      int minutes = 0;

      pos++;
      if (!read_digits (text, len, &pos, 1, 2, &hours, &n))
        return FALSE;
      ts.offset_hour_digits = n;

      if (pos < len && text[pos] == ':')
        {
          pos++;
          if (!read_digits (text, len, &pos, 2, 2, &minutes, NULL))
            return FALSE;
          ts.offset_colon = TRUE;
          ts.offset_has_minutes = TRUE;
        }

      ts.zone = BYLINE_ZONE_OFFSET;
      ts.offset_minus = negative;
      ts.offset_minutes = (hours * 60 + minutes) * (negative ? -1 : 1);
    }

  if (pos != len)
    return FALSE;

  *out = ts;

  return TRUE;
}

static guint
effective_fraction_len (const BylineTimestamp *self)
{
  return MAX (self->fraction_len, (guint) strlen (self->fraction));
}

/* The first @digits digits of the fraction as a number of 10^-digits units. */
static gint64
fraction_value (const BylineTimestamp *self,
                guint                  digits)
{
  gint64 v = 0;
  gboolean ended = FALSE;

  for (guint i = 0; i < digits; i++)
    {
      char c = ended ? '\0' : self->fraction[i];

      if (!is_digit (c))
        ended = TRUE;
      v = v * 10 + (ended ? 0 : c - '0');
    }

  return v;
}

/* The instant as microseconds since the epoch, following Date.UTC(). */
static gint64
timestamp_to_unix_usec (const BylineTimestamp *self,
                        gboolean               millis_only)
{
  gint64 year = self->year;
  gint64 month0 = self->month - 1;
  gint64 days;
  gint64 usec;

  if (year >= 0 && year <= 99)
    year += 1900;

  year += floor_div (month0, 12);
  month0 -= floor_div (month0, 12) * 12;
  days = days_from_civil (year, (int) month0 + 1, 1) + self->day - 1;
  usec = days * USEC_PER_DAY;

  if (self->date_only)
    return usec;

  usec += ((gint64) self->hour * 3600 + (gint64) self->minute * 60 + self->second) * G_USEC_PER_SEC;
  usec += millis_only ? fraction_value (self, 3) * 1000 : fraction_value (self, 6);

  if (self->zone == BYLINE_ZONE_OFFSET)
    usec -= (gint64) self->offset_minutes * USEC_PER_MINUTE;

  return usec;
}

static GDateTime *
date_time_from_unix_usec (gint64 usec)
{
  g_autoptr(GDateTime) base = NULL;
  gint64 secs = floor_div (usec, G_USEC_PER_SEC);

  base = g_date_time_new_from_unix_utc (secs);
  if (base == NULL)
    return NULL;

  return g_date_time_add (base, usec - secs * G_USEC_PER_SEC);
}

static GTimeZone *
time_zone_for_offset (int offset_minutes)
{
  /* GTimeZone takes offsets up to a day; js-yaml takes up to 99:99. Larger
   * ones still give the right instant, shown in UTC. */
  if (ABS (offset_minutes) > 24 * 60)
    return g_time_zone_new_utc ();

  return g_time_zone_new_offset (offset_minutes * 60);
}

/**
 * byline_timestamp_to_date_time:
 * @self: a timestamp
 *
 * The instant js-yaml reads, to the microsecond (js-yaml itself keeps only
 * milliseconds), in the offset the file wrote: a `Z`, a date-only value and a
 * time without zone are in UTC, as js-yaml reads them.
 *
 * Returns: (transfer full) (nullable): the instant, or %NULL when it lies
 *   outside GDateTime's years 1..9999 (`9999-12-31T23:00:00-02:00`)
 */
GDateTime *
byline_timestamp_to_date_time (const BylineTimestamp *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  utc = date_time_from_unix_usec (timestamp_to_unix_usec (self, FALSE));
  if (utc == NULL)
    return NULL;

  if (self->date_only || self->zone != BYLINE_ZONE_OFFSET)
    return g_steal_pointer (&utc);

  tz = time_zone_for_offset (self->offset_minutes);

  return g_date_time_to_timezone (utc, tz);
}

/* Date.prototype.toISOString(): UTC, milliseconds, and the expanded
 * `+YYYYYY` form for years outside 0..9999. */
static char *
iso_string_from_unix_usec (gint64 usec)
{
  gint64 ms = floor_div (usec, 1000);
  gint64 days = floor_div (ms, 86400000);
  gint64 ms_of_day = ms - days * 86400000;
  gint64 year;
  int month;
  int day;
  g_autofree char *year_text = NULL;

  civil_from_days (days, &year, &month, &day);

  if (year >= 0 && year <= 9999)
    year_text = g_strdup_printf ("%04" G_GINT64_FORMAT, year);
  else
    year_text = g_strdup_printf ("%c%06" G_GINT64_FORMAT, year < 0 ? '-' : '+', ABS (year));

  return g_strdup_printf ("%s-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          year_text, month, day,
                          (int) (ms_of_day / 3600000),
                          (int) (ms_of_day / 60000 % 60),
                          (int) (ms_of_day / 1000 % 60),
                          (int) (ms_of_day % 1000));
}

/**
 * byline_timestamp_to_iso_string:
 * @self: a timestamp
 *
 * What `Date.toISOString()` gives for the Date js-yaml reads: UTC, always
 * three fraction digits, further digits cut off (`.9999` is `.999`).
 *
 * Returns: (transfer full): e.g. `2022-09-23T15:22:00.000Z`
 */
char *
byline_timestamp_to_iso_string (const BylineTimestamp *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return iso_string_from_unix_usec (timestamp_to_unix_usec (self, TRUE));
}

static gint64
date_time_to_unix_usec (GDateTime *value)
{
  return g_date_time_to_unix (value) * G_USEC_PER_SEC + g_date_time_get_microsecond (value);
}

static void
append_number (GString *out,
               int      value,
               guint    digits)
{
  /* 0 digits means the usual two. */
  g_string_append_printf (out, "%0*d", digits == 1 ? 1 : 2, value);
}

static void
append_offset (GString               *out,
               const BylineTimestamp *style)
{
  int offset = ABS (style->offset_minutes);

  /* A zero offset keeps the sign it was written with. */
  g_string_append_c (out, style->offset_minutes < 0 ||
                          (style->offset_minutes == 0 && style->offset_minus) ? '-' : '+');
  append_number (out, offset / 60, style->offset_hour_digits);

  /* `+0800` is a string to js-yaml, so minutes always get their colon; a
   * style written `+05` whose offset has minutes cannot exist (parse never
   * makes one), but write the minutes rather than lose them. */
  if (style->offset_has_minutes || offset % 60 != 0)
    g_string_append_printf (out, ":%02d", offset % 60);
}

/**
 * byline_timestamp_format_like:
 * @style: a timestamp as the file wrote it
 * @value: the instant to write
 *
 * Writes @value in @style's spelling: the same precision, the same number of
 * fraction digits (more precise values are cut, as js-yaml cuts), the same
 * separator, digit widths and blanks, and the same zone style: `Z` stays `Z`
 * (in UTC), an offset stays that same offset with the same notation (the
 * instant is converted into it), and no zone stays no zone, in UTC, since
 * js-yaml reads it as UTC.
 *
 * A date-only style writes @value's date in UTC. js-yaml reads a date as
 * midnight UTC, so this is the only choice that reads back as the same day
 * everywhere, and the date it writes is never later than @value: setting a
 * date-only `pubDatetime` to now never makes the post a future post that the
 * site would hide.
 *
 * Writing back the instant @style itself stands for gives @style's text
 * exactly, for every timestamp whose fields are in range (a rolled-over
 * `2024-02-30` comes back as `2024-03-01`) and that has at most nine
 * fraction digits (digits past the ninth come back as zeros).
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @value falls
 *   in a year js-yaml cannot read back (before 100: it reads `0050` as 1950)
 */
char *
byline_timestamp_format_like (const BylineTimestamp *style,
                              GDateTime             *value)
{
  GString *out;
  gint64 usec;
  gint64 days;
  gint64 usec_of_day;
  gint64 year;
  int month;
  int day;
  guint n_fraction;

  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  usec = date_time_to_unix_usec (value);
  if (!style->date_only && style->zone == BYLINE_ZONE_OFFSET)
    usec += (gint64) style->offset_minutes * USEC_PER_MINUTE;

  days = floor_div (usec, USEC_PER_DAY);
  usec_of_day = usec - days * USEC_PER_DAY;
  civil_from_days (days, &year, &month, &day);

  if (year < 100 || year > 9999)
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "%04d-", (int) year);
  if (style->date_only)
    {
      g_string_append_printf (out, "%02d-%02d", month, day);
      return g_string_free (out, FALSE);
    }

  append_number (out, month, style->month_digits);
  g_string_append_c (out, '-');
  append_number (out, day, style->day_digits);

  if (style->separator == 'T' || style->separator == 't')
    g_string_append_c (out, style->separator);
  else if (style->separator_text[0] != '\0')
    g_string_append (out, style->separator_text);
  else if (style->separator == '\t')
    g_string_append_c (out, '\t');
  else if (style->separator == ' ')
    g_string_append_c (out, ' ');
  else
    g_string_append_c (out, 'T');

  append_number (out, (int) (usec_of_day / (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)),
                 style->hour_digits);
  g_string_append_printf (out, ":%02d:%02d",
                          (int) (usec_of_day / USEC_PER_MINUTE % 60),
                          (int) (usec_of_day / G_USEC_PER_SEC % 60));

  n_fraction = effective_fraction_len (style);
  if (style->fraction_point || n_fraction > 0)
    {
      g_autoptr(GDateTime) original = byline_timestamp_to_date_time (style);
      char digits[7];

      g_string_append_c (out, '.');

      /* Digits below a microsecond are not in a GDateTime; when the instant
       * did not change, the file's own digits are the right ones. */
      if (n_fraction > 6 && original != NULL &&
          date_time_to_unix_usec (original) == date_time_to_unix_usec (value))
        {
          gsize kept = strlen (style->fraction);

          g_string_append (out, style->fraction);
          for (gsize i = kept; i < n_fraction; i++)
            g_string_append_c (out, '0');
        }
      else
        {
          g_snprintf (digits, sizeof digits, "%06d", (int) (usec_of_day % G_USEC_PER_SEC));
          g_string_append_len (out, digits, MIN (n_fraction, 6));
          for (guint i = 6; i < n_fraction; i++)
            g_string_append_c (out, '0');
        }
    }

  if (style->zone == BYLINE_ZONE_NONE)
    return g_string_free (out, FALSE);

  if (style->zone_space_text[0] != '\0')
    g_string_append (out, style->zone_space_text);
  else if (style->zone_space)
    g_string_append_c (out, ' ');

  if (style->zone == BYLINE_ZONE_Z)
    g_string_append_c (out, 'Z');
  else
    append_offset (out, style);

  return g_string_free (out, FALSE);
}

/**
 * byline_date_time_to_iso_string:
 * @value: an instant
 *
 * @value the way `Date.toISOString()` writes it, so `byline get` prints the
 * same text for a timestamp as JSON.stringify of js-yaml's Date does.
 *
 * Returns: (transfer full): e.g. `2022-09-23T15:22:00.000Z`
 */
char *
byline_date_time_to_iso_string (GDateTime *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return iso_string_from_unix_usec (date_time_to_unix_usec (value));
}

/* js-yaml reads years 0..99 as 19xx, and a file's offset may move the date a
 * few days either way: keep clear of both ends so that any style can write
 * the instant (byline_timestamp_format_like() never returns NULL for it). */
static GDateTime *
check_writable (GDateTime   *value,
                const char  *text,
                GError     **error)
{
  g_autoptr(GDateTime) in_utc = g_date_time_to_utc (value);

  /* GLib reads some forms (`0001-001T00:00:00+05:00`) whose UTC instant it
   * cannot hold: g_date_time_to_utc () gives NULL */
  if (in_utc != NULL && g_date_time_get_year (in_utc) > 100 && g_date_time_get_year (in_utc) < 9999)
    return value;

  g_date_time_unref (value);
  g_set_error (error, BYLINE_DATETIME_ERROR, BYLINE_DATETIME_ERROR_INVALID,
               /* Translators: %s is what the user typed */
               _("“%s” is too far in the past or future to write in a post"), text);

  return NULL;
}

/**
 * byline_date_time_parse_user:
 * @text: what the user typed, e.g. on the command line
 * @error: return location for a #GError
 *
 * Reads `now`, or an ISO 8601 date or date-time: `2024-01-02`,
 * `2024-01-02T03:04:05`, with a fraction, with `Z` or an offset
 * (`+08:00`, `+0800`, `+08`), with a space instead of `T`, and the other forms
 * GLib's ISO 8601 reader takes (`2024-01-02T03:04`). Unlike a YAML file, the
 * fields must be in range: 2024-02-30 is a mistake, not March 1st.
 *
 * Years must lie between 101 and 9998, so that the instant can be written
 * in any file's style.
 *
 * A date, or a time without zone, is taken as UTC: that is how js-yaml reads
 * the same text in a file, so `pubDatetime=2024-01-02` puts `2024-01-02` into
 * a file that writes dates.
 *
 * Returns: (transfer full): the instant, or %NULL with @error set
 */
GDateTime *
byline_date_time_parse_user (const char  *text,
                             GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *candidate = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  BylineTimestamp ts;
  GDateTime *result;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));

  if (g_ascii_strcasecmp (trimmed, "now") == 0)
    return g_date_time_new_now_utc ();

  /* People leave the seconds out (`2024-01-02T15:04`); neither YAML nor
   * GLib's reader takes that, so add them. */
  if (strlen (trimmed) >= 16 &&
      (trimmed[10] == 'T' || trimmed[10] == 't' || trimmed[10] == ' ') &&
      trimmed[13] == ':' && is_digit (trimmed[14]) && is_digit (trimmed[15]) &&
      (trimmed[16] == '\0' || trimmed[16] == 'Z' || trimmed[16] == '+' || trimmed[16] == '-'))
    candidate = g_strdup_printf ("%.16s:00%s", trimmed, trimmed + 16);
  else
    candidate = g_strdup (trimmed);

  if (byline_timestamp_parse (candidate, strlen (candidate), &ts))
    {
      g_autoptr(GDateTime) value = byline_timestamp_to_date_time (&ts);
      g_autofree char *again = NULL;

      /* js-yaml rolls 2024-02-30 over to March; a user who types it made a
       * mistake. Fields are in range exactly when writing the instant back in
       * the same spelling gives the same text. */
      if (value != NULL)
        again = byline_timestamp_format_like (&ts, value);
      if (again == NULL || strcmp (again, candidate) != 0)
        {
          g_set_error (error, BYLINE_DATETIME_ERROR, BYLINE_DATETIME_ERROR_INVALID,
                       /* Translators: %s is what the user typed */
                       _("“%s” is not a valid date or time"), trimmed);
          return NULL;
        }

      return check_writable (g_steal_pointer (&value), trimmed, error);
    }

  utc = g_time_zone_new_utc ();
  result = g_date_time_new_from_iso8601 (candidate, utc);
  if (result != NULL)
    return check_writable (result, trimmed, error);

  g_set_error (error, BYLINE_DATETIME_ERROR, BYLINE_DATETIME_ERROR_INVALID,
               /* Translators: %s is what the user typed; keep the examples as they are */
               _("“%s” is not a date or time: use “now” or ISO 8601, e.g. "
                 "“2024-01-02”, “2024-01-02T15:04:05Z” or “2024-01-02T15:04:05+08:00”"),
               trimmed);

  return NULL;
}
