package com.marketplacebilling.publish;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Output 3, {@code manifest.json} (feeds.md): the run's facts, its files and its control totals. Written by
 * {@link ManifestJson}. Inputs and outputs keep the caller's order; currencies are sorted by code.
 */
public record Manifest(
        LocalDate businessDate,
        long jobExecutionId,
        int attempt,
        String rulesVersion,
        String rounding,
        Instant startedAt,
        Instant finishedAt,
        List<InputFile> inputs,
        List<OutputFile> outputs,
        List<CurrencyTotal> currencies) {

    public static final String FILE_NAME = "manifest.json";

    public Manifest {
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        List<CurrencyTotal> sorted = new ArrayList<>(currencies);
        sorted.sort(Comparator.comparing(CurrencyTotal::currency, TextOrder.CODE_POINT));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).currency().equals(sorted.get(i - 1).currency())) {
                throw new IllegalArgumentException("currency " + sorted.get(i).currency() + " listed twice");
            }
        }
        currencies = List.copyOf(sorted);
    }

    /** An input feed: {@code rows = accepted + rejected} (data rows, the header not counted). */
    public record InputFile(String name, String sha256, long rows, long accepted, long rejected) {
        public InputFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            if (rows < 0 || accepted < 0 || rejected < 0 || rows != accepted + rejected) {
                throw new IllegalArgumentException(name + ": rows " + rows + " != accepted " + accepted
                        + " + rejected " + rejected);
            }
        }
    }

    /** An output file with its data rows (the header not counted). */
    public record OutputFile(String name, String sha256, long rows) {
        public OutputFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            if (rows < 0) {
                throw new IllegalArgumentException(name + ": negative rows");
            }
        }
    }

    /**
     * Control totals of one currency: line count, sum of positive Subtotals, sum of negative ones, and their sum.
     * Amounts are held at the currency's minor digits.
     */
    public record CurrencyTotal(String currency, long lines, BigDecimal charges, BigDecimal credits, BigDecimal net) {
        public CurrencyTotal {
            charges = Amounts.toMinor(charges, currency);
            credits = Amounts.toMinor(credits, currency);
            net = Amounts.toMinor(net, currency);
            if (lines < 0 || charges.signum() < 0 || credits.signum() > 0 || net.compareTo(charges.add(credits)) != 0) {
                throw new IllegalArgumentException("inconsistent totals for " + currency + ": lines " + lines
                        + ", charges " + charges + ", credits " + credits + ", net " + net);
            }
        }
    }
}
