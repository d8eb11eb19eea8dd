/* byline-block-diff.h: what changed between two renders of a post's body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BYLINE_BLOCK_OP_REPLACE,
  BYLINE_BLOCK_OP_INSERT,
  BYLINE_BLOCK_OP_REMOVE,
} BylineBlockOpKind;

/**
 * BylineBlockOp:
 * @kind: what to do
 * @index: where, in the list being edited, at the moment this op is applied
 *   (ops are applied in order, each to the result of the previous one)
 * @old_index: the block of the old list this op removes or replaces
 *   (REMOVE, REPLACE), else G_MAXUINT
 * @new_index: the block of the new list this op inserts or puts in place
 *   (INSERT, REPLACE), else G_MAXUINT
 *
 * Applying the ops in order to the old list yields the new list: for an
 * INSERT or REPLACE, @index equals @new_index.
 */
typedef struct
{
  BylineBlockOpKind kind;
  guint             index;
  guint             old_index;
  guint             new_index;
} BylineBlockOp;

/**
 * BylineBlockKept:
 *
 * A block present in both lists (same hash) that the ops leave in place.
 */
typedef struct
{
  guint old_index;
  guint new_index;
} BylineBlockKept;

GArray *byline_block_diff (const guint64 *old_hashes,
                           guint          n_old,
                           const guint64 *new_hashes,
                           guint          n_new,
                           GArray       **kept);

G_END_DECLS
