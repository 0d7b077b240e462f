package com.marketplacebilling.batch;

import java.util.Locale;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Reports a long step's progress at least every {@code interval} (rows done, rows per second, estimated time
 * left) and one line when it ends. Chunks are small, so a report after a chunk is never far behind.
 */
public class ProgressListener implements ChunkListener<Object, Object>, StepExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger("com.marketplacebilling.progress");
    private final long intervalNanos;
    private final ToLongFunction<StepExecution> expectedTotal;
    private StepExecution step;
    private long total;
    private long startedAt;
    private long lastReport;

    /** @param expectedTotal the step's expected item count, or a negative number when unknown */
    public ProgressListener(long intervalMillis, ToLongFunction<StepExecution> expectedTotal) {
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.expectedTotal = expectedTotal;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
        total = expectedTotal.applyAsLong(stepExecution);
        startedAt = System.nanoTime();
        lastReport = startedAt;
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            LOG.info(line(now - startedAt));
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        LOG.info(String.format(Locale.ROOT, "%s %s: %,d items in %.1f s", stepExecution.getStepName(),
                stepExecution.getStatus(), stepExecution.getReadCount(), (System.nanoTime() - startedAt) / 1e9));
        return stepExecution.getExitStatus();
    }

    /** The report after {@code elapsedNanos} of the step. */
    String line(long elapsedNanos) {
        long done = step.getReadCount();
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = total > done && rate > 0
                ? String.format(Locale.ROOT, ", about %.0f s left", (total - done) / rate) : "";
        String of = total >= 0 ? String.format(Locale.ROOT, " of about %,d", total) : "";
        return String.format(Locale.ROOT, "%s: %,d%s done, %,.0f per second%s", step.getStepName(), done, of, rate, left);
    }
}
