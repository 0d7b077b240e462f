package com.marketplacebilling.ledger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A store test: one migrated database for the class ({@link LedgerFixture}), dropped after its last test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerStoreTestBase {
    LedgerFixture f;

    @BeforeAll
    void database() { f = new LedgerFixture(); }

    @AfterAll
    void drop() { f.close(); }
}
