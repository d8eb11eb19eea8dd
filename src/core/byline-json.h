/* byline-json.h: JSON read and written as JavaScript does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean byline_json_parser_load (JsonParser  *parser,
                                  const char  *json,
                                  gssize       len,
                                  GError     **error);
char    *byline_json_to_string    (JsonNode    *root,
                                  gboolean     pretty,
                                  gsize       *length);

G_END_DECLS
