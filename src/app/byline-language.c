/* byline-language.c: how the editor highlights a post
 *
 * A post that opens with a frontmatter block is highlighted with one of our
 * definitions (data/language-specs: byline-markdown for YAML,
 * byline-markdown-toml for TOML), any other with GtkSourceView's own
 * Markdown. A definition sees one line at a time and cannot tell the first
 * line from another, so the block is a once-only context there; and the
 * Markdown after it is not wrapped in a context of its own, which
 * GtkSourceView would analyse again to the end of the text after every edit
 * inside it (on a 1 MB post, most of a keystroke's time).
 *
 * The buffer's language therefore follows the post: it changes when the
 * first line starts or stops a block, and everything is highlighted again
 * after an edit of the opening fence line, after which GtkSourceView would
 * no longer start the once-only block at the top (it would open at the next
 * fence line and show the body as YAML). tests/test-language.c holds the
 * edits that need it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-language.h"

/**
 * byline_language_for_block:
 * @kind: the kind of frontmatter block the post opens with
 *
 * Returns: (transfer none) (nullable): the language that highlights such a
 *   post
 */
GtkSourceLanguage *
byline_language_for_block (BylineBlockKind kind)
{
  static gsize initialized;
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *dir = g_build_filename (byline_data_dir (), "language-specs", NULL);

      gtk_source_language_manager_prepend_search_path (manager, dir);
      g_once_init_leave (&initialized, 1);
    }

  switch (kind)
    {
    case BYLINE_BLOCK_YAML:
      return gtk_source_language_manager_get_language (manager, "byline-markdown");
    case BYLINE_BLOCK_TOML:
      return gtk_source_language_manager_get_language (manager, "byline-markdown-toml");
    case BYLINE_BLOCK_NONE:
    default:
      return gtk_source_language_manager_get_language (manager, "markdown");
    }
}

/**
 * byline_language_follow:
 * @buffer: the buffer holding @text
 * @text: the buffer's text after a change
 * @len: its length in bytes
 * @split: where its frontmatter block lies
 *
 * Gives @buffer the language for @text, and highlights it again when the
 * change touched the opening fence line. Call it after every change, with
 * the text as it is then: @buffer remembers the opening fence line it last
 * saw.
 */
void
byline_language_follow (GtkSourceBuffer   *buffer,
                        const char        *text,
                        gsize              len,
                        const BylineSplit *split)
{
  static GQuark fence_quark;
  GtkSourceLanguage *language = byline_language_for_block (split->kind);
  GBytes *before;

  g_return_if_fail (GTK_SOURCE_IS_BUFFER (buffer));

  if (fence_quark == 0)
    fence_quark = g_quark_from_static_string ("byline-language-opening-fence");
  before = g_object_get_qdata (G_OBJECT (buffer), fence_quark);

  if (gtk_source_buffer_get_language (buffer) != language)
    {
      gtk_source_buffer_set_language (buffer, language);
    }
  else if (before != NULL)
    {
      gsize n;
      const char *fence = g_bytes_get_data (before, &n);

      /* The line break after the fence counts too: a change right after it
       * is, in bytes, also a change right before it. */
      if (len < n || memcmp (fence, text, n) != 0)
        {
          gtk_source_buffer_set_language (buffer, NULL);
          gtk_source_buffer_set_language (buffer, language);
        }
    }

  g_object_set_qdata_full (G_OBJECT (buffer), fence_quark,
                           split->kind != BYLINE_BLOCK_NONE
                             ? g_bytes_new (text, MIN (len, split->open_end + 1))
                             : NULL,
                           (GDestroyNotify) g_bytes_unref);
}
