/**
 * The set-based SQL of seed 002's contacts ingestion: one import run, executed in order inside the
 * run's transaction, and the removal of a job's rows. It is the one place that bulk-writes staging
 * rows, issues and contacts; everything else goes through those modules' services.
 *
 * A run first COPYs the file's rows into `staging_rows` (StagingCopyTransform: rows failing the
 * per-row checks as ISSUE, the others IMPORTED). Parameters: $1 the job's id, $2 the highest
 * staging id the job had before the run, so `id > $2` is this run's rows; $3 and $4 the address
 * pattern and maximum length of row-checks.ts. Re-runs are idempotent:
 * a row identical to one the job has is dropped, issues are keyed by `issue_key` within the job,
 * contacts by (user, email). Runs of one user are serialised (an advisory lock), so the checks
 * against existing contacts see everything that could conflict.
 */

/** Sorts and hashes of a million rows stay in memory; commits need not wait for the WAL flush. */
export const TUNE_RUN = [`SET LOCAL work_mem = '256MB'`, `SET LOCAL synchronous_commit = off`];

export const COPY_STAGING_ROWS = `
  COPY staging_rows (job_id, row_number, email, first_name, last_name, company, status, row_hash)
  FROM STDIN WITH (FORMAT text)`;

/** The job's user, evaluated once per statement: the planner can use the contacts index with it. */
const JOB_USER = `(SELECT user_id FROM import_jobs WHERE id = $1::integer)`;

/** This run's rows still marked clean, of the staging table under `alias`. */
const runCleanRows = (alias: string): string =>
  `${alias}.job_id = $1::integer AND ${alias}.id > $2::integer AND ${alias}.status = 'IMPORTED'`;

/**
 * Identical rows collapse: of rows with the same hash, the job keeps the first. A window rather
 * than a join back to the groups: its cost cannot blow up on a bad row estimate.
 */
const COLLAPSE_IDENTICAL_ROWS = [
  `DELETE FROM staging_rows WHERE id IN (
     SELECT id FROM (
       SELECT id, row_number() OVER (PARTITION BY row_hash ORDER BY id) AS copy
       FROM staging_rows WHERE job_id = $1::integer
     ) numbered
     WHERE copy > 1 AND id > $2::integer
   )`,
];

/** Marks the rows found so far as held, so later checks see only clean rows. */
const HOLD_ROWS = `UPDATE staging_rows s SET status = 'ISSUE'
   FROM (SELECT DISTINCT staging_id FROM held) h
   WHERE s.id = h.staging_id AND s.status = 'IMPORTED'`;

/**
 * Why each row of this run is held: missing fields and invalid addresses (found while copying), or
 * an address shared by rows of different identities. Those rows are then marked held.
 */
const FIND_ROW_ISSUES = [
  `CREATE TEMP TABLE held (staging_id integer, type text, issue_key text, description text) ON COMMIT DROP`,
  `INSERT INTO held
   SELECT id, 'MISSING_REQUIRED_FIELD', 'MISSING_REQUIRED_FIELD:' || row_hash,
     format('Row %s is missing required fields: %s', row_number, array_to_string(array_remove(ARRAY[
       CASE WHEN email = '' THEN 'email' END, CASE WHEN first_name = '' THEN 'first_name' END,
       CASE WHEN last_name = '' THEN 'last_name' END, CASE WHEN company = '' THEN 'company' END], NULL), ', '))
   FROM staging_rows
   WHERE job_id = $1::integer AND id > $2::integer AND status = 'ISSUE'
     AND (email = '' OR first_name = '' OR last_name = '' OR company = '')
   UNION ALL
   SELECT id, 'INVALID_EMAIL', 'INVALID_EMAIL:' || row_hash,
     format('Row %s has an invalid email address: %s', row_number, email)
   FROM staging_rows
   WHERE job_id = $1::integer AND id > $2::integer AND status = 'ISSUE' AND email <> ''
     AND NOT (length(email) <= $4::integer AND email ~ $3::text)`,
  `INSERT INTO held
   SELECT id, 'DUPLICATE_EMAIL', 'DUPLICATE_EMAIL:' || email_key,
     'Email appears multiple times with different identities'
   FROM (
     SELECT id, email_key, min(identity) OVER same_email AS lowest, max(identity) OVER same_email AS highest
     FROM (
       SELECT r.id, lower(r.email) COLLATE "C" AS email_key,
         hashtextextended(lower(r.first_name) || chr(31) || lower(r.last_name) || chr(31) || lower(r.company), 0) AS identity
       FROM staging_rows r WHERE ${runCleanRows('r')}
     ) keyed
     WINDOW same_email AS (PARTITION BY email_key)
   ) compared
   WHERE lowest <> highest`,
  HOLD_ROWS,
];

/**
 * For the statements between these two, which match a run's rows against all the user's contacts.
 * The planner's statistics predate the run's rows (a run cannot ANALYZE: that lock would serialise
 * the imports of different users), so it expects a handful and probes the contacts index once per
 * row; hashing the user's contacts once is twice as fast for a large file.
 */
const HASH_JOINS = `SET LOCAL enable_nestloop = off`;
const ANY_JOINS = `SET LOCAL enable_nestloop = on`;

/** Addresses that already belong to a contact of the user with another identity: held too. */
const FIND_CONTACT_CONFLICTS = [
  HASH_JOINS,
  `INSERT INTO held
   SELECT s.id, 'DUPLICATE_EMAIL', 'DUPLICATE_EMAIL:CONTACT:' || c.email,
     format('Email %s already belongs to contact %s with a different identity', c.email, c.id)
   FROM staging_rows s
   JOIN contacts c ON c.user_id = ${JOB_USER} AND c.email = lower(s.email)
   WHERE ${runCleanRows('s')}
     AND (lower(c.first_name), lower(c.last_name), lower(c.company))
         IS DISTINCT FROM (lower(s.first_name), lower(s.last_name), lower(s.company))`,
  ANY_JOINS,
  HOLD_ROWS,
];

/** An issue per reason, linked to the rows it holds; an issue found again on a re-run is open again. */
const RECORD_ISSUES = [
  `INSERT INTO data_issues (job_id, type, issue_key, description)
   SELECT DISTINCT ON (issue_key) $1::integer, type, issue_key, description FROM held ORDER BY issue_key
   ON CONFLICT (job_id, issue_key) DO UPDATE SET resolved = false, resolved_at = NULL, resolved_by = NULL
   WHERE data_issues.resolved`,
  `INSERT INTO data_issue_rows (issue_id, staging_id)
   SELECT i.id, h.staging_id FROM held h JOIN data_issues i ON i.job_id = $1::integer AND i.issue_key = h.issue_key
   ON CONFLICT DO NOTHING`,
];

/**
 * Clean rows become contacts, unless their address already is one (with the same identity, as the
 * checks established): where rows share an address, the first in the file becomes it.
 */
const importCleanRows = (existing: boolean): string =>
  `INSERT INTO contacts (user_id, staging_id, email, first_name, last_name, company)
   SELECT DISTINCT ON (lower(s.email) COLLATE "C") ${JOB_USER}, s.id, lower(s.email), s.first_name, s.last_name, s.company
   FROM staging_rows s
   WHERE ${runCleanRows('s')}${
     existing
       ? `
     AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.user_id = ${JOB_USER} AND c.email = lower(s.email))`
       : ''
   }
   ORDER BY lower(s.email) COLLATE "C", s.row_number`;

/**
 * The set-based steps after the COPY, named for the timings logged at the end of a run. A user with
 * no contacts before the run (stable: runs of a user are serialised) has nothing to conflict with.
 */
export const ingestPhases = (userHadContacts: boolean): [phase: string, statements: string[]][] => [
  ['collapse_ms', COLLAPSE_IDENTICAL_ROWS],
  ['checks_ms', [...FIND_ROW_ISSUES, ...(userHadContacts ? FIND_CONTACT_CONFLICTS : [])]],
  ['issues_ms', RECORD_ISSUES],
  [
    'import_ms',
    userHadContacts ? [HASH_JOINS, importCleanRows(true), ANY_JOINS] : [importCleanRows(false)],
  ],
];

/** A deleted job's rows ($1 job id, $2 its user): its contacts stay, without their staging row. */
export const DELETE_JOB_ROWS = [
  `UPDATE contacts c SET staging_id = NULL
   FROM staging_rows s
   WHERE s.job_id = $1::integer AND c.user_id = $2::text AND c.staging_id = s.id`,
  `DELETE FROM data_issue_rows WHERE issue_id IN (SELECT id FROM data_issues WHERE job_id = $1::integer)`,
  `DELETE FROM data_issues WHERE job_id = $1::integer`,
  `DELETE FROM staging_rows WHERE job_id = $1::integer`,
];
