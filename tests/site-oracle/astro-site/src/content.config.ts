// Two collections with a schema that is not AstroPaper's: every kind of field
// Byline's form knows, as Astro writes it to .astro/collections/*.schema.json.
import { defineCollection, reference, z } from 'astro:content';
import { glob } from 'astro/loaders';

export const NOTES_PATH = 'src/data/notes';

const people = defineCollection({
  loader: glob({ pattern: '**/*.{md,markdown}', base: './src/content/authors' }),
  schema: z.object({
    name: z.string().max(40),
    role: z.enum(['editor', 'writer', 'guest']).default('writer'),
    email: z.string().email().optional(),
  }),
});

const notes = defineCollection({
  loader: glob({ pattern: ['**/*.md', '!**/_*.md'], base: `./${NOTES_PATH}` }),
  schema: ({ image }) =>
    z.object({
      headline: z.string().max(80),
      summary: z.string().optional().describe('One line for lists'),
      published: z.coerce.date(),
      updated: z.date().optional().nullable(),
      status: z.enum(['draft', 'review', 'live']).default('draft'),
      rating: z.number().min(0).max(5).optional(),
      readingMinutes: z.number().int().positive().optional(),
      pinned: z.boolean().default(false),
      topics: z.array(z.enum(['c', 'gtk', 'astro', 'yaml'])).default([]),
      keywords: z.array(z.string()).max(3).optional(),
      cover: image().optional(),
      author: reference('authors'),
      related: z.array(reference('notes')).optional(),
      seo: z
        .object({
          title: z.string().max(60).optional(),
          noindex: z.boolean().default(false),
        })
        .optional(),
      link: z.string().url().optional(),
      byline: z.union([z.string(), z.array(z.string())]).optional(),
      score: z.number().or(z.literal('n/a')).optional(),
      stamp: z.string().datetime().optional(),
      code: z.string().regex(/^[A-Z]{3}-\d+$/).optional(),
    }),
});

export const collections = { notes, authors: people };
