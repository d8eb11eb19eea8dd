import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

// AstroPaper's blog collection.
const blog = defineCollection({
  loader: glob({ pattern: '**/[^_]*.md', base: './src/data/blog' }),
  schema: z.object({
    author: z.string().default('Byline'),
    pubDatetime: z.date(),
    modDatetime: z.date().optional().nullable(),
    title: z.string(),
    featured: z.boolean().optional(),
    draft: z.boolean().optional(),
    tags: z.array(z.string()).default(['others']),
    description: z.string(),
  }),
});

const notes = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './src/data/notes' }),
  schema: z.object({
    headline: z.string().max(80),
    published: z.coerce.date(),
    status: z.enum(['draft', 'live']).default('draft'),
    tags: z.array(z.string()).default([]),
  }),
});

export const collections = { blog, notes };
