/* byline-analyzer.c: a post's word counts and outline, kept current on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every post the document announces is read again on a worker, never on
 * the main thread: the main thread only hands the post over and takes the
 * result. The worker reads only the blocks around what changed since the
 * last read (BylineAnalyzeCache), so a keystroke in a 1 MB post costs a
 * paragraph's parse, not the whole body's (which takes 30 ms and more, and
 * waits for cmark-gfm's parse lock while a preview renders). Posts that
 * arrive while one is read are folded into the next read, so a burst of
 * typing costs one read after the one under way.
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "byline-analyzer.h"
#include "byline-markdown.h"

typedef enum
{
  LANE_BODY,
  LANE_SELECTION,
  N_LANES
} LaneKind;

/* One input read on the worker: a post's body, or the selected text. */
typedef struct
{
  BylinePost *post;       /* keeps the body's bytes alive */
  char       *text;       /* or a copy of the selection */
  gboolean    cleared;    /* a selection that went away */
} Input;

typedef struct
{
  Input     pending;
  gboolean  has_pending;
  gboolean  in_flight;
} Lane;

struct _BylineAnalyzer
{
  GObject            parent_instance;

  GCancellable      *cancellable;
  BylineAnalysis    *analysis;
  BylineAnalysis    *selection;
  Lane               lanes[N_LANES];
  BylineAnalyzeCache *cache;     /* the body's last read; with the job while one runs */
  BylineReadingRule  reading_rule;
  guint64            serial;     /* of the post @analysis was read from */
  gboolean           too_large;  /* the latest post is not read */
};

G_DEFINE_FINAL_TYPE (BylineAnalyzer, byline_analyzer, G_TYPE_OBJECT)

/* Above this, a post is not read (the preview pauses there too): a read
 * holds cmark-gfm's parse lock, which the previews share, for seconds. */
#define SIZE_LIMIT (5 * 1024 * 1024)

enum {
  PROP_0,
  PROP_ANALYSIS,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
input_clear (Input *input)
{
  g_clear_pointer (&input->post, byline_post_unref);
  g_clear_pointer (&input->text, g_free);
  input->cleared = FALSE;
}

typedef struct
{
  GWeakRef  analyzer;
  LaneKind  lane;
  Input     input;
  BylineAnalyzeCache *cache;  /* the body lane's, lent to the worker */
} Job;

static void
job_free (Job *job)
{
  g_weak_ref_clear (&job->analyzer);
  input_clear (&job->input);
  g_clear_pointer (&job->cache, byline_analyze_cache_free);
  g_free (job);
}

static void
byline_analyzer_job_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  Job *job = task_data;
  BylineAnalysis *analysis;
  gint64 start = g_get_monotonic_time ();

  if (job->input.post != NULL)
    {
      gsize len = 0;
      const char *text = byline_post_peek_text (job->input.post, &len);
      gsize offset = MIN (byline_post_get_body_offset (job->input.post), len);

      analysis = byline_analyze_cache_update (job->cache, text + offset, len - offset,
                                              byline_post_get_body_line (job->input.post));
      g_debug ("Analyzer: read the body (%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes) on a worker in %.2f ms",
               byline_analyze_cache_get_reparsed (job->cache), len - offset,
               (g_get_monotonic_time () - start) / 1000.);
    }
  else
    {
      analysis = byline_markdown_analyze (job->input.text, (gsize) -1, 1);
      g_debug ("Analyzer: read the selection on a worker in %.2f ms",
               (g_get_monotonic_time () - start) / 1000.);
    }
  g_task_return_pointer (task, analysis, (GDestroyNotify) byline_analysis_unref);
}

static void byline_analyzer_start (BylineAnalyzer *self,
                                   LaneKind        kind);

static void
byline_analyzer_job_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(BylineAnalyzer) self = g_weak_ref_get (&job->analyzer);
  g_autoptr(BylineAnalysis) analysis = g_task_propagate_pointer (G_TASK (result), NULL);
  Lane *lane;
  gint64 start = g_get_monotonic_time ();

  if (self == NULL || analysis == NULL)
    return;

  lane = &self->lanes[job->lane];
  lane->in_flight = FALSE;
  if (job->cache != NULL)
    {
      g_clear_pointer (&self->cache, byline_analyze_cache_free);
      self->cache = g_steal_pointer (&job->cache);
    }

  if (job->lane == LANE_BODY && self->too_large)
    {
      /* read before a post too large to read came: stale */
    }
  else if (job->lane == LANE_BODY)
    {
      self->serial = byline_post_get_serial (job->input.post);
      self->reading_rule = byline_reading_rule_for_schema (byline_post_get_schema (job->input.post));
      g_clear_pointer (&self->analysis, byline_analysis_unref);
      self->analysis = g_steal_pointer (&analysis);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
    }
  else if (!lane->has_pending || !lane->pending.cleared)
    {
      /* (a selection cleared meanwhile is not shown again) */
      g_clear_pointer (&self->selection, byline_analysis_unref);
      self->selection = g_steal_pointer (&analysis);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
    }

  byline_analyzer_start (self, job->lane);
  /* what the main thread pays: the views' updates included */
  g_debug ("Analyzer: %s shown in %.3f ms on the main thread",
           job->lane == LANE_BODY ? "the body's figures and outline" : "the selection's figures",
           (g_get_monotonic_time () - start) / 1000.);
}

static void
byline_analyzer_start (BylineAnalyzer *self,
                       LaneKind        kind)
{
  Lane *lane = &self->lanes[kind];
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (lane->in_flight || !lane->has_pending)
    return;

  lane->has_pending = FALSE;
  if (lane->pending.cleared)
    {
      input_clear (&lane->pending);
      if (self->selection != NULL)
        {
          g_clear_pointer (&self->selection, byline_analysis_unref);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
        }
      return;
    }

  job = g_new0 (Job, 1);
  g_weak_ref_init (&job->analyzer, self);
  job->lane = kind;
  job->input = lane->pending;
  memset (&lane->pending, 0, sizeof lane->pending);
  if (kind == LANE_BODY)
    {
      job->cache = g_steal_pointer (&self->cache);
      if (job->cache == NULL)
        job->cache = byline_analyze_cache_new ();
    }
  lane->in_flight = TRUE;

  /* The worker holds the analyzer weakly: the task's last reference may go
   * on the worker (see byline-preview.c). */
  task = g_task_new (NULL, self->cancellable, byline_analyzer_job_cb, NULL);
  g_task_set_source_tag (task, byline_analyzer_start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, byline_analyzer_job_thread);
}

static void
byline_analyzer_dispose (GObject *object)
{
  BylineAnalyzer *self = BYLINE_ANALYZER (object);

  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; i < N_LANES; i++)
    input_clear (&self->lanes[i].pending);

  G_OBJECT_CLASS (byline_analyzer_parent_class)->dispose (object);
}

static void
byline_analyzer_finalize (GObject *object)
{
  BylineAnalyzer *self = BYLINE_ANALYZER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cache, byline_analyze_cache_free);
  g_clear_pointer (&self->analysis, byline_analysis_unref);
  g_clear_pointer (&self->selection, byline_analysis_unref);

  G_OBJECT_CLASS (byline_analyzer_parent_class)->finalize (object);
}

static void
byline_analyzer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BylineAnalyzer *self = BYLINE_ANALYZER (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      g_value_set_boxed (value, self->analysis);
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_analyzer_class_init (BylineAnalyzerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_analyzer_dispose;
  object_class->finalize = byline_analyzer_finalize;
  object_class->get_property = byline_analyzer_get_property;

  /**
   * BylineAnalyzer:analysis:
   *
   * The word counts and headings of the latest post read (%NULL before
   * the first).
   */
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL,
                        BYLINE_TYPE_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylineAnalyzer:selection:
   *
   * The word counts of the selected text, or %NULL when nothing is
   * selected.
   */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL,
                        BYLINE_TYPE_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_analyzer_init (BylineAnalyzer *self)
{
  self->cancellable = g_cancellable_new ();
}

BylineAnalyzer *
byline_analyzer_new (void)
{
  return g_object_new (BYLINE_TYPE_ANALYZER, NULL);
}

/**
 * byline_analyzer_set_post:
 * @post: the post now shown
 *
 * Reads @post's body on a worker; #BylineAnalyzer:analysis changes when it
 * is read (or a later post is).
 */
void
byline_analyzer_set_post (BylineAnalyzer *self,
                          BylinePost     *post)
{
  Lane *lane;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (BYLINE_IS_ANALYZER (self));
  g_return_if_fail (post != NULL);

  lane = &self->lanes[LANE_BODY];
  input_clear (&lane->pending);
  if (byline_post_is_partial (post) || g_bytes_get_size (byline_post_get_text (post)) > SIZE_LIMIT)
    {
      /* nothing to show rather than figures of another text */
      lane->has_pending = FALSE;
      if (self->analysis != NULL || !self->too_large)
        {
          self->too_large = TRUE;
          g_clear_pointer (&self->analysis, byline_analysis_unref);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
        }
      return;
    }
  self->too_large = FALSE;
  lane->pending.post = byline_post_ref (post);
  lane->has_pending = TRUE;
  byline_analyzer_start (self, LANE_BODY);
  g_debug ("Analyzer: post handed over in %.3f ms", (g_get_monotonic_time () - start) / 1000.);
}

/**
 * byline_analyzer_set_selection:
 * @text: (nullable): the selected text, or %NULL when nothing is selected
 *
 * Counts the words of @text on a worker, as #BylineAnalyzer:selection.
 */
void
byline_analyzer_set_selection (BylineAnalyzer *self,
                               const char     *text)
{
  Lane *lane;

  g_return_if_fail (BYLINE_IS_ANALYZER (self));

  lane = &self->lanes[LANE_SELECTION];
  input_clear (&lane->pending);
  if (text == NULL || *text == '\0')
    lane->pending.cleared = TRUE;
  else
    lane->pending.text = g_strdup (text);
  lane->has_pending = TRUE;
  byline_analyzer_start (self, LANE_SELECTION);
}

/**
 * byline_analyzer_get_analysis:
 *
 * Returns: (transfer none) (nullable): the latest post's figures
 */
BylineAnalysis *
byline_analyzer_get_analysis (BylineAnalyzer *self)
{
  g_return_val_if_fail (BYLINE_IS_ANALYZER (self), NULL);
  return self->analysis;
}

/**
 * byline_analyzer_get_selection:
 *
 * Returns: (transfer none) (nullable): the selection's figures
 */
BylineAnalysis *
byline_analyzer_get_selection (BylineAnalyzer *self)
{
  g_return_val_if_fail (BYLINE_IS_ANALYZER (self), NULL);
  return self->selection;
}

/**
 * byline_analyzer_get_reading_rule:
 *
 * Returns: how the post's site computes reading time
 */
BylineReadingRule
byline_analyzer_get_reading_rule (BylineAnalyzer *self)
{
  g_return_val_if_fail (BYLINE_IS_ANALYZER (self), BYLINE_READING_RULE_DEFAULT);
  return self->reading_rule;
}

/**
 * byline_analyzer_get_serial:
 *
 * Returns: the serial of the post #BylineAnalyzer:analysis was read from
 */
guint64
byline_analyzer_get_serial (BylineAnalyzer *self)
{
  g_return_val_if_fail (BYLINE_IS_ANALYZER (self), 0);
  return self->serial;
}

/**
 * byline_analyzer_get_too_large:
 *
 * Returns: whether the latest post is too large to be read (over 5 MiB, or
 *   only the head of a longer text): #BylineAnalyzer:analysis is %NULL
 */
gboolean
byline_analyzer_get_too_large (BylineAnalyzer *self)
{
  g_return_val_if_fail (BYLINE_IS_ANALYZER (self), FALSE);
  return self->too_large;
}
