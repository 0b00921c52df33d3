/**
 * The lowest cosine between a query's vector and a paper's generic vector that counts as a
 * semantic match; papers below it are not results, however few papers are above it.
 *
 * Calibrated by `npx tsx bench/search-threshold.ts` (bench/lib/threshold-calibration.ts): 124
 * Papers-with-Code task names as queries over 3,000 training-split PwC papers (a query matches the
 * papers labelled with its task), and 12 off-topic queries (everyday phrases, nonsense strings)
 * over the 118 papers of the seed digest pages. 0.55 has the best F1 over all (query, paper) pairs
 * (precision 0.449, recall 0.476, F1 0.462) and no off-topic hit on the seed pages; from 0.48 up
 * no off-topic query matches a seed paper, and below 0.46 "wedding dress shopping" and "football
 * match tickets" start to. A query made of words the model does not know ("zzzqqq nonsenseword")
 * reaches at most 0.13. Re-run the script after changing the model.
 */
export const SEMANTIC_MIN_COSINE = 0.55;
