/**
 * The set-based SQL of one import run, executed in order inside the run's transaction. It is the
 * one place that bulk-writes staging rows, issues and contacts; everything else goes through
 * those modules' services. The one parameter, $1, is the import job's id.
 *
 * `incoming` holds the file's rows as read (COPY); `staged` the rows this run added to staging,
 * with what the checks found. Re-runs are idempotent: rows are keyed by `row_hash` and issues by
 * `issue_key` within the job, and contacts by (user, lower(email)).
 */

export const CREATE_INCOMING = `
  CREATE TEMP TABLE incoming (
    row_number integer, email text, first_name text, last_name text, company text
  ) ON COMMIT DROP`;

export const COPY_INCOMING = `
  COPY incoming (row_number, email, first_name, last_name, company) FROM STDIN WITH (FORMAT text)`;

/** Pragmatic address check: something@something.tld, no spaces, at most 254 characters. */
const VALID_EMAIL = `(length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:].]+$')`;

/**
 * Identical rows collapse (same lower-cased email, names and company); each distinct row is
 * checked, staged as ISSUE or IMPORTED, and recorded in `staged` for the steps below.
 */
export const STAGE_ROWS = [
  `CREATE TEMP TABLE staged (
     staging_id integer, row_hash text, row_number integer, email text, email_key text,
     missing text[], invalid_email boolean, duplicate boolean
   ) ON COMMIT DROP`,
  `WITH distinct_rows AS (
     SELECT DISTINCT ON (row_hash) *
     FROM (
       SELECT *, md5(lower(email) || chr(31) || first_name || chr(31) || last_name || chr(31) || company) AS row_hash
       FROM incoming
     ) hashed
     WHERE NOT EXISTS (SELECT 1 FROM staging_rows s WHERE s.job_id = $1::integer AND s.row_hash = hashed.row_hash)
     ORDER BY row_hash, row_number
   ),
   checked AS (
     SELECT *,
       lower(email) AS email_key,
       array_remove(ARRAY[
         CASE WHEN email = '' THEN 'email' END,
         CASE WHEN first_name = '' THEN 'first_name' END,
         CASE WHEN last_name = '' THEN 'last_name' END,
         CASE WHEN company = '' THEN 'company' END
       ], NULL) AS missing,
       (email <> '' AND NOT ${VALID_EMAIL}) AS invalid_email,
       lower(first_name) || chr(31) || lower(last_name) || chr(31) || lower(company) AS identity
     FROM distinct_rows
   ),
   judged AS (
     SELECT *,
       (cardinality(missing) = 0 AND NOT invalid_email
        AND min(identity) OVER same_email <> max(identity) OVER same_email) AS duplicate
     FROM checked
     WINDOW same_email AS (PARTITION BY email_key, cardinality(missing) = 0 AND NOT invalid_email)
   ),
   inserted AS (
     INSERT INTO staging_rows (job_id, row_number, email, first_name, last_name, company, status, row_hash)
     SELECT $1::integer, row_number, email, first_name, last_name, company,
       CASE WHEN cardinality(missing) > 0 OR invalid_email OR duplicate THEN 'ISSUE' ELSE 'IMPORTED' END,
       row_hash
     FROM judged
     RETURNING id, row_hash
   )
   INSERT INTO staged
   SELECT inserted.id, judged.row_hash, judged.row_number, judged.email, judged.email_key,
     judged.missing, judged.invalid_email, judged.duplicate
   FROM inserted JOIN judged USING (row_hash)`,
];

/** One issue per row for missing fields and for invalid addresses; one per email for duplicates. */
export const RECORD_ROW_ISSUES = [
  `CREATE TEMP TABLE found (issue_key text, type text, description text, staging_id integer) ON COMMIT DROP`,
  `INSERT INTO found
   SELECT 'MISSING_REQUIRED_FIELD:' || row_hash, 'MISSING_REQUIRED_FIELD',
     format('Row %s is missing required fields: %s', row_number, array_to_string(missing, ', ')), staging_id
   FROM staged WHERE cardinality(missing) > 0
   UNION ALL
   SELECT 'INVALID_EMAIL:' || row_hash, 'INVALID_EMAIL',
     format('Row %s has an invalid email address: %s', row_number, email), staging_id
   FROM staged WHERE invalid_email
   UNION ALL
   SELECT 'DUPLICATE_EMAIL:' || email_key, 'DUPLICATE_EMAIL',
     'Email appears multiple times with different identities', staging_id
   FROM staged WHERE duplicate`,
  `INSERT INTO data_issues (job_id, type, issue_key, description)
   SELECT DISTINCT ON (issue_key) $1::integer, type, issue_key, description FROM found ORDER BY issue_key
   ON CONFLICT (job_id, issue_key) DO NOTHING`,
  // A duplicate found again on a re-run with new rows is open again.
  `UPDATE data_issues i SET resolved = false, resolved_at = NULL, resolved_by = NULL
   WHERE i.job_id = $1::integer AND i.resolved AND i.issue_key IN (SELECT issue_key FROM found)`,
  `INSERT INTO data_issue_rows (issue_id, staging_id)
   SELECT i.id, f.staging_id FROM found f JOIN data_issues i ON i.job_id = $1::integer AND i.issue_key = f.issue_key
   ON CONFLICT DO NOTHING`,
];

/** Clean rows become contacts; where two share an address, the first in the file does. */
export const IMPORT_CLEAN_ROWS = `
  INSERT INTO contacts (user_id, staging_id, email, first_name, last_name, company)
  SELECT DISTINCT ON (t.email_key) j.user_id, s.id, t.email_key, s.first_name, s.last_name, s.company
  FROM staged t JOIN staging_rows s ON s.id = t.staging_id JOIN import_jobs j ON j.id = $1::integer
  WHERE s.status = 'IMPORTED'
  ORDER BY t.email_key, t.row_number
  ON CONFLICT (user_id, lower(email)) DO NOTHING`;

/**
 * After the insert, so contacts committed meanwhile by another job count too: a clean row whose
 * address belongs to a contact with another identity is held in a DUPLICATE_EMAIL issue instead.
 */
export const RECORD_CONTACT_CONFLICTS = [
  `CREATE TEMP TABLE conflicted (staging_id integer, email_key text, contact_id integer) ON COMMIT DROP`,
  `INSERT INTO conflicted
   SELECT s.id, t.email_key, c.id
   FROM staged t
   JOIN staging_rows s ON s.id = t.staging_id
   JOIN import_jobs j ON j.id = $1::integer
   JOIN contacts c ON c.user_id = j.user_id AND lower(c.email) = t.email_key
   WHERE s.status = 'IMPORTED'
     AND (lower(c.first_name), lower(c.last_name), lower(c.company))
         IS DISTINCT FROM (lower(s.first_name), lower(s.last_name), lower(s.company))`,
  `UPDATE staging_rows s SET status = 'ISSUE' FROM conflicted c WHERE s.id = c.staging_id`,
  `INSERT INTO data_issues (job_id, type, issue_key, description)
   SELECT DISTINCT ON (email_key) $1::integer, 'DUPLICATE_EMAIL', 'DUPLICATE_EMAIL:CONTACT:' || email_key,
     format('Email %s already belongs to contact %s with a different identity', email_key, contact_id)
   FROM conflicted ORDER BY email_key
   ON CONFLICT (job_id, issue_key) DO UPDATE SET resolved = false, resolved_at = NULL, resolved_by = NULL`,
  `INSERT INTO data_issue_rows (issue_id, staging_id)
   SELECT i.id, c.staging_id FROM conflicted c
   JOIN data_issues i ON i.job_id = $1::integer AND i.issue_key = 'DUPLICATE_EMAIL:CONTACT:' || c.email_key
   ON CONFLICT DO NOTHING`,
];
