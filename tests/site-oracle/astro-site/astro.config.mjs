// The smallest Astro site: only its content collections matter here.
import { defineConfig } from 'astro/config';

export default defineConfig({});
