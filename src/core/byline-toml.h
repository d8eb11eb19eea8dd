/* byline-toml.h: the simple values of a TOML frontmatter block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *byline_toml_to_yaml (const char *toml,
                           gsize       len);

G_END_DECLS
