/* byline-datetime.h: YAML timestamps, read and written in the file's own style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * BylineTimestamp:
 *
 * A YAML 1.1 timestamp as js-yaml 4 reads it, plus everything needed to write
 * another instant back in the same style.
 *
 * @year .. @second: the fields as written (not converted to UTC)
 * @fraction: the fractional-second digits as written ("934" for .934), "" if none
 * @date_only: written as `YYYY-MM-DD`
 * @separator: 'T', 't' or ' ' between date and time
 * @zone: how the zone was written: NONE (js-yaml reads it as UTC), Z, or OFFSET
 * @zone_space: a blank stood between the time and the zone (`12:00:00 -0800`)
 * @offset_minutes: the offset east of UTC (OFFSET only)
 * @offset_colon: the offset was written `+08:00` rather than `+0800`
 * @offset_has_minutes: the offset was written with minutes (`+08:00`, not `+08`)
 *
 * The fields below record rarer spellings that js-yaml also accepts, so that
 * every timestamp can be written back byte for byte. Zero or "" means the
 * usual spelling, so a struct filled by hand with only the fields above works:
 *
 * @month_digits/@day_digits/@hour_digits/@offset_hour_digits: 1 or 2 digits
 *   were written (js-yaml allows one digit for these when a time is present)
 * @fraction_len: how many fraction digits were written; may exceed the 9 that
 *   @fraction keeps (those extra digits have no meaning below a microsecond)
 * @fraction_point: a `.` was written, possibly with no digits (`12:00:00.Z`)
 * @separator_text: the exact run of blanks (spaces, tabs) between date and
 *   time when @separator is a blank; longer runs are cut to 15 bytes
 * @zone_space_text: the exact blanks between the time and the zone
 * @offset_minus: the offset was written with `-` (tells `-00:00` from `+00:00`)
 */
typedef enum
{
  BYLINE_ZONE_NONE,
  BYLINE_ZONE_Z,
  BYLINE_ZONE_OFFSET,
} BylineZoneStyle;

typedef struct
{
  int              year;
  int              month;
  int              day;
  int              hour;
  int              minute;
  int              second;
  char             fraction[10];
  gboolean         date_only;
  char             separator;
  BylineZoneStyle  zone;
  gboolean         zone_space;
  int              offset_minutes;
  gboolean         offset_colon;
  gboolean         offset_has_minutes;
  guint8           month_digits;
  guint8           day_digits;
  guint8           hour_digits;
  guint8           offset_hour_digits;
  guint            fraction_len;
  gboolean         fraction_point;
  char             separator_text[16];
  char             zone_space_text[16];
  gboolean         offset_minus;
} BylineTimestamp;

#define BYLINE_DATETIME_ERROR (byline_datetime_error_quark ())

typedef enum
{
  BYLINE_DATETIME_ERROR_INVALID,
} BylineDatetimeError;

GQuark     byline_datetime_error_quark     (void);

gboolean   byline_timestamp_parse          (const char            *text,
                                            gsize                  len,
                                            BylineTimestamp       *out);
GDateTime *byline_timestamp_to_date_time   (const BylineTimestamp *self);
char      *byline_timestamp_to_iso_string  (const BylineTimestamp *self);
char      *byline_timestamp_format_like    (const BylineTimestamp *style,
                                            GDateTime             *value);
char      *byline_date_time_to_iso_string  (GDateTime             *value);
GDateTime *byline_date_time_parse_user     (const char            *text,
                                            GError               **error);

G_END_DECLS
