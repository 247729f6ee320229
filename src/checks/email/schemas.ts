// Pure zod schemas shared by the email probes and rules (rules must not import probe modules' I/O).
import { z } from 'zod';

/** A DKIM selector: dot-separated labels (RFC 6376 §3.1). */
export const Selector = z
  .string()
  .regex(/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/i, 'expected a DKIM selector such as "s1" or "google"');
