/**
 * The set-based SQL of seed 002's contacts ingestion: one import run, executed in order inside the
 * run's transaction, and the removal of a job's rows. It is the one place that bulk-writes staging
 * rows, issues and contacts; everything else goes through those modules' services.
 *
 * A run first COPYs the file's rows into `staging_rows` (copyStagingRows: rows failing the
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
  COPY staging_rows (job_id, row_number, email, first_name, last_name, company, status, row_hash, identity_hash)
  FROM STDIN WITH (FORMAT text)`;

/** The job's user, evaluated once per statement: the planner can use the contacts index with it. */
const JOB_USER = `(SELECT user_id FROM import_jobs WHERE id = $1::integer)`;

/**
 * Identical rows collapse: of rows with the same hash, the job keeps the first. On a job's first run
 * the clean rows are collapsed while they are sorted (SORT_CLEAN_ROWS), so only the rows that failed
 * the checks need a statement of their own; once the job has rows (a reprocess), this run's rows are
 * matched against all of them. A window rather than a join back to the groups: its cost cannot blow
 * up on a bad row estimate.
 */
const collapseIdenticalRows = (rows: 'all' | 'failed'): string =>
  `DELETE FROM staging_rows WHERE id IN (
     SELECT id FROM (
       SELECT id, row_number() OVER (PARTITION BY row_hash ORDER BY id) AS copy
       FROM staging_rows
       WHERE job_id = $1::integer${rows === 'failed' ? ` AND status = 'ISSUE'` : ''}
     ) numbered
     WHERE copy > 1 AND id > $2::integer
   )`;

/** Why each held row of this run is held: one row per reason. */
const CREATE_HELD = `CREATE TEMP TABLE held (staging_id integer, type text, issue_key text, description text) ON COMMIT DROP`;

/** Rows that failed the per-row checks while copying: their missing fields or invalid address. */
const FIND_FAILED_CHECKS = `INSERT INTO held
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
     AND NOT (length(email) <= $4::integer AND email ~ $3::text)`;

/**
 * This run's clean rows, sorted once by address (then hash, then file order) and read by the later
 * steps instead of staging: whether an address is shared by rows of different identities, which row
 * is its first in the file, and whether a row repeats an earlier one. One window over the whole
 * address computes all three. The contacts are inserted from it in address order without another
 * sort, which is also the order their unique index is built in.
 */
const SORT_CLEAN_ROWS = `CREATE TEMP TABLE clean_rows ON COMMIT DROP AS
   SELECT id, email_key, first_name, last_name, company,
     min(identity_hash) OVER same_email <> max(identity_hash) OVER same_email AS shared,
     id = min(id) OVER same_email AS first,
     row_hash IS NOT DISTINCT FROM lag(row_hash) OVER same_email AS identical
   FROM (
     SELECT id, lower(email) COLLATE "C" AS email_key, row_hash, identity_hash,
       first_name, last_name, company
     FROM staging_rows WHERE job_id = $1::integer AND id > $2::integer AND status = 'IMPORTED'
   ) keyed
   WINDOW same_email AS (PARTITION BY email_key ORDER BY row_hash, id
     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
   ORDER BY email_key, row_hash, id`;

/**
 * For the clean-rows sort. The planner's statistics predate the run's rows (see HASH_JOINS), so it
 * would never split the scan and sort of a large run among parallel workers; made to look free,
 * they do it (as many as `max_parallel_workers_per_gather` allows): 1M rows sorted in 2.06-2.10 s
 * against 2.40-2.67 s in one process.
 */
const PARALLEL_COSTS = [
  'parallel_setup_cost',
  'parallel_tuple_cost',
  'min_parallel_table_scan_size',
];
const PARALLEL_PLANS = PARALLEL_COSTS.map((setting) => `SET LOCAL ${setting} = 0`);
const USUAL_PLANS = PARALLEL_COSTS.map((setting) => `SET LOCAL ${setting} TO DEFAULT`);

/** The clean rows that repeat an earlier row of the file. */
const DROP_IDENTICAL_CLEAN_ROWS = `DELETE FROM staging_rows
   WHERE id IN (SELECT id FROM clean_rows WHERE identical)`;

/** Clean rows sharing an address with a row of another identity. */
const FIND_DUPLICATE_EMAILS = `INSERT INTO held
   SELECT id, 'DUPLICATE_EMAIL', 'DUPLICATE_EMAIL:' || email_key,
     'Email appears multiple times with different identities'
   FROM clean_rows WHERE shared AND NOT identical`;

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
   SELECT r.id, 'DUPLICATE_EMAIL', 'DUPLICATE_EMAIL:CONTACT:' || c.email,
     format('Email %s already belongs to contact %s with a different identity', c.email, c.id)
   FROM clean_rows r
   JOIN contacts c ON c.user_id = ${JOB_USER} AND c.email = r.email_key
   WHERE NOT r.shared AND NOT r.identical
     AND (lower(c.first_name), lower(c.last_name), lower(c.company))
         IS DISTINCT FROM (lower(r.first_name), lower(r.last_name), lower(r.company))`,
  ANY_JOINS,
];

/**
 * Marks the rows found held. In id order: the index probes then walk the table's pages in order
 * (1.75 -> 1.16 s for 200,000 rows).
 */
const HOLD_ROWS = `UPDATE staging_rows s SET status = 'ISSUE'
   FROM (SELECT DISTINCT staging_id FROM held ORDER BY staging_id) h
   WHERE s.id = h.staging_id AND s.status = 'IMPORTED'`;

/** On a reprocess: an issue found again is open again, and its rows are linked once. */
const REOPEN_FOUND_AGAIN = `ON CONFLICT (job_id, issue_key) DO UPDATE
   SET resolved = false, resolved_at = NULL, resolved_by = NULL WHERE data_issues.resolved`;
const LINK_ONCE = `ON CONFLICT DO NOTHING`;

/**
 * An issue per reason, linked to the rows it holds. A job's first run has no issues yet, so it
 * leaves out the conflict handling (0.35 s per 100,000 issues).
 */
const recordIssues = (jobHadRows: boolean): string[] => [
  `INSERT INTO data_issues (job_id, type, issue_key, description)
   SELECT DISTINCT ON (issue_key) $1::integer, type, issue_key, description FROM held ORDER BY issue_key
   ${jobHadRows ? REOPEN_FOUND_AGAIN : ''}`,
  `INSERT INTO data_issue_rows (issue_id, staging_id)
   SELECT i.id, h.staging_id FROM held h JOIN data_issues i ON i.job_id = $1::integer AND i.issue_key = h.issue_key
   ${jobHadRows ? LINK_ONCE : ''}`,
];

/**
 * Clean rows become contacts, unless their address already is one (with the same identity, as the
 * checks established): where rows share an address, the first in the file becomes it.
 */
const importCleanRows = (existing: boolean): string =>
  `INSERT INTO contacts (user_id, staging_id, email, first_name, last_name, company)
   SELECT ${JOB_USER}, r.id, r.email_key, r.first_name, r.last_name, r.company
   FROM clean_rows r
   WHERE r.first AND NOT r.shared${
     existing
       ? `
     AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.user_id = ${JOB_USER} AND c.email = r.email_key)`
       : ''
   }`;

/** What the run knows before its set-based steps, letting it leave out those with nothing to find. */
export interface RunFacts {
  /** The job had staging rows before this run (a reprocess). */
  jobHadRows: boolean;
  /** The user had contacts before the run (stable: runs of a user are serialised). */
  userHadContacts: boolean;
  /** Some rows failed the per-row checks while copying. */
  rowsFailedChecks: boolean;
}

/**
 * The set-based steps after the COPY, named for the timings logged at the end of a run: identical
 * rows collapse, the clean rows are sorted, why rows are held (failed checks, shared addresses,
 * conflicts with the user's contacts), then the issues, then the contacts.
 */
export const ingestPhases = ({
  jobHadRows,
  userHadContacts,
  rowsFailedChecks,
}: RunFacts): [phase: string, statements: string[]][] => [
  [
    'collapse_ms',
    jobHadRows
      ? [collapseIdenticalRows('all')]
      : rowsFailedChecks
        ? [collapseIdenticalRows('failed')]
        : [],
  ],
  ['sort_ms', [...PARALLEL_PLANS, SORT_CLEAN_ROWS, ...USUAL_PLANS, DROP_IDENTICAL_CLEAN_ROWS]],
  [
    'checks_ms',
    [
      CREATE_HELD,
      ...(rowsFailedChecks ? [FIND_FAILED_CHECKS] : []),
      FIND_DUPLICATE_EMAILS,
      ...(userHadContacts ? FIND_CONTACT_CONFLICTS : []),
      HOLD_ROWS,
    ],
  ],
  ['issues_ms', recordIssues(jobHadRows)],
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
