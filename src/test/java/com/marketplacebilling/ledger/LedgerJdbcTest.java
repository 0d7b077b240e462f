package com.marketplacebilling.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the stores share (D50): the samples that cut work into ranges, and statements run side by side. */
class LedgerJdbcTest extends LedgerStoreTestBase {

    @Test
    @DisplayName("a sample for splits holds about 1% of the matching rows, sorted, from a large table's pages or a small one's rows")
    void sortedSample() {
        // rows about as wide as a line's, so a page holds a few dozen, as in invoice_line
        f.jdbc.execute("CREATE TABLE probe (id TEXT COLLATE \"C\", k INT, filler TEXT)");
        f.jdbc.execute("INSERT INTO probe SELECT lpad(i::text, 7, '0'), i % 2, repeat('x', 300)"
                + " FROM generate_series(1, 200000) i");
        f.jdbc.execute("CREATE TABLE small_probe AS SELECT * FROM probe WHERE id < '0005000'");
        f.jdbc.execute("ANALYZE probe, small_probe");

        List<String> large = LedgerJdbc.sortedSample(f.jdbc, "id", "probe", "k = ?", 1);
        assertThat(large).as("1% of 100,000 matching rows, give or take the pages drawn").hasSizeBetween(600, 1500);
        assertThat(large).isSorted().allMatch(id -> Integer.parseInt(id) % 2 == 1);

        List<String> small = LedgerJdbc.sortedSample(f.jdbc, "id", "small_probe", "k = ?", 0);
        assertThat(small).hasSizeLessThan(200).isSorted().allMatch(id -> Integer.parseInt(id) % 2 == 0);
        assertThat(LedgerJdbc.splits(large, 2)).singleElement()
                .satisfies(b -> assertThat(Integer.parseInt(b)).as("the middle of the ids").isBetween(75000, 125000));
    }

    @Test
    @DisplayName("statements run side by side on sessions of their own, and the first failure is thrown; in a transaction, on it, in order")
    void atOnce() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        LedgerJdbc.atOnce(List.of(
                () -> threads.add(Thread.currentThread().getName() + f.jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class)),
                () -> threads.add(Thread.currentThread().getName() + f.jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class))));
        assertThat(threads).hasSize(2).allMatch(t -> t.startsWith("ledger-at-once"));

        assertThatThrownBy(() -> LedgerJdbc.atOnce(List.of(() -> f.jdbc.execute("SELECT 1"),
                () -> f.jdbc.execute("SELECT * FROM no_such_table"))))
                .isInstanceOf(org.springframework.jdbc.BadSqlGrammarException.class).hasMessageContaining("no_such_table");

        List<String> order = new java.util.ArrayList<>();
        new TransactionTemplate(new DataSourceTransactionManager(f.jdbc.getDataSource())).executeWithoutResult(s -> {
            f.jdbc.execute("CREATE TABLE in_tx (n INT)"); // another session would wait for this lock
            LedgerJdbc.atOnce(List.of(() -> order.add(Thread.currentThread().getName()
                            + f.jdbc.queryForObject("SELECT count(*) FROM in_tx", Integer.class)),
                    () -> order.add("second")));
            s.setRollbackOnly();
        });
        assertThat(order).containsExactly(Thread.currentThread().getName() + 0, "second");
    }
}
