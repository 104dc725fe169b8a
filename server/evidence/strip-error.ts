/** The file cannot be given a metadata-free copy; the message says why, for a person to read. */
export class CannotStripError extends Error {}
