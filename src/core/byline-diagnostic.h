/* byline-diagnostic.h: a message about a place in a post
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BYLINE_SEVERITY_WARNING,
  BYLINE_SEVERITY_ERROR,
} BylineSeverity;

/**
 * BylineDiagnostic:
 * @severity: an error is anything that would make the site's build fail
 * @key: (nullable): the frontmatter key it is about, or %NULL
 * @message: a translated, human-readable sentence
 * @line: 1-based line in file coordinates (0 when unknown)
 * @column: 1-based column in characters (0 when unknown)
 * @offset: byte offset in the file text of the place (for underlines)
 * @length: byte length of the place (0 when it is a point)
 */
typedef struct
{
  BylineSeverity  severity;
  char           *key;
  char           *message;
  guint           line;
  guint           column;
  gsize           offset;
  gsize           length;
} BylineDiagnostic;

BylineDiagnostic *byline_diagnostic_new            (BylineSeverity          severity,
                                                    const char             *key,
                                                    const char             *message,
                                                    guint                   line,
                                                    guint                   column,
                                                    gsize                   offset,
                                                    gsize                   length);
void              byline_diagnostic_free           (BylineDiagnostic       *self);
const char       *byline_severity_to_string        (BylineSeverity          severity);
char             *byline_diagnostic_format         (const BylineDiagnostic *self,
                                                    const char             *file_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineDiagnostic, byline_diagnostic_free)

G_END_DECLS
