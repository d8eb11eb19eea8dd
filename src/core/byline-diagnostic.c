/* byline-diagnostic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-diagnostic.h"

BylineDiagnostic *
byline_diagnostic_new (BylineSeverity  severity,
                       const char     *key,
                       const char     *message,
                       guint           line,
                       guint           column,
                       gsize           offset,
                       gsize           length)
{
  BylineDiagnostic *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (BylineDiagnostic, 1);
  self->severity = severity;
  self->key = g_strdup (key);
  self->message = g_strdup (message);
  self->line = line;
  self->column = column;
  self->offset = offset;
  self->length = length;

  return self;
}

void
byline_diagnostic_free (BylineDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->key);
  g_free (self->message);
  g_free (self);
}

const char *
byline_severity_to_string (BylineSeverity severity)
{
  switch (severity)
    {
    case BYLINE_SEVERITY_ERROR:
      return "error";
    case BYLINE_SEVERITY_WARNING:
    default:
      return "warning";
    }
}

/**
 * byline_diagnostic_format:
 * @self: a diagnostic
 * @file_name: (nullable): the file's name as the user gave it
 *
 * Formats @self the way compilers do, so editors and CI logs can jump to it:
 * `FILE:LINE:COL: error: message`.
 *
 * Returns: (transfer full): the line, without a newline
 */
char *
byline_diagnostic_format (const BylineDiagnostic *self,
                          const char             *file_name)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup_printf ("%s:%u:%u: %s: %s",
                          file_name != NULL ? file_name : "<stdin>",
                          MAX (self->line, 1), MAX (self->column, 1),
                          byline_severity_to_string (self->severity),
                          self->message);
}
