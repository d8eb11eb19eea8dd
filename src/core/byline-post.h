/* byline-post.h: one state of a post's text, and everything derived from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-diagnostic.h"
#include "byline-frontmatter.h"
#include "byline-schema.h"

G_BEGIN_DECLS

/**
 * BylinePost:
 *
 * An immutable snapshot of one state of a post: its text, where the
 * frontmatter and the body lie, the frontmatter's parse (with the schema's
 * key order, so an edit planned on it puts a new key where the schema says),
 * the schema in force, its diagnostics, and the values a header shows.
 *
 * The parse covers the frontmatter block only (the text up to the body), so
 * a post whose block did not change since the previous one shares that
 * parse, its diagnostics and its values: typing in the body costs a copy of
 * the text and a comparison, nothing more.
 *
 * Reference counted; safe to share between threads.
 */
typedef struct _BylinePost BylinePost;

#define BYLINE_TYPE_POST (byline_post_get_type ())

GType               byline_post_get_type            (void) G_GNUC_CONST;

BylinePost         *byline_post_new                 (GBytes            *text,
                                                     gboolean           partial,
                                                     BylineSchema      *schema,
                                                     BylinePost        *previous,
                                                     guint64            serial,
                                                     GDateTime         *now);
BylinePost         *byline_post_ref                 (BylinePost        *self);
void                byline_post_unref               (BylinePost        *self);

guint64             byline_post_get_serial          (BylinePost        *self);
GBytes             *byline_post_get_text            (BylinePost        *self);
const char         *byline_post_peek_text           (BylinePost        *self,
                                                     gsize             *len);
gboolean            byline_post_is_partial          (BylinePost        *self);
const BylineSplit  *byline_post_get_split           (BylinePost        *self);
gsize               byline_post_get_body_offset     (BylinePost        *self);
guint               byline_post_get_body_line       (BylinePost        *self);
BylineFrontmatter  *byline_post_get_frontmatter     (BylinePost        *self);
BylineSchema       *byline_post_get_schema          (BylinePost        *self);
gboolean            byline_post_get_editable        (BylinePost        *self);
gboolean            byline_post_get_damaged_fence   (BylinePost        *self);
GPtrArray          *byline_post_get_diagnostics     (BylinePost        *self);
gboolean            byline_post_same_frontmatter    (BylinePost        *self,
                                                     BylinePost        *other);

const char         *byline_post_get_title           (BylinePost        *self);
const char         *byline_post_get_description     (BylinePost        *self);
gboolean            byline_post_get_draft           (BylinePost        *self);
gboolean            byline_post_get_featured        (BylinePost        *self);
GDateTime          *byline_post_get_published       (BylinePost        *self);
GDateTime          *byline_post_get_modified        (BylinePost        *self);
const char         *byline_post_get_timezone        (BylinePost        *self);
const char * const *byline_post_get_tags            (BylinePost        *self);
GDateTime          *byline_post_dup_date            (BylinePost        *self,
                                                     const char        *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePost, byline_post_unref)

G_END_DECLS
