/**
 * Cache and output versions of the warehouse run.
 *
 * PARSER_VERSION names the parse cache (.cache/parse/<PARSER_VERSION>-<source hash>/). The source
 * hash covers every source file of the parser (data-loaders/ minus warehouse/ and cli/: parse/,
 * extract/, check/, format/schema.json, parse-file.ts, ...), so any change to the parser
 * invalidates the cache even when nobody bumps the constant. Bump PARSER_VERSION for what the
 * hash cannot see: a dependency upgrade (mammoth, htmlparser2, ...) that changes results.
 *
 * WAREHOUSE_VERSION goes, with a hash of data-loaders/warehouse/, into the fingerprint of the
 * output: a change to records, dedupe or the table layout rewrites the Parquet files on the next
 * run. Bump it for what the hash cannot see (a DuckDB upgrade that changes the Parquet bytes).
 */
export const PARSER_VERSION = "0.1.0";
export const WAREHOUSE_VERSION = "1";
