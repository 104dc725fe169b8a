import { z } from 'zod';
import { id, optionalText, pagingQuery, queryBoolean, queryId, repeated } from './common.js';

/**
 * A file name as the uploader's device had it, kept for the record but never used as a path.
 * Names that look like paths or carry control characters are refused, not silently repaired.
 */
export const fileName = z
  .string()
  .min(1, 'give the file name')
  .max(255, 'must be at most 255 characters')
  .refine((name) => !/[\p{Cc}]/u.test(name), 'must not contain control characters or NUL')
  .refine((name) => !/[/\\]/.test(name), 'must be a plain file name, without / or \\')
  .refine((name) => !/^\.+$/.test(name.trim()), 'must be a file name, not . or ..');

/** The fields sent with an upload, as multipart fields or as query parameters beside a raw body. */
export const evidenceUploadFields = z.strictObject({
  description: optionalText(5_000).default(''),
  incident: repeated(queryId).default([]),
  protected: queryBoolean.default(true),
});

export const evidenceUpdate = z
  .strictObject({
    description: optionalText(5_000),
    protected: z.boolean(),
    /** A person's correction of the capture metadata; the metadata itself is never edited. */
    correction: optionalText(5_000),
    /** Incidents to link the item to (links are only ever added: each one is a custody event). */
    linkIncidents: z.array(id).max(100),
  })
  .partial();

export const evidenceListQuery = z.strictObject({ incident: queryId.optional(), ...pagingQuery });

/** Why the file is being fetched, for the chain of custody. */
export const downloadQuery = z.strictObject({ reason: optionalText(500).optional() });

export type EvidenceUploadFields = z.output<typeof evidenceUploadFields>;
export type EvidenceUpdate = z.output<typeof evidenceUpdate>;
