/* byline-frontmatter.h: a lossless view of a post's YAML (or TOML) frontmatter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-datetime.h"
#include "byline-diagnostic.h"

G_BEGIN_DECLS

#define BYLINE_FRONTMATTER_ERROR (byline_frontmatter_error_quark ())

typedef enum
{
  BYLINE_FRONTMATTER_ERROR_SYNTAX,       /* malformed YAML or TOML */
  BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY,
  BYLINE_FRONTMATTER_ERROR_NOT_MAPPING,  /* the block is a list or a scalar */
  BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,  /* an edit the engine can't do losslessly */
  BYLINE_FRONTMATTER_ERROR_INVALID_UTF8,
  BYLINE_FRONTMATTER_ERROR_NOT_FOUND,    /* no such key */
  BYLINE_FRONTMATTER_ERROR_INVALID_VALUE,
} BylineFrontmatterError;

typedef enum
{
  BYLINE_BLOCK_NONE,   /* no frontmatter: the whole text is body */
  BYLINE_BLOCK_YAML,   /* --- ... --- */
  BYLINE_BLOCK_TOML,   /* +++ ... +++ (Hugo) */
} BylineBlockKind;

/**
 * BylineSplit:
 *
 * Where the frontmatter block and the body lie in a post's text. All offsets
 * are bytes into the text as given (a BOM included).
 *
 * @bom_len: 3 when the text starts with a UTF-8 BOM, else 0
 * @open_start/@open_end: the opening fence line, its line break included
 * @data_start/@data_end: the YAML (or TOML) between the fences
 * @close_start/@close_end: the closing fence line, its line break (if any) included
 * @body_start: first byte of the body (== @bom_len when @kind is NONE)
 * @body_line: 1-based line number of the body's first line
 * @newline: the text's line ending, "\n" or "\r\n" (from the first line break)
 */
typedef struct
{
  BylineBlockKind  kind;
  gsize            bom_len;
  gsize            open_start;
  gsize            open_end;
  gsize            data_start;
  gsize            data_end;
  gsize            close_start;
  gsize            close_end;
  gsize            body_start;
  guint            body_line;
  const char      *newline;
} BylineSplit;

void byline_frontmatter_split (const char  *text,
                               gsize        len,
                               BylineSplit *out);

typedef enum
{
  BYLINE_VALUE_NULL,
  BYLINE_VALUE_BOOLEAN,
  BYLINE_VALUE_INTEGER,
  BYLINE_VALUE_FLOAT,
  BYLINE_VALUE_STRING,
  BYLINE_VALUE_TIMESTAMP,
  BYLINE_VALUE_SEQUENCE,
  BYLINE_VALUE_MAPPING,
} BylineValueType;

typedef enum
{
  BYLINE_STYLE_PLAIN,
  BYLINE_STYLE_SINGLE_QUOTED,
  BYLINE_STYLE_DOUBLE_QUOTED,
  BYLINE_STYLE_LITERAL,   /* | */
  BYLINE_STYLE_FOLDED,    /* > */
  BYLINE_STYLE_BLOCK,     /* block sequence or mapping */
  BYLINE_STYLE_FLOW,      /* [a, b] or {a: b} */
} BylineNodeStyle;

typedef struct _BylineNode  BylineNode;
typedef struct _BylineEntry BylineEntry;

/**
 * BylineNode:
 *
 * One YAML value with its exact place in the file text. Read-only; owned by
 * the #BylineFrontmatter it came from.
 *
 * @type: the type js-yaml 4 (core schema + timestamps) resolves it to; a
 *   quoted scalar is always a string; an alias is resolved to its anchor's value
 * @style: how it is written
 * @start/@end: byte span of the value's text in the file (for a block scalar,
 *   from its `|`/`>` indicator to the end of its last content line)
 * @line/@column: 1-based, file coordinates, column in characters
 * @string: the scalar's decoded value (escapes and folding applied); for
 *   every scalar type, %NULL for collections
 * @boolean/@integer/@number/@timestamp: the value for that @type
 * @items: (element-type BylineNode): a sequence's items
 * @entries: (element-type BylineEntry): a mapping's entries, in order
 * @tag: an explicit tag (`!!str`), or %NULL
 * @anchor: the anchor name, or %NULL
 * @alias_of: for an alias (`*name`), the anchored node it stands for (its
 *   value fields are copied into this node); %NULL otherwise
 */
struct _BylineNode
{
  BylineValueType  type;
  BylineNodeStyle  style;
  gsize            start;
  gsize            end;
  guint            line;
  guint            column;
  char            *string;
  gboolean         boolean;
  gint64           integer;
  double           number;
  BylineTimestamp  timestamp;
  GPtrArray       *items;
  GPtrArray       *entries;
  char            *tag;
  char            *anchor;
  const BylineNode *alias_of;
};

/**
 * BylineEntry:
 *
 * A `key: value` pair of a mapping.
 *
 * @key: the key's decoded text
 * @key_node: the key as written
 * @value: the value (a NULL-typed node with an empty span for `key:`)
 * @start/@end: the whole entry: from the first byte of its line (indentation
 *   included) to after the line break of its last line (continuation lines,
 *   block scalar and nested collection lines included; trailing comment-only
 *   and blank lines that belong to the next entry are not)
 * @comment_start/@comment_end: an inline comment on the value's last line
 *   (` # flip later`, the blanks before `#` included), or both 0
 */
struct _BylineEntry
{
  char       *key;
  BylineNode *key_node;
  BylineNode *value;
  gsize       start;
  gsize       end;
  gsize       comment_start;
  gsize       comment_end;
};

/**
 * BylineTextEdit:
 *
 * Replace @length bytes at @offset of the text the edit was planned on with
 * @text. Every edit the engine plans touches only the entry it is about.
 */
typedef struct
{
  gsize  offset;
  gsize  length;
  char  *text;
} BylineTextEdit;

BylineTextEdit *byline_text_edit_new   (gsize                 offset,
                                        gsize                 length,
                                        const char           *text);
void            byline_text_edit_free  (BylineTextEdit       *self);
char           *byline_text_edit_apply (const BylineTextEdit *self,
                                        const char           *text,
                                        gsize                 len,
                                        gsize                *out_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineTextEdit, byline_text_edit_free)

/**
 * BylineFrontmatter:
 *
 * The parsed frontmatter of one version of a post's text. It keeps a copy of
 * the text it was parsed from; plan edits against it, apply them, and parse
 * the new text again (parsing a frontmatter block takes microseconds).
 * Immutable, reference counted, safe to share between threads.
 */
typedef struct _BylineFrontmatter BylineFrontmatter;

/*
 * Parsing: byline_frontmatter_parse() always returns an object. Without a
 * block the root is an empty mapping and there is no error. Malformed TOML,
 * malformed YAML, duplicate keys (at any depth), a root that is not a
 * mapping, an unknown alias, a value its explicit tag rejects, more than one
 * document, or invalid UTF-8 inside the block set the error (with a
 * position in file coordinates: get_error_position) and leave the root
 * %NULL; to_json then returns %NULL. Invalid UTF-8 in the body is not an
 * error (see is_valid_utf8, computed on first call).
 *
 * JSON: to_json/node_to_json print JSON.stringify (js-yaml.load (block),
 * null, 2): timestamps as toISOString() (UTC, milliseconds), .inf/.nan as
 * null, `<<` merge keys merged, aliases expanded, key order kept.
 *
 * Edits: plan_* return one edit against the current text, or %NULL and a
 * GError (the parse error's code when the block is broken or TOML;
 * UNSUPPORTED when it can't be done losslessly: a flow-mapping root, an
 * explicit `? key`, a value whose anchor an alias uses; INVALID_VALUE for
 * non-UTF-8 text or raw YAML that is not one value). Every edit is applied
 * to a copy and re-parsed before it is returned: the body and every other
 * key must read exactly as before, and the key as requested (a timestamp:
 * as a timestamp, the same instant cut to the style's fraction digits). An edit that
 * fails that check is retried in a plain style (one line, double quotes);
 * if that fails too, the plan fails. Edits are shrunk to the bytes that
 * change, on character boundaries, never splitting \r\n.
 *
 * Style rules: a plain string stays plain when it reads back as the same
 * string (js-yaml and YAML 1.1: `yes`, `1.2.3` are quoted), else double
 * quotes (single when the text holds `"`); single-quoted stays single,
 * double stays double; a wrapped plain scalar and folded text are wrapped
 * again at the author's widest line. A timestamp keeps the key's style
 * (else that of the file's first timestamp); a date-only style is used only
 * for a date (midnight UTC, which is how js-yaml reads one): a time is
 * written in the style of a timestamp of the file that has one, else as
 * `2000-01-01T00:00:00Z`, never dropped. A block scalar keeps its header and
 * indentation; its chomping indicator changes only when the new value's
 * trailing line breaks need another one (the value is set exactly). Lists
 * keep block/flow style, item prefix and the bytes of kept items (the
 * longest common subsequence of old and new items). A new key goes after
 * the nearest key before it in the key order (set_key_order), else before
 * the nearest one after it, else at the end of the block, with the block's
 * indentation and the file's line ending; a file without frontmatter gets
 * `---` block at the top (after a BOM). plan_set_raw writes @yaml on the
 * key line, or, when it spans lines, each line indented two spaces under
 * the key (a block scalar header stays on the key line). plan_unset of an
 * absent key returns an edit that changes nothing (0, 0, "").
 *
 * TOML (`+++`, TOML 1.0): the same tree, strings always %BYLINE_STYLE_DOUBLE_QUOTED
 * (basic) or %BYLINE_STYLE_SINGLE_QUOTED (literal), arrays and inline tables
 * FLOW, [tables] BLOCK; a date or time is a TIMESTAMP (a local time on
 * 0000-01-01), and JSON prints dates as smol-toml's TomlDate does (local
 * ones without a zone, an offset as written). A top-level entry made by
 * [table] headers spans them; one whose lines are not together can be
 * neither set nor removed, and a table or dotted keys can only be removed.
 * Edits write basic strings (a literal one stays literal when it can),
 * `true`/`false`, dates unquoted in the key's style, arrays on one line;
 * null removes the key; raw values are TOML; a new key goes among the
 * top-level keys, in the key order, never after the first [table] header.
 */

GQuark              byline_frontmatter_error_quark     (void);

BylineFrontmatter  *byline_frontmatter_parse           (const char          *text,
                                                        gsize                len);
BylineFrontmatter  *byline_frontmatter_parse_take      (char                *text,
                                                        gsize                len);
BylineFrontmatter  *byline_frontmatter_ref             (BylineFrontmatter   *self);
void                byline_frontmatter_unref           (BylineFrontmatter   *self);

const char         *byline_frontmatter_get_text        (BylineFrontmatter   *self,
                                                        gsize               *len);
const BylineSplit  *byline_frontmatter_get_split       (BylineFrontmatter   *self);
gboolean            byline_frontmatter_head_is_enough  (BylineFrontmatter   *self);
const GError       *byline_frontmatter_get_error       (BylineFrontmatter   *self);
gboolean            byline_frontmatter_get_error_position (BylineFrontmatter *self,
                                                        guint               *line,
                                                        guint               *column,
                                                        gsize               *offset);
gboolean            byline_frontmatter_is_valid_utf8   (BylineFrontmatter   *self);
const BylineNode   *byline_frontmatter_get_root        (BylineFrontmatter   *self);
const BylineEntry  *byline_frontmatter_lookup          (BylineFrontmatter   *self,
                                                        const char          *key);
guint               byline_frontmatter_get_n_entries   (BylineFrontmatter   *self);
const BylineEntry  *byline_frontmatter_get_entry       (BylineFrontmatter   *self,
                                                        guint                index);
guint               byline_frontmatter_offset_to_line  (BylineFrontmatter   *self,
                                                        gsize                offset,
                                                        guint               *column);
char               *byline_frontmatter_to_json         (BylineFrontmatter   *self,
                                                        const char          *key);
char               *byline_node_to_json                (const BylineNode    *node);

void                byline_frontmatter_set_key_order   (BylineFrontmatter   *self,
                                                        const char * const  *keys);
gboolean            byline_frontmatter_writes_date     (BylineFrontmatter   *self,
                                                        const char          *key);

BylineTextEdit     *byline_frontmatter_plan_set_string    (BylineFrontmatter   *self,
                                                           const char          *key,
                                                           const char          *value,
                                                           GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_boolean   (BylineFrontmatter   *self,
                                                           const char          *key,
                                                           gboolean             value,
                                                           GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_timestamp (BylineFrontmatter   *self,
                                                           const char          *key,
                                                           GDateTime           *value,
                                                           GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_list      (BylineFrontmatter   *self,
                                                           const char          *key,
                                                           const char * const  *items,
                                                           GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_null      (BylineFrontmatter   *self,
                                                           const char          *key,
                                                           GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_raw       (BylineFrontmatter   *self,
                                                           const char          *key,
                                                           const char          *yaml,
                                                           GError             **error);
BylineTextEdit     *byline_frontmatter_plan_unset         (BylineFrontmatter   *self,
                                                           const char          *key,
                                                           GError             **error);

/* Nested keys: each plan_* above has a _path twin taking the keys from the
 * top down (`author`, `name` for `author.name`), at most
 * BYLINE_FRONTMATTER_MAX_DEPTH deep, with the same guarantees: the edit
 * touches that one key; every other value, at every depth, reads as before.
 * YAML block and flow mappings are edited in place (a new key goes at the
 * end of a block mapping; missing or null mappings on the way are written
 * out as block lines); TOML keys under a [table] header, in dotted keys or
 * in an inline table are rewritten in place, and a new one goes at the end
 * of its [table]. */
#define BYLINE_FRONTMATTER_MAX_DEPTH 8

const BylineEntry  *byline_frontmatter_lookup_path        (BylineFrontmatter   *self,
                                                           const char * const  *path);
BylineTextEdit     *byline_frontmatter_plan_set_string_path    (BylineFrontmatter   *self,
                                                                const char * const  *path,
                                                                const char          *value,
                                                                GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_boolean_path   (BylineFrontmatter   *self,
                                                                const char * const  *path,
                                                                gboolean             value,
                                                                GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_timestamp_path (BylineFrontmatter   *self,
                                                                const char * const  *path,
                                                                GDateTime           *value,
                                                                GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_list_path      (BylineFrontmatter   *self,
                                                                const char * const  *path,
                                                                const char * const  *items,
                                                                GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_null_path      (BylineFrontmatter   *self,
                                                                const char * const  *path,
                                                                GError             **error);
BylineTextEdit     *byline_frontmatter_plan_set_raw_path       (BylineFrontmatter   *self,
                                                                const char * const  *path,
                                                                const char          *yaml,
                                                                GError             **error);
BylineTextEdit     *byline_frontmatter_plan_unset_path         (BylineFrontmatter   *self,
                                                                const char * const  *path,
                                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineFrontmatter, byline_frontmatter_unref)

G_END_DECLS
