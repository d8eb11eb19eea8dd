/* byline-frontmatter-private.h: what the parser and the edit planner share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-frontmatter.h"

G_BEGIN_DECLS

typedef struct
{
  BylineNode  pub;
  gsize       header_end;   /* block scalar: end of the indicator line, break excluded */
  gsize       block_end;    /* block scalar: start of the first line after it (trailing blank lines included) */
  guint8      toml_time;    /* a TOML date or time: how JSON prints it (BylineTomlTime) */
  guint8      open;         /* a YAML collection still being read: an alias to it is a loop */
} Node;

/* What a TOML timestamp is: each prints its own way in JSON (as smol-toml's
 * TomlDate does), and a local one has no zone. */
typedef enum
{
  BYLINE_TOML_TIME_NONE,            /* not TOML */
  BYLINE_TOML_TIME_OFFSET_DATETIME, /* 1979-05-27T07:32:00Z, …-07:00 */
  BYLINE_TOML_TIME_LOCAL_DATETIME,  /* 1979-05-27T07:32:00 */
  BYLINE_TOML_TIME_LOCAL_DATE,      /* 1979-05-27 */
  BYLINE_TOML_TIME_LOCAL_TIME,      /* 07:32:00 */
} BylineTomlTime;

/* How a TOML entry is written, which decides what an edit may do with it. */
typedef enum
{
  BYLINE_TOML_FORM_NONE,     /* YAML */
  BYLINE_TOML_FORM_INLINE,   /* key = value, on its own line(s) */
  BYLINE_TOML_FORM_DOTTED,   /* made by dotted keys: a.b = 1 */
  BYLINE_TOML_FORM_TABLE,    /* made by [table] or [[array of tables]] headers */
  BYLINE_TOML_FORM_IN_VALUE, /* inside an inline table or an array */
} BylineTomlForm;

typedef struct
{
  BylineEntry pub;
  gsize       colon_end;    /* just after the `:`; 0 for an explicit (`? key`) entry */
  gsize       indent_start; /* start of the key's line */
  guint8      toml_form;    /* BylineTomlForm */
  gboolean    toml_split;   /* TOML: its lines are not all together (another key's come between) */
} Entry;

struct _BylineFrontmatter
{
  gatomicrefcount  ref_count;
  char            *text;
  gsize            len;
  BylineSplit      split;
  GError          *error;
  gsize            error_offset;
  gboolean         has_error_position;
  Node            *root;
  GHashTable      *root_index;    /* key → Entry, borrowed from root */
  GHashTable      *used_anchors;  /* anchor names some alias refers to */
  char           **key_order;
  gint             utf8_state;    /* 0 unknown, 1 valid, 2 invalid; computed lazily */
  guint            data_line;
  gsize            toml_tables_start; /* TOML: the first [header] line, or data_end */
};

Node     *_byline_node_new              (BylineValueType    type);
void      _byline_node_free             (gpointer           node);
void      _byline_entry_free            (gpointer           entry);
void      _byline_frontmatter_set_error (BylineFrontmatter *self,
                                         int                code,
                                         gsize              offset,
                                         const char        *message);
char     *_byline_toml_time_to_json     (const Node        *node);

/* byline-toml.c */
void      _byline_toml_parse            (BylineFrontmatter *self);
gboolean  _byline_toml_key_is_bare      (const char        *key);
void      _byline_toml_append_string    (GString           *out,
                                         const char        *value);
void      _byline_toml_append_key       (GString           *out,
                                         const char        *key);

typedef enum
{
  SPEC_STRING,
  SPEC_BOOLEAN,
  SPEC_TIMESTAMP,
  SPEC_LIST,
  SPEC_NULL,
  SPEC_RAW,
} SpecKind;

typedef struct
{
  SpecKind            kind;
  const char         *string;
  gboolean            boolean;
  GDateTime          *timestamp;
  const char * const *items;
  const char         *raw;
  /* Set when planning: the compact JSON the key must read as afterwards
   * (NULL for a timestamp, whose precision follows the file's style). */
  char               *expected;
  /* Second attempt after a styled edit failed its check: plain one-line
   * scalars or double quotes only. */
  gboolean            conservative;
} Spec;

/* byline-frontmatter-edit.c */
void      _byline_frontmatter_timestamp_style (BylineFrontmatter *self,
                                               const BylineEntry *entry,
                                               GDateTime         *value,
                                               BylineTimestamp   *style);

/* byline-toml-edit.c */
BylineTextEdit *_byline_toml_plan_once   (BylineFrontmatter  *self,
                                          const char         *key,
                                          const Spec         *spec,
                                          GError            **error);
BylineTextEdit *_byline_toml_plan_nested_once (BylineFrontmatter  *self,
                                               const char * const *path,
                                               const char         *name,
                                               const Spec         *spec,
                                               GError            **error);
char           *_byline_toml_raw_json    (const char         *raw);

gboolean  _byline_node_is_block_scalar (const BylineNode  *node);
gboolean  _byline_node_is_collection   (const BylineNode  *node);
gboolean  _byline_entry_is_merge_key   (const BylineEntry *entry);
/* What printing a value may cost: aliases repeat a value without repeating
 * its text, so ten lines can stand for a value of a billion items (`b: [*a,
 * *a, …]`, `c: [*b, *b, …]`…), or merge the same keys a billion times.
 * js-yaml reads such a value, but no site can print it; here every node
 * written and every key merged counts, and printing stops at this many
 * (far more than any real frontmatter holds). An edit's check that the
 * other values did not change shares one such budget over all of them. */
#define BYLINE_JSON_MAX_STEPS (64 * 1024)

char     *_byline_node_to_compact_json (const BylineNode  *node);
char     *_byline_node_to_compact_json_steps (const BylineNode *node,
                                              gsize            *steps);
gsize     _byline_line_start_of        (const char        *text,
                                        gsize              pos,
                                        gsize              limit);
gsize     _byline_line_end_after       (const char        *text,
                                        gsize              pos,
                                        gsize              limit);
gsize     _byline_line_content_end     (const char        *text,
                                        gsize              pos,
                                        gsize              limit);
gboolean  _byline_blanks_only          (const char        *text,
                                        gsize              from,
                                        gsize              to);

G_END_DECLS
