/**
 * Imported first by main.tsx, before any schema exists. zod compiles object parsers with
 * `new Function` when it may; our Content-Security-Policy forbids eval, and zod's probe for it,
 * though caught, is still reported as a CSP violation. jitless: no probe, same results.
 */
import { z } from 'zod';

z.config({ jitless: true });
