-- Issue 11 (D52): ANALYZE collects no statistics on invoice_line.explanation. No query filters, joins or sorts on
-- it (the few that read fields of it do so by split_part, on rows chosen by other columns), and sampling a million
-- long texts was a quarter of the ANALYZE the publish step runs after a first night.
ALTER TABLE invoice_line ALTER COLUMN explanation SET STATISTICS 0;
