// Read the published serving database with DuckDB's Node client (@duckdb/node-api 1.x, pinned in
// package-lock.json) and print what it saw as one JSON line, like clients/read_serving.py.
// Usage: node clients/node/read_serving.mjs PATH/TO/serving.duckdb
import { readFileSync } from 'node:fs';
import { DuckDBInstance, version } from '@duckdb/node-api';

const queries = JSON.parse(readFileSync(new URL('../queries.json', import.meta.url), 'utf8'));
const instance = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
const first = async (sql) => (await connection.runAndReadAll(sql)).getRowsJson()[0][0];

const answers = {};
for (const [name, sql] of Object.entries(queries)) answers[name] = await first(sql);
const marts = (await connection.runAndReadAll('select mart, row_count from publish_manifest order by mart')).getRowsJson();
const manifest = {};
const counts = {};
for (const [mart, rowCount] of marts) {
  manifest[mart] = Number(rowCount);
  counts[mart] = Number(await first(`select count(*) from "${mart}"`));
}
console.log(JSON.stringify({ client: 'node', duckdb_version: version(), answers, manifest, counts }));
