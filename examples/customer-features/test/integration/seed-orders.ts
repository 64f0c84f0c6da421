// Seeds `orders` in a fresh schema of the test database: run as a child process (tsx), given the URL, the schema
// and the number of rows. Every 500th row has a negative amount, so the raw gate has dead letters to route.
import pg from 'pg';

const [url, schema, rowsText] = process.argv.slice(2);
if (url === undefined || schema === undefined || rowsText === undefined)
  throw new Error('usage: seed-orders <url> <schema> <rows>');
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`CREATE TABLE ${schema}.orders (
    order_id bigint PRIMARY KEY, customer_id bigint, amount numeric(12, 2), currency text, ordered_at timestamp, note text)`);
  await client.query(
    `INSERT INTO ${schema}.orders
     SELECT i, i % 400, CASE WHEN i % 500 = 0 THEN -5 ELSE (i % 97) + 0.5 END, (ARRAY['EUR','USD','GBP'])[1 + i % 3],
            TIMESTAMP '2026-06-17 12:00' - (i % 120) * INTERVAL '1 day', 'not extracted'
     FROM generate_series(1, $1::int) AS i`,
    [Number(rowsText)],
  );
} finally {
  await client.end();
}
