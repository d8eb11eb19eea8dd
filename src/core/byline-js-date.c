/* byline-js-date.c: which text JavaScript's `new Date(text)` makes a date of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-js-date.h"

/* Astro's `z.coerce.date()` runs `new Date(value)` and rejects an invalid
 * date, so whether a quoted date builds is what V8's date parser says. V8
 * first tries the ISO format of ECMA-262 (20.4.3.2) and then its "legacy"
 * parser, which takes nearly anything with numbers in it. This follows V8's
 * dateparser: a reading of its rules, checked against node (tests/test-site.c
 * lists the cases), not a copy; dates far outside what blogs write may differ. */

#define MAX_YEAR 275760

static int
digits_value (const char *s,
              guint       n)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');

  return v;
}

static gboolean
all_digits (const char *s,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
    }

  return TRUE;
}

/* The ISO format: YYYY[-MM[-DD]][THH:mm[:ss[.sss]]][Z|±HH:mm]. Returns TRUE
 * when @s is in that format, with *valid saying whether its fields are in
 * range; FALSE to try the legacy parser. */
static gboolean
parse_iso (const char *s,
           gboolean   *valid)
{
  const char *p = s;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;

  if ((*p == '+' || *p == '-') && all_digits (p + 1, 6))
    p += 7;
  else if (all_digits (p, 4))
    p += 4;
  else
    return FALSE;

  if (p[0] == '-' && all_digits (p + 1, 2))
    {
      month = digits_value (p + 1, 2);
      p += 3;
      if (p[0] == '-' && all_digits (p + 1, 2))
        {
          day = digits_value (p + 1, 2);
          p += 3;
        }
    }

  if ((p[0] == 'T' || p[0] == 't') && all_digits (p + 1, 2) && p[3] == ':' && all_digits (p + 4, 2))
    {
      hour = digits_value (p + 1, 2);
      minute = digits_value (p + 4, 2);
      p += 6;
      if (p[0] == ':' && all_digits (p + 1, 2))
        {
          second = digits_value (p + 1, 2);
          p += 3;
          if (p[0] == '.' && g_ascii_isdigit (p[1]))
            for (p++; g_ascii_isdigit (*p); p++)
              ;
        }
      if (p[0] == 'Z' || p[0] == 'z')
        p++;
      else if ((p[0] == '+' || p[0] == '-') && all_digits (p + 1, 2) &&
               ((p[3] == ':' && all_digits (p + 4, 2)) || all_digits (p + 3, 2)))
        {
          /* ±HH:mm, or ±HHmm, which V8 takes too */
          int minutes = p[3] == ':' ? digits_value (p + 4, 2) : digits_value (p + 3, 2);

          if (digits_value (p + 1, 2) > 23 || minutes > 59)
            {
              *valid = FALSE;
              return TRUE;
            }
          p += p[3] == ':' ? 6 : 5;
        }

      /* After a time, V8 reads nothing but a zone: the text is no date. */
      if (*p != '\0')
        {
          *valid = FALSE;
          return TRUE;
        }
    }

  if (*p != '\0')
    return FALSE;

  *valid = month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
           minute <= 59 && second <= 59 &&
           (hour < 24 || (hour == 24 && minute == 0 && second == 0));

  return TRUE;
}

static const char * const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};
static const char * const weekdays[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
static const char * const zones[] = {
  "ut", "utc", "z", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
};

static gboolean
in_list (const char         *word,
         const char * const *list,
         guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      if (strcmp (word, list[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  int   value;
  guint n_digits;
} Number;

static int
full_year (const Number *n)
{
  /* Two digits name a year of this century or the last, as V8 reads them. */
  if (n->n_digits <= 2)
    return n->value < 50 ? 2000 + n->value : 1900 + n->value;

  return n->value;
}

static gboolean
is_year (const Number *n)
{
  return n->n_digits >= 3 || n->value > 31;
}

static gboolean
compose_day (const Number *numbers,
             guint         n_numbers,
             int           named_month)
{
  int year = 2001;
  int month = named_month;
  int day = 1;

  if (named_month > 0)
    {
      if (n_numbers == 0 || n_numbers > 2)
        return FALSE;
      if (n_numbers == 1)
        {
          if (is_year (&numbers[0]))
            year = full_year (&numbers[0]);
          else
            day = numbers[0].value;
        }
      else if (is_year (&numbers[0]))
        {
          year = full_year (&numbers[0]);
          day = numbers[1].value;
        }
      else
        {
          day = numbers[0].value;
          year = full_year (&numbers[1]);
        }
    }
  else
    {
      switch (n_numbers)
        {
        case 1:
          if (numbers[0].value <= 12)
            month = numbers[0].value;
          else if (is_year (&numbers[0]))
            year = full_year (&numbers[0]);
          else
            return FALSE;
          break;

        case 2:
          if (is_year (&numbers[0]))
            {
              year = full_year (&numbers[0]);
              month = numbers[1].value;
            }
          else
            {
              month = numbers[0].value;
              day = numbers[1].value;
            }
          break;

        case 3:
          if (is_year (&numbers[0]))
            {
              year = full_year (&numbers[0]);
              month = numbers[1].value;
              day = numbers[2].value;
            }
          else
            {
              month = numbers[0].value;
              day = numbers[1].value;
              year = full_year (&numbers[2]);
            }
          break;

        default:
          return FALSE;
        }
      if (month == 0 && year != 2001)
        month = 1;
    }

  return year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static gboolean
parse_legacy (const char *s)
{
  Number numbers[3];
  guint n_numbers = 0;
  int named_month = 0;
  gboolean has_number = FALSE;
  gboolean has_time = FALSE;
  gboolean has_zone = FALSE;
  int hour = 0;
  char sign = 0;
  const char *p = s;

  while (*p != '\0')
    {
      if (g_ascii_isspace (*p) || *p == ',' || *p == '/' || *p == '.')
        {
          p++;
          continue;
        }

      if (*p == '(')
        {
          int depth = 0;

          for (; *p != '\0'; p++)
            {
              depth += (*p == '(') - (*p == ')');
              if (depth == 0)
                {
                  p++;
                  break;
                }
            }
          continue;
        }

      if (*p == '+' || *p == '-')
        {
          sign = *p++;
          continue;
        }

      if (g_ascii_isdigit (*p))
        {
          const char *start = p;
          guint n_digits;
          int value = 0;

          for (; g_ascii_isdigit (*p); p++)
            if (value < 100000000)
              value = value * 10 + (*p - '0');
          n_digits = p - start;

          if (*p == ':' && !has_time && g_ascii_isdigit (p[1]))
            {
              int minute = 0;
              int second = 0;

              hour = value;
              for (p++, minute = 0; g_ascii_isdigit (*p); p++)
                minute = MIN (minute * 10 + (*p - '0'), 1000);
              if (*p == ':' && g_ascii_isdigit (p[1]))
                for (p++; g_ascii_isdigit (*p); p++)
                  second = MIN (second * 10 + (*p - '0'), 1000);
              if (*p == '.' && g_ascii_isdigit (p[1]))
                for (p++; g_ascii_isdigit (*p); p++)
                  ;
              if (hour > 24 || minute > 59 || second > 59 ||
                  (hour == 24 && (minute > 0 || second > 0)))
                return FALSE;
              has_time = TRUE;
              sign = 0;
              continue;
            }

          if (has_time && sign != 0 && !has_zone)
            {
              /* An offset after the time: +0800, +08:00, +8. */
              if (*p == ':' && g_ascii_isdigit (p[1]))
                for (p++; g_ascii_isdigit (*p); p++)
                  ;
              else if (n_digits > 4)
                return FALSE;
              has_zone = TRUE;
              sign = 0;
              continue;
            }

          sign = 0;
          if (n_numbers == G_N_ELEMENTS (numbers))
            return FALSE;
          numbers[n_numbers].value = value;
          numbers[n_numbers].n_digits = n_digits;
          n_numbers++;
          has_number = TRUE;
          continue;
        }

      if (g_ascii_isalpha (*p))
        {
          char word[4] = { 0 };
          guint len = 0;

          for (; g_ascii_isalpha (*p); p++, len++)
            if (len < 3)
              word[len] = g_ascii_tolower (*p);

          sign = 0;
          if (len >= 3 && in_list (word, months, G_N_ELEMENTS (months)))
            {
              if (named_month != 0)
                return FALSE;
              for (guint i = 0; i < G_N_ELEMENTS (months); i++)
                if (strcmp (word, months[i]) == 0)
                  named_month = i + 1;
              continue;
            }
          if (len >= 3 && in_list (word, weekdays, G_N_ELEMENTS (weekdays)))
            continue;
          if (len == 2 && (strcmp (word, "am") == 0 || strcmp (word, "pm") == 0))
            {
              if (!has_time || hour > 12)
                return FALSE;
              continue;
            }
          if (len <= 3 && in_list (word, zones, G_N_ELEMENTS (zones)))
            {
              has_zone = TRUE;
              continue;
            }
          /* An unknown word before the first number is skipped, after it
           * ends the date. */
          if (has_number)
            return FALSE;
          continue;
        }

      /* Any other character. */
      p++;
    }

  return compose_day (numbers, n_numbers, named_month);
}

/**
 * byline_js_date_is_valid:
 * @text: a string, as a post's YAML gives it
 *
 * Returns: whether `new Date(text)` is a valid date in Node
 */
gboolean
byline_js_date_is_valid (const char *text)
{
  g_autofree char *trimmed = NULL;
  gboolean valid = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return FALSE;

  if (parse_iso (trimmed, &valid))
    return valid;

  return parse_legacy (trimmed);
}
