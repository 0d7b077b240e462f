package com.marketplacebilling.ops;

import com.marketplacebilling.billing.BillingPolicy;
import java.nio.file.Path;

/**
 * Effective settings of a command: its folders, billing policy, and the database URL (null: the embedded
 * database). The command line resolves them ({@code cli/CommandSettings}).
 */
public record Settings(Path inbox, Path outbox, Path db, BillingPolicy policy, String datasourceUrl) {

    public boolean embedded() { return datasourceUrl == null; }
}
