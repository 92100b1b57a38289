/** Every BullMQ queue of the server. Adding one without settings in QUEUE_SETTINGS is a compile error. */
export enum QueueName {
  /** Seed 002: one job per uploaded contacts CSV. */
  ContactsImport = 'contacts-import',
  /** Seed 000: one job per lead upload: read its file, split it into batches, queue them. */
  LeadFiles = 'lead-files',
  /** Seed 000: one job per batch of leads to enrich. */
  LeadBatches = 'lead-batches',
  /** Seed 003: one job per `/generate` or `/refine` request. */
  ReportSections = 'report-sections',
}
