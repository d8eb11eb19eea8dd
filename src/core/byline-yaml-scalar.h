/* byline-yaml-scalar.h: how js-yaml reads a plain scalar, and how to write one back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-frontmatter.h"

G_BEGIN_DECLS

/* Resolves a plain (unquoted, untagged) scalar the way js-yaml 4's
 * DEFAULT_SCHEMA does and fills the matching fields of @node (type,
 * boolean, integer, number, timestamp). @node->string is not touched. */
void      _byline_yaml_resolve_plain      (const char       *text,
                                           gsize             len,
                                           BylineNode       *node);
/* Resolves @text as a scalar with an explicit core tag (`!!int` ...).
 * Returns FALSE when the text is not a valid value of that tag, or the tag
 * is not one the engine knows. */
gboolean  _byline_yaml_resolve_tagged     (const char       *tag,
                                           const char       *text,
                                           gsize             len,
                                           BylineNode       *node);

/* Whether @text can be written as a plain scalar value and still read back
 * as exactly this string (by js-yaml, and by YAML 1.1 tools: `yes` is quoted
 * too). @flow: inside a flow collection, where `,[]{}` end a plain scalar. */
gboolean  _byline_yaml_plain_is_safe      (const char       *text,
                                           gboolean          flow);
/* Whether @text can be written in single quotes on one line. */
gboolean  _byline_yaml_single_is_possible (const char       *text);
void      _byline_yaml_append_single      (GString          *out,
                                           const char       *text);
void      _byline_yaml_append_double      (GString          *out,
                                           const char       *text);

/* JSON the way JavaScript's JSON.stringify writes it. */
void      _byline_json_append_string      (GString          *out,
                                           const char       *text,
                                           gsize             len);
void      _byline_json_append_number      (GString          *out,
                                           double            value);

G_END_DECLS
