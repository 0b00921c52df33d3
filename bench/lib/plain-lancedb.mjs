// The plain-Node reference for `facet` whole-process timings: opens the same LanceDB table with
// nothing of Facet loaded and gives the same answer's core, printed as JSON.
//   node plain-lancedb.mjs <library dir> similar <paper id> <aspect>   stored vector, then ANN top 10
//   node plain-lancedb.mjs <library dir> stats                         row count
//   node plain-lancedb.mjs <library dir> keyword "<query>"             full-text top 10
process.env.LANCEDB_LOG ??= 'error';
const lancedb = await import('@lancedb/lancedb');
const [dir, op, arg, aspect] = process.argv.slice(2);
const quote = (value) => `'${String(value).replaceAll("'", "''")}'`;
const db = await lancedb.connect(dir);
const table = await db.openTable('papers');
let answer;
if (op === 'similar') {
  const column = `vec_${aspect}`;
  const [row] = await table.query().where(`id = ${quote(arg)}`).select([column]).limit(1).toArray();
  const hits = await table
    .vectorSearch(Array.from(row[column].toArray()))
    .column(column)
    .distanceType('cosine')
    .nprobes(20)
    .where(`id != ${quote(arg)}`)
    .select(['id', 'title', '_distance'])
    .limit(10)
    .toArray();
  answer = hits.map((hit) => ({ id: hit.id, title: hit.title, score: 1 - hit._distance }));
} else if (op === 'stats') {
  answer = { papers: await table.countRows() };
} else if (op === 'keyword') {
  const hits = await table.query().fullTextSearch(new lancedb.MatchQuery(arg, 'text')).select(['id', 'title', '_score']).limit(10).toArray();
  answer = hits.map((hit) => ({ id: hit.id, title: hit.title, score: hit._score }));
} else {
  throw new Error(`unknown operation ${op}`);
}
process.stdout.write(`${JSON.stringify(answer)}\n`);
table.close();
db.close();
