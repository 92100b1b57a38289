/** What `/me` answers for the benchmark's user; the baselines answer the same bytes. */
export const BENCH_USER = 'bench-user';
export const BENCH_GROUPS = ['uploader'];
export const ME_BODY = {
  user_id: BENCH_USER,
  groups: BENCH_GROUPS,
  issuer: 'intake',
  token_use: 'access',
};
