// A small Astro site for Byline's library tests: two collections.
import { defineConfig } from 'astro/config';

export default defineConfig({});
