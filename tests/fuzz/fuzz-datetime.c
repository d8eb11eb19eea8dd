/* fuzz-datetime.c: YAML timestamps read, converted and written back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timestamp whose fields are in range and whose fraction fits in a
 * microsecond is written back byte for byte when given its own instant;
 * its ISO string is its instant's; and what a user types, written in any
 * style, reads back as the same instant at that style's precision.
 */

#include "config.h"

#include <string.h>

#include "byline-datetime.h"
#include "fuzz-common.h"

static const char *styles[] = {
  "2024-01-02", "2024-01-02T03:04:05Z", "2024-01-02 03:04:05.123 +05:30",
  "2024-1-2t3:04:05.5-08", "2024-01-02T03:04:05.123456789", "2024-01-02T03:04:05+00:00",
  "2024-01-02 03:04:05 +08",
};

/* BylineTimestamp keeps at most 15 blanks between date and time, and
 * between time and zone (documented): longer runs come back shorter */
static gboolean
has_long_blank_run (const char *text,
                    gsize       len)
{
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    {
      run = text[i] == ' ' || text[i] == '\t' ? run + 1 : 0;
      if (run > 15)
        return TRUE;
    }
  return FALSE;
}

static gboolean
in_range (const BylineTimestamp *ts)
{
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (ts->year % 4 == 0 && ts->year % 100 != 0) || ts->year % 400 == 0;

  if (ts->year < 100 || ts->year > 9998 || ts->month < 1 || ts->month > 12 || ts->day < 1)
    return FALSE;
  if (ts->day > days[ts->month - 1] || (ts->month == 2 && !leap && ts->day > 28))
    return FALSE;
  if (ts->hour > 23 || ts->minute > 59 || ts->second > 59)
    return FALSE;
  /* digits past the microsecond are not kept by a GDateTime */
  for (guint i = 6; i < strlen (ts->fraction); i++)
    if (ts->fraction[i] != '0')
      return FALSE;
  return ts->fraction_len <= 9 && ts->offset_minutes > -24 * 60 && ts->offset_minutes < 24 * 60;
}

static void
check_timestamp (const char *text,
                 gsize       len)
{
  BylineTimestamp ts;
  g_autoptr(GDateTime) value = NULL;
  g_autofree char *iso = NULL;

  if (!byline_timestamp_parse (text, len, &ts))
    return;
  iso = byline_timestamp_to_iso_string (&ts);
  FUZZ_CHECK (iso != NULL, "no ISO string");
  value = byline_timestamp_to_date_time (&ts);
  if (value == NULL)
    return;
  {
    g_autofree char *iso2 = byline_date_time_to_iso_string (value);

    FUZZ_CHECK (g_strcmp0 (iso, iso2) == 0, "ISO %s, instant %s", iso, iso2);
  }
  /* an offset's minutes are the last two characters: 60 and more roll over */
  if (ts.zone == BYLINE_ZONE_OFFSET && ts.offset_has_minutes && len >= 2 &&
      (text[len - 2] - '0') * 10 + (text[len - 1] - '0') >= 60)
    return;
  if (in_range (&ts) && !has_long_blank_run (text, len))
    {
      g_autofree char *again = byline_timestamp_format_like (&ts, value);

      FUZZ_CHECK (again != NULL && strlen (again) == len && memcmp (again, text, len) == 0,
                  "\"%.*s\" written back as \"%s\"", (int) len, text, again);
    }
}

static void
check_user (const char *text)
{
  g_autoptr(GDateTime) value = byline_date_time_parse_user (text, NULL);

  if (value == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      BylineTimestamp style, back;
      g_autofree char *written = NULL;
      g_autoptr(GDateTime) read = NULL;
      GTimeSpan diff;

      if (!byline_timestamp_parse (styles[i], strlen (styles[i]), &style))
        g_assert_not_reached ();
      written = byline_timestamp_format_like (&style, value);
      FUZZ_CHECK (written != NULL, "%s not writable like %s", text, styles[i]);
      FUZZ_CHECK (byline_timestamp_parse (written, strlen (written), &back),
                  "%s written like %s as %s, not a timestamp", text, styles[i], written);
      read = byline_timestamp_to_date_time (&back);
      FUZZ_CHECK (read != NULL, "%s reads out of range", written);
      diff = g_date_time_difference (value, read);
      if (style.date_only)
        FUZZ_CHECK (diff >= 0 && diff < G_TIME_SPAN_DAY && back.date_only,
                    "%s as a date: %s", text, written);
      else
        FUZZ_CHECK (diff >= 0 && diff < G_TIME_SPAN_SECOND, "%s like %s: %s", text, styles[i],
                    written);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  fuzz_init ();

  if (size > 256)
    return 0;
  check_timestamp ((const char *) data, size);
  text = g_strndup ((const char *) data, size);
  if (strlen (text) == size && g_utf8_validate (text, -1, NULL))
    check_user (text);
  return 0;
}
